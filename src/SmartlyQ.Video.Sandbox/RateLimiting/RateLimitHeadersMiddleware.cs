using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.RateLimiting
{
    /// <summary>
    /// Runs right after the limiter admitted a limited request (a provider's API, or a file download with a valid key), so
    /// every later answer (errors too) carries the headers that provider sends.
    /// </summary>
    internal sealed class RateLimitHeadersMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly ApiRateLimiter _limiter;

        public RateLimitHeadersMiddleware(RequestDelegate next, ApiRateLimiter limiter)
        {
            _next = next;
            _limiter = limiter;
        }

        public Task InvokeAsync(HttpContext context)
        {
            if (_limiter.Applies(context))
                ProviderProtocols.ForErrors(context.Request.Path).ApplyRateLimitHeaders(context.Response, _limiter.Describe(context, rejected: false));
            return _next(context);
        }
    }
}
