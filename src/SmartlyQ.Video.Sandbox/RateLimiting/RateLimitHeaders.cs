using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.RateLimiting
{
    /// <summary>Writes the documented <c>X-RateLimit-*</c> headers (and <c>Retry-After</c> on 429).</summary>
    internal static class RateLimitHeaders
    {
        public static void Apply(HttpResponse response, RateLimitState state, bool rejected)
        {
            var headers = response.Headers;
            headers["X-RateLimit-Limit"] = state.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = state.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = state.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
            if (rejected) headers["Retry-After"] = state.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
