using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.RateLimiting;

namespace SmartlyQ.Video.Sandbox.Providers.A4F
{
    /// <summary>
    /// A4F on the wire (gateway-video-generations.md Part A, research-2026-12/a4f-video-generations.md): API at
    /// <c>/a4f/v1</c> (its server is <c>https://api.a4f.co/v1</c>), <c>Authorization: Bearer ddc-a4f-…</c> on every route
    /// (emulator choice: the models list, "typically" open, checks the key too, so a client can prove it), the
    /// <c>{"error":{message,type,param,code}}</c> envelope, no rate-limit headers (none documented), and a synchronous
    /// generation whose answer is the video itself.
    /// </summary>
    internal sealed class A4FProtocol : ProviderProtocol
    {
        public const string BasePath = "/a4f/v1";

        public override string Name => SandboxProviderNames.A4F;

        public override string ApiPath => BasePath;

        public override string Currency => "USD";

        public override bool Synchronous => true;

        public override IReadOnlyList<ChaosRoute> ChaosRoutes => A4FRouteNames.Routes;

        public override void ValidateKey(string key)
        {
            base.ValidateKey(key);
            if (!key.StartsWith("ddc-a4f-", System.StringComparison.Ordinal)) throw new System.ArgumentException("An A4F sandbox key starts with ddc-a4f-.");
        }

        public override string? ReadKey(HttpRequest request) => BearerToken.Read(request);

        public override string StatsGroup(HttpRequest request)
        {
            request.Path.StartsWithSegments(BasePath, out var rest);
            if (rest.StartsWithSegments("/video/generations")) return ChaosRouteNames.GenerateGroup;
            if (rest.StartsWithSegments("/models")) return ChaosRouteNames.ModelsGroup;
            return SandboxStats.OtherGroup;
        }

        public override Task WriteErrorAsync(HttpContext context, ApiErrorKind kind, string message, JsonObject? details = null)
        {
            string type = kind switch
            {
                ApiErrorKind.Unauthorized => A4FErrors.InvalidApiKey,
                ApiErrorKind.Forbidden => A4FErrors.PermissionDenied,
                ApiErrorKind.RateLimited => A4FErrors.RateLimitExceeded,
                ApiErrorKind.Internal => A4FErrors.ProviderError,
                _ => A4FErrors.InvalidRequest,
            };
            return A4FErrors.WriteAsync(context, ErrorCodeBook.Status(kind), type, message);
        }

        public override Task WriteUnauthorizedAsync(HttpContext context, string? presented) =>
            A4FErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, A4FErrors.InvalidApiKey,
                presented == null ? "Missing API key. Send it as Authorization: Bearer ddc-a4f-…" : "Invalid API key provided.");

        public override Task WriteServerErrorAsync(HttpContext context, int status, string reason) =>
            A4FErrors.WriteAsync(context, status, A4FErrors.ProviderError, reason + " (injected by the sandbox's chaos mode)");

        public override Task WriteRateLimitedAsync(HttpContext context, RateLimitState state) =>
            A4FErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, A4FErrors.RateLimitExceeded,
                $"Rate limit exceeded: {state.Limit} requests per window for your plan.");

        public override Task WriteRateLimitBurstAsync(HttpContext context, int retryAfterSeconds, int limit) =>
            A4FErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, A4FErrors.RateLimitExceeded,
                "Rate limit exceeded (injected by the sandbox's chaos mode).");

        public override void ApplyRateLimitHeaders(HttpResponse response, RateLimitState state)
        {
        }
    }
}
