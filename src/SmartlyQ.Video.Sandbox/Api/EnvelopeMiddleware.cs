using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary>
    /// Outermost middleware: gives every response its request id header (<c>X-Request-Id</c>, or the provider's own), and turns bodiless
    /// error statuses (unknown route, wrong method) and exceptions into the error envelope of the provider the
    /// path belongs to (SmartlyQ's for paths of no provider).
    /// </summary>
    internal sealed class EnvelopeMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly ILogger<EnvelopeMiddleware> _logger;

        public EnvelopeMiddleware(RequestDelegate next, ILogger<EnvelopeMiddleware> logger)
        {
            _next = next;
            _logger = logger;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            var protocol = ProviderProtocols.ForErrors(context.Request.Path);
            context.Response.Headers[protocol.RequestIdHeader] = RequestIds.Get(context);
            try
            {
                await _next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                _logger.LogError(ex, "Unhandled sandbox error");
                // No Response.Clear(): it would drop the rate-limit and request-id headers already set.
                await protocol.WriteErrorAsync(context, ApiErrorKind.Internal, "Internal sandbox error: " + ex.Message);
                return;
            }

            if (!context.Response.HasStarted && context.Response.ContentLength == null && context.Response.ContentType == null)
            {
                if (context.Response.StatusCode == StatusCodes.Status404NotFound)
                {
                    await protocol.WriteErrorAsync(context, ApiErrorKind.NotFound, $"No route for {context.Request.Method} {context.Request.Path}.");
                }
                else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
                {
                    await protocol.WriteErrorAsync(context, ApiErrorKind.MethodNotAllowed, $"Method {context.Request.Method} is not allowed on {context.Request.Path}.");
                }
            }
        }
    }
}
