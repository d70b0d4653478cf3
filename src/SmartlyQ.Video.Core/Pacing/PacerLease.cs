namespace SmartlyQ.Video.Core.Pacing
{
    /// <summary>
    /// What <see cref="RequestPacer.AcquireAsync"/> hands out for one attempt; given back with the attempt's answer
    /// through <see cref="RequestPacer.Complete"/>. A value type, so a request that does not wait allocates nothing.
    /// </summary>
    internal readonly struct PacerLease
    {
        public PacerLease(RequestPriority priority, bool counted, bool probe)
        {
            Priority = priority;
            Counted = counted;
            Probe = probe;
        }

        /// <summary>The class the request was served in.</summary>
        public RequestPriority Priority { get; }

        /// <summary>True when the attempt took a permit and counts as in flight until its answer.</summary>
        public bool Counted { get; }

        /// <summary>True when the attempt was sent alone to learn the key's budget (first request, or after a 429).</summary>
        public bool Probe { get; }

        /// <summary>True when the answer may correct the pacer: the request went to the API, which spends the key's budget.</summary>
        public bool Observed => Priority != RequestPriority.Unpaced;
    }
}
