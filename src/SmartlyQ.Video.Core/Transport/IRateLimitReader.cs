using System;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>One API's rate-limit headers, read into the pacer's neutral <see cref="RateLimitInfo"/>.</summary>
    internal interface IRateLimitReader
    {
        /// <summary>What <paramref name="response"/>, received at <paramref name="now"/>, says about the key's budget; <c>default</c> when nothing. Never throws.</summary>
        RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now);

        /// <summary>
        /// True when <paramref name="response"/> is the API's own limiter refusing the request before any work was
        /// started (so a POST without an idempotency key may be sent again), in a shape that carries no Retry-After.
        /// A 429 or 503 with Retry-After already counts as such for every API. Never throws.
        /// </summary>
        bool IsLimiterRefusal(HttpResponseMessage response);
    }
}
