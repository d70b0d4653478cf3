using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.RateLimiting
{
    /// <summary>Registers ASP.NET Core's rate limiter with <see cref="ApiRateLimiter"/> as the global limiter and a 429 in the envelope of the provider the path belongs to.</summary>
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
                    await ProviderProtocols.ForErrors(context.Request.Path).WriteRateLimitedAsync(context, state);
                };
            });
        }
    }
}
