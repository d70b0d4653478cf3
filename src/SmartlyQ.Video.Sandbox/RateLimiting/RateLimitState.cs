using System;

namespace SmartlyQ.Video.Sandbox.RateLimiting
{
    /// <summary>What the rate-limit headers report for one request.</summary>
    internal readonly record struct RateLimitState(int Limit, int Remaining, DateTimeOffset ResetAt, int RetryAfterSeconds)
    {
        public long ResetUnixSeconds => (long)Math.Ceiling(ResetAt.ToUnixTimeMilliseconds() / 1000.0);
    }
}
