using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// An immutable, validated compilation of <see cref="ChaosOptions"/>: the effective settings of every route,
    /// resolved once (route name → group → global), so a request only does a dictionary lookup.
    /// </summary>
    internal sealed class ChaosPlan
    {
        private readonly Dictionary<string, ChaosSettings> _byRoute = new Dictionary<string, ChaosSettings>(StringComparer.Ordinal);

        public ChaosPlan(ChaosOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            Options = options.Clone();
            Enabled = Options.IsEnabled();
            Global = ChaosSettings.From(Options);
            Global.Validate("(global)");

            var overrides = new Dictionary<string, ChaosRouteOptions>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in Options.Routes)
            {
                if (!ChaosRoutes.Keys.Contains(pair.Key))
                    throw new ArgumentException($"Chaos route '{pair.Key}' is unknown; use one of: {string.Join(", ", ChaosRoutes.Keys)}.");
                if (!overrides.TryAdd(pair.Key, pair.Value))
                    throw new ArgumentException($"Chaos route '{pair.Key}' is configured twice.");
                Global.With(pair.Value).Validate($"route '{pair.Key}'");
            }

            foreach (var route in ChaosRoutes.All)
            {
                overrides.TryGetValue(route.Group, out var group);
                overrides.TryGetValue(route.Name, out var exact);
                _byRoute[route.Name] = Global.With(group).With(exact);
            }
        }

        /// <summary>A private copy of what was set (returned as a clone by <see cref="SandboxChaos.Options"/>).</summary>
        public ChaosOptions Options { get; }

        /// <summary>False when every rate is 0: requests skip the draw entirely.</summary>
        public bool Enabled { get; }

        public ChaosSettings Global { get; }

        public ChaosSettings For(ChaosRoute route) => _byRoute[route.Name];
    }
}
