using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>An injected 429, shaped like the real limiter's (envelope, <c>Retry-After</c>, <c>X-RateLimit-Remaining: 0</c>).</summary>
    internal static class RateLimitBurstFault
    {
        public static Task WriteAsync(HttpContext context, int retryAfterSeconds, int limit)
        {
            var headers = context.Response.Headers;
            headers["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (headers.ContainsKey("X-RateLimit-Remaining")) headers["X-RateLimit-Remaining"] = "0";
            return Envelope.WriteErrorAsync(context, ApiErrorKind.RateLimited,
                $"Too many requests. Retry after {retryAfterSeconds} seconds.",
                new JsonObject { ["limit"] = limit, ["retry_after"] = retryAfterSeconds, ["fault"] = ChaosFaultKinds.RateLimitBurst });
        }
    }
}
