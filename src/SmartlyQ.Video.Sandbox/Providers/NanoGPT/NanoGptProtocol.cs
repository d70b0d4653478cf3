using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.RateLimiting;

namespace SmartlyQ.Video.Sandbox.Providers.NanoGPT
{
    /// <summary>
    /// NanoGPT on the wire: API at <c>/nanogpt/api</c> (its server URL is <c>https://nano-gpt.com/api</c>), the key as
    /// <c>x-api-key</c> or <c>Authorization: Bearer</c>, <c>{"error":status,"message"}</c> errors (OpenAI-style ones on
    /// <c>/api/v1/…</c> and for 429s), and no rate-limit headers: only <c>Retry-After</c> on a 429.
    /// </summary>
    internal sealed class NanoGptProtocol : ProviderProtocol
    {
        public const string BasePath = "/nanogpt/api";
        public const string ApiKeyHeader = "x-api-key";

        public override string Name => SandboxProviderNames.NanoGpt;

        public override string ApiPath => BasePath;

        public override string Currency => "USD";

        public override IReadOnlyList<ChaosRoute> ChaosRoutes { get; } = new[]
        {
            new ChaosRoute(NanoGptRouteNames.Generate, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(NanoGptRouteNames.Status, ChaosRouteNames.JobsGroup),
            new ChaosRoute(NanoGptRouteNames.LegacyStatus, ChaosRouteNames.JobsGroup),
            new ChaosRoute(NanoGptRouteNames.Recover, ChaosRouteNames.JobsGroup),
            new ChaosRoute(NanoGptRouteNames.Content, ChaosRouteNames.FilesGroup),
            new ChaosRoute(NanoGptRouteNames.VideoModels, ChaosRouteNames.ModelsGroup),
            new ChaosRoute(NanoGptRouteNames.Models, ChaosRouteNames.ModelsGroup),
            new ChaosRoute(NanoGptRouteNames.Balance, ChaosRouteNames.AccountGroup),
        };

        /// <summary><c>x-api-key</c> first (what the video pages show), then the recommended Bearer header.</summary>
        public override string? ReadKey(HttpRequest request)
        {
            string? key = request.Headers[ApiKeyHeader];
            if (!string.IsNullOrWhiteSpace(key)) return key.Trim();
            return BearerToken.Read(request);
        }

        public override string StatsGroup(HttpRequest request)
        {
            request.Path.StartsWithSegments(BasePath, out var rest);
            if (rest.StartsWithSegments("/generate-video/content")) return ChaosRouteNames.FilesGroup;
            if (rest.StartsWithSegments("/generate-video/status") || rest.StartsWithSegments("/generate-video/recover")
                || rest.StartsWithSegments("/video/status")) return ChaosRouteNames.JobsGroup;
            if (rest.StartsWithSegments("/generate-video")) return ChaosRouteNames.GenerateGroup;
            if (rest.StartsWithSegments("/v1/video-models") || rest.StartsWithSegments("/v1/models")) return ChaosRouteNames.ModelsGroup;
            if (rest.StartsWithSegments("/check-balance")) return ChaosRouteNames.AccountGroup;
            return SandboxStats.OtherGroup;
        }

        public override Task WriteErrorAsync(HttpContext context, ApiErrorKind kind, string message, JsonObject? details = null)
        {
            var status = ErrorCodeBook.Status(kind);
            if (IsOpenAICompatible(context.Request))
            {
                var type = kind == ApiErrorKind.Internal ? "server_error" : kind == ApiErrorKind.Unauthorized ? "authentication_error" : "invalid_request_error";
                return NanoGptErrors.WriteAsync(context, status, NanoGptErrors.OpenAIStyle(message, type, null));
            }
            return NanoGptErrors.WriteAsync(context, status, NanoGptErrors.Simple(status, message));
        }

        public override Task WriteUnauthorizedAsync(HttpContext context, string? presented) =>
            WriteErrorAsync(context, ApiErrorKind.Unauthorized, presented == null
                ? "Missing API key. Send it as x-api-key or Authorization: Bearer."
                : "Invalid API key.");

        public override Task WriteServerErrorAsync(HttpContext context, int status, string reason)
        {
            var message = reason + " (injected by the sandbox's chaos mode). Retry the request.";
            return IsOpenAICompatible(context.Request)
                ? NanoGptErrors.WriteAsync(context, status, NanoGptErrors.OpenAIStyle(message, "server_error", null))
                : NanoGptErrors.WriteAsync(context, status, NanoGptErrors.Simple(status, message));
        }

        // 429s are OpenAI-shaped with Retry-After on every surface (rate-limits.mdx); NanoGPT documents no X-RateLimit-* headers.
        public override Task WriteRateLimitedAsync(HttpContext context, RateLimitState state) =>
            WriteTooManyAsync(context, state.RetryAfterSeconds, $"Rate limit exceeded: {state.Limit} requests per window for this API key. Retry after {state.RetryAfterSeconds} seconds.");

        public override Task WriteRateLimitBurstAsync(HttpContext context, int retryAfterSeconds, int limit) =>
            WriteTooManyAsync(context, retryAfterSeconds, $"Rate limit exceeded. Retry after {retryAfterSeconds} seconds. (injected by the sandbox's chaos mode)");

        public override void ApplyRateLimitHeaders(HttpResponse response, RateLimitState state)
        {
        }

        private static Task WriteTooManyAsync(HttpContext context, int retryAfterSeconds, string message)
        {
            context.Response.Headers["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return NanoGptErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                NanoGptErrors.OpenAIStyle(message, "rate_limit_error", "rate_limit_exceeded"));
        }

        private static bool IsOpenAICompatible(HttpRequest request) =>
            request.Path.StartsWithSegments(BasePath, out var rest) && rest.StartsWithSegments("/v1");
    }
}
