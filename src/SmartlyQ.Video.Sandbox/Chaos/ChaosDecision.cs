using System;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>What goes wrong with one request. At most one fault answers before the endpoint (<see cref="Early"/>).</summary>
    internal readonly record struct ChaosDecision(
        TimeSpan? Delay,
        EarlyFault Early,
        int ServerErrorStatus,
        bool HtmlBody,
        int RetryAfterSeconds,
        bool AcceptThenDrop,
        double? TruncateShare,
        double? ExtraLengthShare)
    {
        public static readonly ChaosDecision None = new ChaosDecision(null, EarlyFault.None, 0, false, 0, false, null, null);
    }

    /// <summary>Faults answered before the endpoint runs, in priority order.</summary>
    internal enum EarlyFault
    {
        None,
        ConnectionReset,
        ServerError,
        RateLimitBurst,
    }
}
