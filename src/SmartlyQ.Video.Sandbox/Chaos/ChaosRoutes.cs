using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// Maps the matched endpoint (<c>METHOD</c> + route pattern) to a <see cref="ChaosRoute"/>. An allow-list, so the
    /// ledger, <c>/sandbox/…</c> and any route added later stay fault-free until someone lists them here.
    /// </summary>
    internal static class ChaosRoutes
    {
        // Each provider lists its own routes (ProviderProtocol.ChaosRoutes).
        private static readonly Dictionary<string, ChaosRoute> ByName = ProviderProtocols.All
            .SelectMany(p => p.ChaosRoutes)
            .ToDictionary(r => r.Name, StringComparer.Ordinal);

        public static IEnumerable<ChaosRoute> All => ByName.Values;

        /// <summary>Every valid key of <see cref="ChaosOptions.Routes"/>: route names and group names.</summary>
        public static readonly HashSet<string> Keys = new HashSet<string>(
            ByName.Keys.Concat(ByName.Values.Select(r => r.Group)), StringComparer.OrdinalIgnoreCase);

        public static ChaosRoute? Match(HttpContext context)
        {
            if (context.GetEndpoint() is not RouteEndpoint endpoint) return null;
            var name = context.Request.Method.ToUpperInvariant() + " " + endpoint.RoutePattern.RawText;
            return ByName.TryGetValue(name, out var route) ? route : null;
        }
    }
}
