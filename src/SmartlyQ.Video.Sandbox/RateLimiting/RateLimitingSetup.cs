using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.RateLimiting
{
    /// <summary>Registers ASP.NET Core's rate limiter with <see cref="ApiRateLimiter"/> as the global limiter and a 429 envelope.</summary>
    internal static class RateLimitingSetup
    {
        public static void AddSandboxRateLimiting(this IServiceCollection services)
        {
            services.AddSingleton<ApiRateLimiter>();
            services.AddRateLimiter(_ => { });
            services.AddOptions<RateLimiterOptions>().Configure<ApiRateLimiter>((options, limiter) =>
            {
                options.GlobalLimiter = limiter.Limiter;
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = async (rejected, _) =>
                {
                    var context = rejected.HttpContext;
                    SandboxStats.MarkRateLimited(context);
                    var state = limiter.Describe(context, rejected: true);
                    RateLimitHeaders.Apply(context.Response, state, rejected: true);
                    await Envelope.WriteErrorAsync(context, ApiErrorKind.RateLimited,
                        $"Too many requests. Retry after {state.RetryAfterSeconds} seconds.",
                        new JsonObject { ["limit"] = state.Limit, ["retry_after"] = state.RetryAfterSeconds });
                };
            });
        }
    }
}
