using System;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>Reads <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    internal static class BearerToken
    {
        public static string? Read(HttpRequest request)
        {
            string? header = request.Headers[HeaderNames.Authorization];
            if (header == null) return null;
            const string scheme = "Bearer ";
            if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
            var token = header.Substring(scheme.Length).Trim();
            return token.Length == 0 ? null : token;
        }
    }
}
