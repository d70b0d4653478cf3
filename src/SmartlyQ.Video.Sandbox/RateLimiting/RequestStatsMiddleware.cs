using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.RateLimiting
{
    /// <summary>Outermost middleware: counts each API or file request in <see cref="SandboxStats"/> once its answer is final.</summary>
    internal sealed class RequestStatsMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly SandboxStats _stats;
        private readonly ApiKeyRegistry _keys;

        public RequestStatsMiddleware(RequestDelegate next, SandboxStats stats, ApiKeyRegistry keys)
        {
            _next = next;
            _stats = stats;
            _keys = keys;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            var protocol = ProviderProtocols.Match(context.Request.Path);
            if (protocol == null)
            {
                await _next(context);
                return;
            }

            try
            {
                await _next(context);
            }
            finally
            {
                var key = _keys.TryGet(protocol, protocol.ReadKey(context.Request), out var account) ? account.Key : null;
                _stats.Record(context, key, protocol.StatsGroup(context.Request));
            }
        }
    }
}
