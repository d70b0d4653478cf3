using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>
    /// Key auth for every provider's API (the key read the way that provider sends it, and only that provider's keys
    /// count): unknown or missing key → 401 (no key is fine where the endpoint has <see cref="OptionalApiKey"/>); known key
    /// without the endpoint's <see cref="RequiredScope"/> → 403 naming the scope; errors in that provider's envelope. Runs after routing so it can read the metadata.
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
            var protocol = ProviderProtocols.ForErrors(context.Request.Path);
            var presented = protocol.ReadKey(context.Request);
            if (presented == null && context.GetEndpoint()?.Metadata.GetMetadata<OptionalApiKey>() != null)
            {
                await _next(context);
                return;
            }
            if (!_keys.TryGet(protocol, presented, out var account))
            {
                await protocol.WriteUnauthorizedAsync(context, presented);
                return;
            }

            var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>();
            if (required != null && !account.HasScope(required.Scope))
            {
                await protocol.WriteErrorAsync(context, ApiErrorKind.Forbidden,
                    $"This API key lacks the required scope '{required.Scope}'.",
                    new System.Text.Json.Nodes.JsonObject { ["required_scope"] = required.Scope });
                return;
            }

            ApiCaller.Set(context, account);
            await _next(context);
        }
    }
}
