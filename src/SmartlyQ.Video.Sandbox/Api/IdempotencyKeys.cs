using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary>Reads the idempotency key; both documented spellings are accepted, <c>X-Idempotency-Key</c> first (API doc §9).</summary>
    internal static class IdempotencyKeys
    {
        public const string Header = "X-Idempotency-Key";
        public const string AlternateHeader = "Idempotency-Key";

        public static string? Read(HttpRequest request)
        {
            string? key = request.Headers[Header];
            if (string.IsNullOrWhiteSpace(key)) key = request.Headers[AlternateHeader];
            return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        }
    }
}
