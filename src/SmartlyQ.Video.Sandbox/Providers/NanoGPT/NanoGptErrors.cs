using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Providers.NanoGPT
{
    /// <summary>
    /// NanoGPT's error shapes (nanogpt.md §2, §5): <c>{"error": &lt;status&gt;, "message"}</c> on the video endpoints (its
    /// OpenAPI), the legacy <c>{"error":"Insufficient balance","requiredBalance","status":402}</c> for a 402, and the
    /// OpenAI-compatible <c>{"error":{message,type,code,param}}</c> on <c>/api/v1/…</c> and for 429s.
    /// </summary>
    internal static class NanoGptErrors
    {
        public static IResult Result(int status, string message) => new JsonResult(status, Simple(status, message));

        public static IResult InsufficientBalance(decimal required) => new JsonResult(StatusCodes.Status402PaymentRequired, new JsonObject
        {
            ["error"] = "Insufficient balance",
            ["requiredBalance"] = required,
            ["status"] = 402,
        });

        public static JsonObject Simple(int status, string message) => new JsonObject { ["error"] = status, ["message"] = message };

        public static JsonObject OpenAIStyle(string message, string type, string? code) => new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code, ["param"] = null },
        };

        public static async Task WriteAsync(HttpContext context, int status, JsonObject body)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }

        /// <summary>Any JSON answer of the emulator, success or error.</summary>
        internal sealed class JsonResult : IResult
        {
            private readonly int _status;
            private readonly JsonNode _body;

            public JsonResult(int status, JsonNode body) { _status = status; _body = body; }

            public async Task ExecuteAsync(HttpContext httpContext)
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(_body, ApiJson.Options);
                httpContext.Response.StatusCode = _status;
                httpContext.Response.ContentType = "application/json";
                httpContext.Response.ContentLength = bytes.Length;
                await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
            }
        }
    }
}
