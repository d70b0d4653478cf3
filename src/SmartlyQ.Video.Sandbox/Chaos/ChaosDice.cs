namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// SplitMix64: a tiny, fully specified generator. Used instead of <see cref="System.Random"/> so a request's
    /// draws are a pure function of (seed, request number) on every runtime, with no shared state to lock.
    /// </summary>
    internal struct ChaosDice
    {
        private ulong _state;

        public ChaosDice(ulong seed) => _state = seed;

        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public ulong NextUInt64()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }

        /// <summary>Uniform in [0, 1): 53 random bits, so <c>NextDouble() &lt; 1.0</c> always holds and rate 1 always fires.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
    }
}
