using System;
using System.Collections.Generic;
using SmartlyQ.Video.Sandbox.Chaos;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// The running sandbox's fault injection: current settings, changeable at any time (one test can run a batch
    /// with faults, then <see cref="Disable"/> and re-run it), and counters of what was injected.
    /// Same data as <c>GET /sandbox/chaos</c>.
    /// </summary>
    public sealed class SandboxChaos
    {
        private readonly ChaosDecider _decider;
        private volatile ChaosPlan _plan;

        internal SandboxChaos(ChaosOptions? options, int? fallbackSeed)
        {
            options ??= new ChaosOptions();
            _plan = new ChaosPlan(options);
            _decider = new ChaosDecider(options.Seed ?? fallbackSeed);
        }

        internal ChaosCounters Counters { get; } = new ChaosCounters();

        /// <summary>A copy of the settings in force (edit it and pass it to <see cref="Set"/> to change them).</summary>
        public ChaosOptions Options => _plan.Options.Clone();

        /// <summary>True when any rate is above 0.</summary>
        public bool Enabled => _plan.Enabled;

        /// <summary>Injected faults so far by kind (<see cref="ChaosFaultKinds"/>), every kind listed, zeros included.</summary>
        public IReadOnlyDictionary<string, long> Injected => Counters.Snapshot();

        /// <summary>
        /// Replaces the settings for every following request (requests already past the fault point are not affected).
        /// Invalid settings throw <see cref="ArgumentException"/> and leave the old ones in force.
        /// A non-null <see cref="ChaosOptions.Seed"/> restarts the draw sequence; counters are kept.
        /// </summary>
        public void Set(ChaosOptions options)
        {
            var plan = new ChaosPlan(options);
            if (options.Seed is int seed) _decider.Reseed(seed);
            _plan = plan;
        }

        /// <summary>Turns every fault off (counters are kept).</summary>
        public void Disable() => _plan = new ChaosPlan(new ChaosOptions());

        /// <summary>Sets every counter back to 0.</summary>
        public void ResetCounters() => Counters.Reset();

        /// <summary>The faults of one request on <paramref name="route"/>; <see cref="ChaosDecision.None"/> when chaos is off.</summary>
        internal ChaosDecision Decide(ChaosRoute route)
        {
            var plan = _plan;
            return plan.Enabled ? _decider.Decide(plan.For(route)) : ChaosDecision.None;
        }
    }
}
