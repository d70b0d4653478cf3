using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>
    /// Bearer auth for <c>/v1</c>: unknown or missing key → 401; known key without the endpoint's
    /// <see cref="RequiredScope"/> → 403 naming the scope. Runs after routing so it can read the metadata.
    /// </summary>
    internal sealed class ApiAuthMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly ApiKeyRegistry _keys;

        public ApiAuthMiddleware(RequestDelegate next, ApiKeyRegistry keys)
        {
            _next = next;
            _keys = keys;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            if (!_keys.TryGet(BearerToken.Read(context.Request), out var account))
            {
                await Envelope.WriteErrorAsync(context, ApiErrorKind.Unauthorized, "Missing or invalid API key.");
                return;
            }

            var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>();
            if (required != null && !account.HasScope(required.Scope))
            {
                await Envelope.WriteErrorAsync(context, ApiErrorKind.Forbidden,
                    $"This API key lacks the required scope '{required.Scope}'.",
                    new System.Text.Json.Nodes.JsonObject { ["required_scope"] = required.Scope });
                return;
            }

            ApiCaller.Set(context, account);
            await _next(context);
        }
    }
}
