using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>The authenticated key of the current request, set by <see cref="ApiAuthMiddleware"/>.</summary>
    internal static class ApiCaller
    {
        private const string ItemKey = "SmartlyQ.Sandbox.Caller";

        public static void Set(HttpContext context, KeyAccount account) => context.Items[ItemKey] = account;

        public static KeyAccount Get(HttpContext context) => (KeyAccount)context.Items[ItemKey]!;
    }
}
