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

        /// <summary>
        /// <paramref name="requestsPerSecond"/> (0.01–10,000) as a limit per window: per second from 1/s up, else one
        /// request per 1/rate seconds. Throws <see cref="ArgumentOutOfRangeException"/> outside that span.
        /// </summary>
        public static RateLimitSeed PerSecond(double requestsPerSecond)
        {
            if (double.IsNaN(requestsPerSecond) || requestsPerSecond < 0.01 || requestsPerSecond > 10_000)
                throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), "A request rate is 0.01 to 10,000 requests per second.");
            return requestsPerSecond >= 1
                ? new RateLimitSeed((int)Math.Round(requestsPerSecond), TimeSpan.FromSeconds(1))
                : new RateLimitSeed(1, TimeSpan.FromSeconds(1 / requestsPerSecond));
        }

        /// <summary>Limit ÷ window; null for <see cref="Unknown"/>.</summary>
        public double? RequestsPerSecond => ReferenceEquals(this, Unknown) ? (double?)null : Limit / Window.TotalSeconds;

        /// <summary>Requests per window.</summary>
        public int Limit { get; }

        /// <summary>Window length.</summary>
        public TimeSpan Window { get; }
    }
}
