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

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>
    /// OpenAI on the wire: API at <c>/openai/v1</c> (so the base URL ends in <c>/v1</c> like the real one), Bearer
    /// <c>sk-…</c> keys, the <c>{"error":{message,type,param,code}}</c> envelope and the
    /// <c>x-ratelimit-{limit,remaining,reset}-requests</c> headers (reset as a duration such as <c>6m0s</c>).
    /// </summary>
    internal sealed class OpenAIProtocol : ProviderProtocol
    {
        public const string BasePath = "/openai/v1";
        public const string LimitHeader = "x-ratelimit-limit-requests";
        public const string RemainingHeader = "x-ratelimit-remaining-requests";
        public const string ResetHeader = "x-ratelimit-reset-requests";

        public override string Name => SandboxProviderNames.OpenAI;

        public override string ApiPath => BasePath;

        public override bool SendsRateLimitHeaders => true;

        public override string Currency => "USD";

        public override IReadOnlyList<ChaosRoute> ChaosRoutes { get; } = new[]
        {
            new ChaosRoute(OpenAIRouteNames.Create, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(OpenAIRouteNames.Remix, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(OpenAIRouteNames.List, ChaosRouteNames.JobsGroup),
            new ChaosRoute(OpenAIRouteNames.Retrieve, ChaosRouteNames.JobsGroup),
            new ChaosRoute(OpenAIRouteNames.Delete, ChaosRouteNames.JobsGroup),
            new ChaosRoute(OpenAIRouteNames.Content, ChaosRouteNames.FilesGroup),
        };

        public override void ValidateKey(string key)
        {
            base.ValidateKey(key);
            if (!key.StartsWith("sk-", StringComparison.Ordinal))
                throw new ArgumentException($"OpenAI sandbox key '{key}' must start with sk-.");
        }

        public override string? ReadKey(HttpRequest request) => BearerToken.Read(request);

        public override string StatsGroup(HttpRequest request)
        {
            request.Path.StartsWithSegments(BasePath, out var rest);
            var value = rest.Value ?? "";
            if (!value.StartsWith("/videos", StringComparison.Ordinal)) return SandboxStats.OtherGroup;
            if (value.EndsWith("/content", StringComparison.Ordinal)) return ChaosRouteNames.FilesGroup;
            if (HttpMethods.IsPost(request.Method)) return ChaosRouteNames.GenerateGroup;
            return ChaosRouteNames.JobsGroup;
        }

        public override Task WriteErrorAsync(HttpContext context, ApiErrorKind kind, string message, JsonObject? details = null)
        {
            var status = ErrorCodeBook.Status(kind);
            // Unknown routes and methods read like OpenAI's own answer, with the path as the client sees it (/v1/…).
            if (kind == ApiErrorKind.NotFound || kind == ApiErrorKind.MethodNotAllowed)
                message = $"Invalid URL ({context.Request.Method} {ClientPath(context.Request)})";
            var type = kind == ApiErrorKind.Internal ? OpenAIErrors.ServerError : OpenAIErrors.InvalidRequest;
            return OpenAIErrors.WriteAsync(context, status, message, type);
        }

        public override Task WriteUnauthorizedAsync(HttpContext context, string? presented)
        {
            if (presented == null)
            {
                return OpenAIErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth "
                    + "(i.e. Authorization: Bearer YOUR_KEY). The sandbox's built-in key is " + SandboxServer.OpenAIKey + ".");
            }
            return OpenAIErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
                $"Incorrect API key provided: {Mask(presented)}. You can find your API key at https://platform.openai.com/account/api-keys.",
                code: "invalid_api_key");
        }

        public override Task WriteServerErrorAsync(HttpContext context, int status, string reason)
        {
            var message = status switch
            {
                502 => "Bad gateway.",
                503 => "The server is overloaded or not ready yet.",
                _ => "The server had an error while processing your request. Sorry about that!",
            };
            return OpenAIErrors.WriteAsync(context, status, message + " (injected by the sandbox's chaos mode)", OpenAIErrors.ServerError);
        }

        public override Task WriteRateLimitedAsync(HttpContext context, RateLimitState state)
        {
            ApplyRateLimitHeaders(context.Response, state);
            context.Response.Headers["retry-after"] = state.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return OpenAIErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                $"Rate limit reached for requests in organization org-sandbox: Limit {state.Limit}, Used {state.Limit}, Requested 1. "
                + $"Please try again in {OpenAIDuration.Format(state.ResetAt - DateTimeOffset.UtcNow)}.",
                "requests", code: "rate_limit_exceeded");
        }

        public override Task WriteRateLimitBurstAsync(HttpContext context, int retryAfterSeconds, int limit)
        {
            var headers = context.Response.Headers;
            headers["retry-after"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (headers.ContainsKey(RemainingHeader)) headers[RemainingHeader] = "0";
            return OpenAIErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                $"Rate limit reached for requests in organization org-sandbox. Please try again in {retryAfterSeconds}s. "
                + "(injected by the sandbox's chaos mode)",
                "requests", code: "rate_limit_exceeded");
        }

        public override void ApplyRateLimitHeaders(HttpResponse response, RateLimitState state)
        {
            var headers = response.Headers;
            headers[LimitHeader] = state.Limit.ToString(CultureInfo.InvariantCulture);
            headers[RemainingHeader] = state.Remaining.ToString(CultureInfo.InvariantCulture);
            headers[ResetHeader] = OpenAIDuration.Format(state.ResetAt - DateTimeOffset.UtcNow);
        }

        /// <summary>The request path without the sandbox's <c>/openai</c> prefix: what the client would see on the real host.</summary>
        private static string ClientPath(HttpRequest request) =>
            request.Path.StartsWithSegments("/openai", out var rest) ? rest.Value ?? "/" : request.Path.Value ?? "/";

        // OpenAI shows the start and end of a wrong key only.
        private static string Mask(string key) => key.Length <= 12 ? "***" : key[..8] + "*****" + key[^4..];
    }
}
