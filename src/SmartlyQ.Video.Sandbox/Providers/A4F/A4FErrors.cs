using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Providers.A4F
{
    /// <summary>
    /// A4F's error envelope (<c>docs/errors</c>): <c>{"error":{"message","type","param","code"}}</c>, the short code in
    /// <c>type</c> and, as the sheet advises, in <c>code</c> too (emulator choice).
    /// </summary>
    internal static class A4FErrors
    {
        public const string InvalidRequest = "invalid_request_error";
        public const string ExceedsModelLimit = "n_exceeds_model_limit";
        public const string InvalidApiKey = "invalid_api_key";
        public const string PermissionDenied = "permission_denied_error";
        public const string RateLimitExceeded = "rate_limit_exceeded";
        public const string ProviderError = "provider_error";

        public static JsonObject Body(string type, string message, string? param = null) => new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = type },
        };

        public static IResult Result(int status, string type, string message, string? param = null) =>
            new NanoGPT.NanoGptErrors.JsonResult(status, Body(type, message, param));

        public static async Task WriteAsync(HttpContext context, int status, string type, string message, string? param = null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(Body(type, message, param), ApiJson.Options);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }
}
