using System;
using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.RateLimiting
{
    /// <summary>
    /// One <see cref="FixedWindowRateLimiter"/> per API key (unknown callers share one per IP and provider), used as
    /// ASP.NET Core's global limiter for every provider's API and for file downloads that carry a valid key (the client sends
    /// its key to same-origin file URLs, so submissions, polls and downloads all spend the key's budget; a file
    /// request without a valid key stays unlimited, like a CDN URL). The library makes every admit/reject decision; this
    /// class only remembers when each key's limiter was created, because the library does not expose
    /// its window boundaries and the headers need <c>X-RateLimit-Reset</c>.
    /// </summary>
    internal sealed class ApiRateLimiter : IDisposable
    {
        // Slack for the replenish timer firing a little after the boundary, so Retry-After is never too short.
        private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(50);
        private readonly ConcurrentDictionary<string, DateTimeOffset> _windowOrigins = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        private readonly ApiKeyRegistry _keys;
        private readonly int _permits;
        private readonly TimeSpan _window;

        public ApiRateLimiter(SandboxOptions options, ApiKeyRegistry keys)
        {
            if (options.RateLimitPermits < 1) throw new ArgumentException("RateLimitPermits must be at least 1.");
            if (options.RateLimitWindow <= TimeSpan.Zero) throw new ArgumentException("RateLimitWindow must be positive.");
            _keys = keys;
            _permits = options.RateLimitPermits;
            _window = options.RateLimitWindow;
            Limiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
        }

        public PartitionedRateLimiter<HttpContext> Limiter { get; }

        /// <summary>
        /// True for a provider's API (<c>/v1/…</c>, …), and for its key-optional file routes (<c>/files/…</c>) when the
        /// request carries one of that provider's keys.
        /// </summary>
        public bool Applies(HttpContext context)
        {
            var path = context.Request.Path;
            var protocol = ProviderProtocols.Match(path);
            if (protocol == null) return false;
            return protocol.IsApi(path) || _keys.TryGet(protocol, protocol.ReadKey(context.Request), out _);
        }

        /// <summary>Headers for a request the limiter has already admitted or rejected.</summary>
        public RateLimitState Describe(HttpContext context, bool rejected)
        {
            var remaining = rejected ? 0 : (int)Math.Min(_permits, Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0);
            var now = DateTimeOffset.UtcNow;
            var origin = _windowOrigins.TryGetValue(PartitionKey(context) ?? "", out var o) ? o : now;
            // The limiter's own timer replenishes every window from its creation: origin + k·window.
            var elapsedWindows = Math.Floor((now - origin) / _window);
            var resetAt = origin + _window * (elapsedWindows + 1);
            var retryAfter = (int)Math.Max(1, Math.Ceiling((resetAt - now + TimerSlack).TotalSeconds));
            return new RateLimitState(_permits, Math.Max(0, remaining), resetAt, retryAfter);
        }

        public void Dispose() => Limiter.Dispose();

        private RateLimitPartition<string> Partition(HttpContext context)
        {
            var key = PartitionKey(context);
            if (key == null) return RateLimitPartition.GetNoLimiter("");
            return RateLimitPartition.Get(key, k =>
            {
                // Called whenever the library (re)creates this key's limiter, i.e. when its window clock starts.
                _windowOrigins[k] = DateTimeOffset.UtcNow;
                return new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
                {
                    PermitLimit = _permits,
                    Window = _window,
                    QueueLimit = 0,
                    // Own timer, so windows stay aligned to creation; the partitioned limiter's 100 ms tick would drift them.
                    AutoReplenishment = true,
                });
            });
        }

        private string? PartitionKey(HttpContext context)
        {
            if (!Applies(context)) return null;
            var protocol = ProviderProtocols.Match(context.Request.Path)!;
            if (_keys.TryGet(protocol, protocol.ReadKey(context.Request), out var account)) return "key:" + account.Key;
            return "anon:" + protocol.Name + ":" + context.Connection.RemoteIpAddress;
        }
    }
}
