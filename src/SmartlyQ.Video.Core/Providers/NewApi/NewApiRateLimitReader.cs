using System;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// new-api's rate-limit headers: none (research-2026-12/new-api-gateway.md §3: no <c>X-RateLimit-*</c>, no
    /// <c>Retry-After</c>; its limiter answers a bare 429). The pacer keeps <see cref="NewApiClient.ConservativeRateLimit"/>,
    /// and a 429 is retried with the transport's backoff — a bare one even for a submission, because the limiter
    /// middleware answers before the request is relayed (nothing was started, nothing charged).
    /// </summary>
    internal sealed class NewApiRateLimitReader : IRateLimitReader
    {
        /// <inheritdoc />
        public RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now) => default;

        /// <inheritdoc />
        /// <remarks>A 429 with an empty body: the limiter's. A 429 with a JSON error body was relayed from upstream and may not be.</remarks>
        public bool IsLimiterRefusal(HttpResponseMessage response)
            => (int)response.StatusCode == 429 && response.Content?.Headers.ContentLength == 0;
    }
}
