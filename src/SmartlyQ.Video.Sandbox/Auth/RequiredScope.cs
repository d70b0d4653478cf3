using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>Endpoint metadata: the scope a key needs; endpoints without it need only a valid key.</summary>
    internal sealed record RequiredScope(string Scope);

    internal static class RequiredScopeExtensions
    {
        public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, string scope) =>
            builder.WithMetadata(new RequiredScope(scope));
    }
}
