using System;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Per-route (or route group) override of <see cref="ChaosOptions"/>: each knob set here replaces the
    /// global one for that route; null inherits (from the group, then the global options).
    /// </summary>
    public sealed class ChaosRouteOptions
    {
        /// <summary>See <see cref="ChaosOptions.ServerErrorRate"/>.</summary>
        public double? ServerErrorRate { get; set; }

        /// <summary>See <see cref="ChaosOptions.RateLimitBurstRate"/>.</summary>
        public double? RateLimitBurstRate { get; set; }

        /// <summary>See <see cref="ChaosOptions.RateLimitRetryAfterSeconds"/>.</summary>
        public int? RateLimitRetryAfterSeconds { get; set; }

        /// <summary>See <see cref="ChaosOptions.ConnectionResetRate"/>.</summary>
        public double? ConnectionResetRate { get; set; }

        /// <summary>See <see cref="ChaosOptions.AcceptThenDropRate"/> (only meaningful for <c>generate</c>).</summary>
        public double? AcceptThenDropRate { get; set; }

        /// <summary>See <see cref="ChaosOptions.SlowResponseRate"/>.</summary>
        public double? SlowResponseRate { get; set; }

        /// <summary>See <see cref="ChaosOptions.SlowResponseDelay"/>.</summary>
        public TimeSpan? SlowResponseDelay { get; set; }

        /// <summary>See <see cref="ChaosOptions.TruncatedDownloadRate"/> (only meaningful for <c>files</c>).</summary>
        public double? TruncatedDownloadRate { get; set; }

        /// <summary>See <see cref="ChaosOptions.WrongContentLengthRate"/> (only meaningful for <c>files</c>).</summary>
        public double? WrongContentLengthRate { get; set; }

        /// <summary>True when any rate set here is above 0.</summary>
        public bool HasAnyRate() =>
            ServerErrorRate > 0 || RateLimitBurstRate > 0 || ConnectionResetRate > 0 || AcceptThenDropRate > 0
            || SlowResponseRate > 0 || TruncatedDownloadRate > 0 || WrongContentLengthRate > 0;

        /// <summary>A copy.</summary>
        public ChaosRouteOptions Clone() => (ChaosRouteOptions)MemberwiseClone();
    }
}
