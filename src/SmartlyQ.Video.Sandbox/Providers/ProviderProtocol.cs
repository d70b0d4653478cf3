using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.RateLimiting;

namespace SmartlyQ.Video.Sandbox.Providers
{
    /// <summary>
    /// What differs between the emulated APIs on the wire, for the machinery they share (auth, rate limiting, request
    /// statistics, chaos, the error answers of unknown routes and exceptions): where the API lives, how a key is sent,
    /// how errors and rate-limit headers look. Stateless; services come from <see cref="HttpContext.RequestServices"/>.
    /// </summary>
    internal abstract class ProviderProtocol
    {
        /// <summary>One of <see cref="SandboxProviderNames"/>.</summary>
        public abstract string Name { get; }

        /// <summary>Path prefix of the API, e.g. <c>/v1</c>: <c>{root}{ApiPath}</c> is what a client takes as its base URI.</summary>
        public abstract string ApiPath { get; }

        /// <summary>
        /// The APIs <c>GET /sandbox/providers</c> lists for this protocol, each with its path under the root: by default
        /// one, <see cref="Name"/> at <see cref="ApiPath"/>. A gateway lists each dialect it serves with the same key.
        /// </summary>
        public virtual IReadOnlyList<(string Name, string Path)> Listed => new[] { (Name, ApiPath) };

        /// <summary>The response header that carries each answer's request id (most APIs: <c>X-Request-Id</c>).</summary>
        public virtual string RequestIdHeader => RequestIds.HeaderName;

        /// <summary>
        /// True when the API's answers state its rate limit (<c>X-RateLimit-*</c> or the like), so a client can pace below
        /// it; false (the default, the cautious assumption for an API not known to send any) when they never do.
        /// </summary>
        public virtual bool SendsRateLimitHeaders => false;

        /// <summary>True for an API with no jobs to poll: one request answers, minutes later, with the video itself (A4F).</summary>
        public virtual bool Synchronous => false;

        /// <summary>Currency of this provider's charges in the ledger (<c>SQC</c>, <c>USD</c>).</summary>
        public abstract string Currency { get; }

        /// <summary>The routes chaos mode may fault, each with its group (the allow-list of <see cref="Chaos.ChaosRoutes"/>).</summary>
        public abstract IReadOnlyList<ChaosRoute> ChaosRoutes { get; }

        /// <summary>Checks a configured key of this provider; throws <see cref="System.ArgumentException"/> naming the rule it breaks.</summary>
        public virtual void ValidateKey(string key)
        {
            if (string.IsNullOrWhiteSpace(key)) throw new System.ArgumentException($"A {Name} sandbox key has an empty Key.");
        }

        /// <summary>True when the request belongs to this provider (its API, and any file routes outside it).</summary>
        public virtual bool Owns(PathString path) => path.StartsWithSegments(ApiPath);

        /// <summary>True for routes that need a key (or check it when given); false for key-optional file routes.</summary>
        public virtual bool IsApi(PathString path) => path.StartsWithSegments(ApiPath);

        /// <summary>The key the request carries, however this API sends it; null when none.</summary>
        public abstract string? ReadKey(HttpRequest request);

        /// <summary>The <see cref="SandboxStats"/> group of a request to a path this provider owns (by method and path).</summary>
        public abstract string StatsGroup(HttpRequest request);

        /// <summary>An error answer in this API's envelope (unknown route, wrong method, missing scope, exception, …).</summary>
        public abstract Task WriteErrorAsync(HttpContext context, ApiErrorKind kind, string message, JsonObject? details = null);

        /// <summary>The 401 of a request without a usable key; <paramref name="presented"/> is the key it sent, if any.</summary>
        public virtual Task WriteUnauthorizedAsync(HttpContext context, string? presented) =>
            WriteErrorAsync(context, ApiErrorKind.Unauthorized, "Missing or invalid API key.");

        /// <summary>A JSON 500/502/503 injected by chaos mode, in this API's envelope.</summary>
        public abstract Task WriteServerErrorAsync(HttpContext context, int status, string reason);

        /// <summary>The rate limiter's 429 for a key whose window is spent; headers included.</summary>
        public abstract Task WriteRateLimitedAsync(HttpContext context, RateLimitState state);

        /// <summary>A 429 injected by chaos mode whatever the client's pace (a provider-side burst); headers included.</summary>
        public abstract Task WriteRateLimitBurstAsync(HttpContext context, int retryAfterSeconds, int limit);

        /// <summary>The rate-limit headers of an admitted request (nothing for APIs that send none).</summary>
        public abstract void ApplyRateLimitHeaders(HttpResponse response, RateLimitState state);
    }
}
