using System;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// SmartlyQ's rate-limit headers: <c>X-RateLimit-Limit</c> (requests per window), <c>X-RateLimit-Remaining</c>
    /// (left in the current window) and <c>X-RateLimit-Reset</c> (Unix seconds when the window ends), with the
    /// answer's <c>Date</c>.
    /// </summary>
    internal sealed class XRateLimitReader : IRateLimitReader
    {
        /// <inheritdoc />
        public RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now)
            => RateLimitInfo.AtReset(
                RateLimitInfo.HeaderNumber(response, "X-RateLimit-Limit"),
                RateLimitInfo.HeaderNumber(response, "X-RateLimit-Remaining"),
                RateLimitInfo.HeaderNumber(response, "X-RateLimit-Reset"),
                response.Headers.Date,
                now);

        /// <inheritdoc />
        public bool IsLimiterRefusal(HttpResponseMessage response) => false;
    }
}
