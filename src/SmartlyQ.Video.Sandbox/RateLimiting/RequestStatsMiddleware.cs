using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Auth;

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
            var group = SandboxStats.GroupOf(context.Request.Path);
            if (group == null)
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
                var key = _keys.TryGet(BearerToken.Read(context.Request), out var account) ? account.Key : null;
                _stats.Record(context, key, group);
            }
        }
    }
}
