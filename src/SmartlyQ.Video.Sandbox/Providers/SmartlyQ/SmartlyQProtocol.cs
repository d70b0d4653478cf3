using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.RateLimiting;

namespace SmartlyQ.Video.Sandbox.Providers.SmartlyQ
{
    /// <summary>
    /// SmartlyQ on the wire: API at <c>/v1</c>, files at <c>/files</c> (key optional, CDN-like), Bearer keys, the
    /// <c>{"success":false,"error":{code,message,details},"meta"}</c> envelope and <c>X-RateLimit-*</c> headers.
    /// </summary>
    internal sealed class SmartlyQProtocol : ProviderProtocol
    {
        private const string FilesPrefix = "/files";

        public override string Name => SandboxProviderNames.SmartlyQ;

        public override string ApiPath => SandboxApp.ApiPrefix;

        public override bool SendsRateLimitHeaders => true;

        public override string Currency => "SQC";

        public override IReadOnlyList<ChaosRoute> ChaosRoutes { get; } = new[]
        {
            new ChaosRoute(ChaosRouteNames.Generate, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(ChaosRouteNames.ListJobs, ChaosRouteNames.JobsGroup),
            new ChaosRoute(ChaosRouteNames.GetJob, ChaosRouteNames.JobsGroup),
            new ChaosRoute(ChaosRouteNames.CancelJob, ChaosRouteNames.JobsGroup),
            new ChaosRoute(ChaosRouteNames.GetFile, ChaosRouteNames.FilesGroup),
            new ChaosRoute(ChaosRouteNames.HeadFile, ChaosRouteNames.FilesGroup),
            new ChaosRoute(ChaosRouteNames.Models, ChaosRouteNames.ModelsGroup),
            new ChaosRoute(ChaosRouteNames.Me, ChaosRouteNames.AccountGroup),
            new ChaosRoute(ChaosRouteNames.Balance, ChaosRouteNames.AccountGroup),
        };

        /// <summary>The mode (live/test) is the key's prefix, so other keys are refused at start.</summary>
        public override void ValidateKey(string key)
        {
            base.ValidateKey(key);
            if (!key.StartsWith(KeyAccount.LivePrefix, StringComparison.Ordinal) && !key.StartsWith(KeyAccount.TestPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"Sandbox key '{key}' must start with {KeyAccount.LivePrefix} or {KeyAccount.TestPrefix}.");
        }

        public override bool Owns(PathString path) => path.StartsWithSegments(ApiPath) || path.StartsWithSegments(FilesPrefix);

        public override string? ReadKey(HttpRequest request) => BearerToken.Read(request);

        public override string StatsGroup(HttpRequest request)
        {
            var path = request.Path;
            if (path.StartsWithSegments(FilesPrefix)) return ChaosRouteNames.FilesGroup;
            path.StartsWithSegments(ApiPath, out var rest);
            if (rest.StartsWithSegments("/videos/generate")) return ChaosRouteNames.GenerateGroup;
            if (rest.StartsWithSegments("/videos/models")) return ChaosRouteNames.ModelsGroup;
            if (rest.StartsWithSegments("/jobs")) return ChaosRouteNames.JobsGroup;
            if (rest.StartsWithSegments("/me")) return ChaosRouteNames.AccountGroup;
            return SandboxStats.OtherGroup;
        }

        public override Task WriteErrorAsync(HttpContext context, ApiErrorKind kind, string message, JsonObject? details = null) =>
            Envelope.WriteErrorAsync(context, kind, message, details);

        public override Task WriteServerErrorAsync(HttpContext context, int status, string reason)
        {
            var codes = context.RequestServices.GetRequiredService<ErrorCodeBook>();
            var body = new JsonObject
            {
                ["success"] = false,
                ["error"] = new JsonObject
                {
                    // INTERNAL_ERROR is the only documented 5xx code.
                    ["code"] = codes.Code(ApiErrorKind.Internal),
                    ["message"] = $"{reason} (injected by the sandbox's chaos mode). Retry the request.",
                    ["details"] = new JsonObject { ["fault"] = ChaosFaultKinds.ServerError },
                },
            };
            return Envelope.WriteAsync(context, status, body);
        }

        public override Task WriteRateLimitedAsync(HttpContext context, RateLimitState state)
        {
            RateLimitHeaders.Apply(context.Response, state, rejected: true);
            return Envelope.WriteErrorAsync(context, ApiErrorKind.RateLimited,
                $"Too many requests. Retry after {state.RetryAfterSeconds} seconds.",
                new JsonObject { ["limit"] = state.Limit, ["retry_after"] = state.RetryAfterSeconds });
        }

        public override Task WriteRateLimitBurstAsync(HttpContext context, int retryAfterSeconds, int limit)
        {
            // Shaped like the real limiter's answer: Retry-After, and X-RateLimit-Remaining 0 where the headers were set.
            var headers = context.Response.Headers;
            headers["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (headers.ContainsKey("X-RateLimit-Remaining")) headers["X-RateLimit-Remaining"] = "0";
            return Envelope.WriteErrorAsync(context, ApiErrorKind.RateLimited,
                $"Too many requests. Retry after {retryAfterSeconds} seconds.",
                new JsonObject { ["limit"] = limit, ["retry_after"] = retryAfterSeconds, ["fault"] = ChaosFaultKinds.RateLimitBurst });
        }

        public override void ApplyRateLimitHeaders(HttpResponse response, RateLimitState state) =>
            RateLimitHeaders.Apply(response, state, rejected: false);
    }
}
