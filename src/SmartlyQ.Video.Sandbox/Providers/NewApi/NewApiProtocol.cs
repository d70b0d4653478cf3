using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.RateLimiting;

namespace SmartlyQ.Video.Sandbox.Providers.NewApi
{
    /// <summary>
    /// A new-api gateway on the wire (research-2026-12/new-api-gateway.md §2–3): everything under <c>/newapi</c> with
    /// one key, as one deployment serves its task endpoint (<c>/v1/video/generations</c>), <c>/v1/videos</c>, Kling
    /// (<c>/kling/v1/…</c>) and Jimeng (<c>/jimeng/</c>). The key comes in <c>Authorization</c>, <c>Bearer </c> optional;
    /// middleware errors are <c>{"error":{"message":"… (request id: X)","type":"new_api_error","code":""}}</c>; there are
    /// no rate-limit headers, and a 429 is bare, with an empty body. Each dialect's own errors are written by its routes.
    /// </summary>
    internal sealed class NewApiProtocol : ProviderProtocol
    {
        public const string BasePath = "/newapi";


        public override string Name => SandboxProviderNames.NewApi;

        /// <summary>Every response's request id header (<c>middleware/request-id.go</c>).</summary>
        public override string RequestIdHeader => "X-Oneapi-Request-Id";

        public override string ApiPath => BasePath;

        public override string Currency => "USD";

        /// <summary>The task endpoint's clients take <c>/newapi/v1</c>; Kling's <c>/newapi/kling</c>; Jimeng's <c>/newapi/jimeng</c>.</summary>
        public override IReadOnlyList<(string Name, string Path)> Listed { get; } = new[]
        {
            (SandboxProviderNames.NewApi, BasePath + "/v1"),
            (SandboxProviderNames.Kling, BasePath + "/kling"),
            (SandboxProviderNames.Jimeng, BasePath + "/jimeng"),
        };

        public override IReadOnlyList<ChaosRoute> ChaosRoutes { get; } = NewApiRouteNames.Routes.Concat(KlingRouteNames.Routes).Concat(JimengRouteNames.Routes).ToArray();

        /// <summary><c>Authorization</c> with or without <c>Bearer </c> (new-api's TokenAuth).</summary>
        public override string? ReadKey(HttpRequest request)
        {
            string? header = request.Headers[HeaderNames.Authorization];
            if (string.IsNullOrWhiteSpace(header)) return null;
            header = header.Trim();
            if (header.StartsWith("Bearer ", System.StringComparison.OrdinalIgnoreCase)) header = header.Substring(7).Trim();
            return header.Length == 0 ? null : header;
        }

        public override string StatsGroup(HttpRequest request)
        {
            foreach (var route in ChaosRoutes)
                if (NewApiRouteNames.Matches(route.Name, request)) return route.Group;
            return SandboxStats.OtherGroup;
        }

        // No route, or a route without this method (gin answers both with NoRoute): RelayNotFound's 404.
        public override Task WriteErrorAsync(HttpContext context, ApiErrorKind kind, string message, JsonObject? details = null) =>
            kind == ApiErrorKind.NotFound || kind == ApiErrorKind.MethodNotAllowed
                ? NewApiErrors.WriteAsync(context, StatusCodes.Status404NotFound, NewApiErrors.InvalidUrl(context.Request))
                : NewApiErrors.WriteAsync(context, ErrorCodeBook.Status(kind), NewApiErrors.Middleware(context, message));

        public override Task WriteUnauthorizedAsync(HttpContext context, string? presented) =>
            NewApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, NewApiErrors.Middleware(context, presented == null ? "No token provided" : "Invalid token"));

        public override Task WriteServerErrorAsync(HttpContext context, int status, string reason) =>
            NewApiErrors.WriteAsync(context, status, NewApiErrors.Middleware(context, reason + " (injected by the sandbox's chaos mode)"));

        // new-api's limiter: c.Status(429), nothing else.
        public override Task WriteRateLimitedAsync(HttpContext context, RateLimitState state) => Bare429(context);

        public override Task WriteRateLimitBurstAsync(HttpContext context, int retryAfterSeconds, int limit) => Bare429(context);

        public override void ApplyRateLimitHeaders(HttpResponse response, RateLimitState state)
        {
        }

        private static Task Bare429(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
