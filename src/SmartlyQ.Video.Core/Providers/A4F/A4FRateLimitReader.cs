using System;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// A4F's rate-limit headers: none documented (limits per plan, read only at <c>GET /v1/usage</c>). The pacer keeps
    /// <see cref="A4FClient.AssumedRateLimit"/>. A 429 without Retry-After is not taken as proof that no work started:
    /// the generation POST is not resent on it.
    /// </summary>
    internal sealed class A4FRateLimitReader : IRateLimitReader
    {
        /// <inheritdoc />
        public RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now) => default;

        /// <inheritdoc />
        public bool IsLimiterRefusal(HttpResponseMessage response) => false;
    }
}
