using System;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>
    /// NanoGPT's rate-limit headers: none. Its docs (<c>rate-limits.mdx</c>) give a global 25 requests/s and optional
    /// daily per-key limits, but no <c>X-RateLimit-*</c> headers; a 429 carries only <c>Retry-After</c>, which the
    /// transport honours itself. So every answer says nothing about the budget: the pacer keeps the documented limit
    /// (<see cref="NanoGptClient.DocumentedRateLimit"/>), and a 429 holds requests for its Retry-After.
    /// </summary>
    internal sealed class NanoGptRateLimitReader : IRateLimitReader
    {
        /// <inheritdoc />
        public RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now) => default;

        /// <inheritdoc />
        public bool IsLimiterRefusal(HttpResponseMessage response) => false;
    }
}
