using System;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// Kling's rate-limit headers: none (neither Kling's docs nor new-api send any). The pacer keeps
    /// <see cref="KlingClient.ConservativeRateLimit"/>; a 429's Retry-After, when sent, is honoured by the transport.
    /// </summary>
    internal sealed class KlingRateLimitReader : IRateLimitReader
    {
        /// <inheritdoc />
        public RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now) => default;

        /// <inheritdoc />
        /// <remarks>
        /// A 429 with an empty body: a new-api gateway's limiter, which answers before relaying. Kling's own 429s carry a
        /// code (1302 rate, 1303 concurrency, 1102 resource pack…) and a gateway's relayed one a body too: not resent.
        /// </remarks>
        public bool IsLimiterRefusal(HttpResponseMessage response)
            => (int)response.StatusCode == 429 && response.Content?.Headers.ContentLength == 0;
    }
}
