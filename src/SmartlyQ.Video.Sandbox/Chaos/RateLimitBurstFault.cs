using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>An injected 429, shaped like the real limiter's answer of the provider the path belongs to (envelope, <c>Retry-After</c>, remaining 0).</summary>
    internal static class RateLimitBurstFault
    {
        public static Task WriteAsync(HttpContext context, int retryAfterSeconds, int limit) =>
            ProviderProtocols.ForErrors(context.Request.Path).WriteRateLimitBurstAsync(context, retryAfterSeconds, limit);
    }
}
