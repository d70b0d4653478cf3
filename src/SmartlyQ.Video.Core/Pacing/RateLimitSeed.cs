using System;

namespace SmartlyQ.Video.Core.Pacing
{
    /// <summary>
    /// What a provider's pacer assumes before any answer has shown the key's limit: the API's documented default
    /// (SmartlyQ: 60 requests per 60 s), or <see cref="Unknown"/> for an API that sends no limit headers.
    /// </summary>
    internal sealed class RateLimitSeed
    {
        /// <summary>The limit of an API without limit headers: no client-side limit until a 429 holds requests for its Retry-After.</summary>
        public static readonly RateLimitSeed Unknown = new RateLimitSeed(1_000_000_000, TimeSpan.FromMinutes(1));

        public RateLimitSeed(int limit, TimeSpan window)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), "A rate limit allows at least one request.");
            if (window < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(window), "A rate-limit window lasts at least a second.");
            Limit = limit;
            Window = window;
        }

        /// <summary>Requests per window.</summary>
        public int Limit { get; }

        /// <summary>Window length.</summary>
        public TimeSpan Window { get; }
    }
}
