using System;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>The effective, validated knobs for one route (global values with its overrides applied).</summary>
    internal sealed record ChaosSettings(
        double ServerErrorRate,
        double RateLimitBurstRate,
        int RateLimitRetryAfterSeconds,
        double ConnectionResetRate,
        double AcceptThenDropRate,
        double SlowResponseRate,
        TimeSpan SlowResponseDelay,
        double TruncatedDownloadRate,
        double WrongContentLengthRate)
    {
        public static ChaosSettings From(ChaosOptions o) => new ChaosSettings(
            o.ServerErrorRate, o.RateLimitBurstRate, o.RateLimitRetryAfterSeconds, o.ConnectionResetRate, o.AcceptThenDropRate,
            o.SlowResponseRate, o.SlowResponseDelay, o.TruncatedDownloadRate, o.WrongContentLengthRate);

        /// <summary>These settings with every knob <paramref name="o"/> sets replaced.</summary>
        public ChaosSettings With(ChaosRouteOptions? o) => o == null ? this : new ChaosSettings(
            o.ServerErrorRate ?? ServerErrorRate,
            o.RateLimitBurstRate ?? RateLimitBurstRate,
            o.RateLimitRetryAfterSeconds ?? RateLimitRetryAfterSeconds,
            o.ConnectionResetRate ?? ConnectionResetRate,
            o.AcceptThenDropRate ?? AcceptThenDropRate,
            o.SlowResponseRate ?? SlowResponseRate,
            o.SlowResponseDelay ?? SlowResponseDelay,
            o.TruncatedDownloadRate ?? TruncatedDownloadRate,
            o.WrongContentLengthRate ?? WrongContentLengthRate);

        /// <summary>Throws <see cref="ArgumentException"/> naming the first bad knob; <paramref name="where"/> says global or which route.</summary>
        public void Validate(string where)
        {
            Rate(ServerErrorRate, nameof(ServerErrorRate), where);
            Rate(RateLimitBurstRate, nameof(RateLimitBurstRate), where);
            Rate(ConnectionResetRate, nameof(ConnectionResetRate), where);
            Rate(AcceptThenDropRate, nameof(AcceptThenDropRate), where);
            Rate(SlowResponseRate, nameof(SlowResponseRate), where);
            Rate(TruncatedDownloadRate, nameof(TruncatedDownloadRate), where);
            Rate(WrongContentLengthRate, nameof(WrongContentLengthRate), where);
            if (RateLimitRetryAfterSeconds < 0) throw new ArgumentException($"Chaos {where}: RateLimitRetryAfterSeconds must not be negative.");
            if (SlowResponseDelay < TimeSpan.Zero) throw new ArgumentException($"Chaos {where}: SlowResponseDelay must not be negative.");
        }

        private static void Rate(double value, string name, string where)
        {
            if (double.IsNaN(value) || value < 0 || value > 1) throw new ArgumentException($"Chaos {where}: {name} must be between 0 and 1.");
        }
    }
}
