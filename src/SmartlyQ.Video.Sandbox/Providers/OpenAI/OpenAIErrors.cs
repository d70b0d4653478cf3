using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>OpenAI's error envelope <c>{"error":{"message","type","param","code"}}</c>, all four members always present.</summary>
    internal static class OpenAIErrors
    {
        public const string InvalidRequest = "invalid_request_error";
        public const string ServerError = "server_error";

        /// <summary>An endpoint's error answer.</summary>
        public static IResult Result(int status, string message, string? param = null, string? code = null, string type = InvalidRequest) =>
            new ErrorResult(status, Body(message, type, param, code));

        /// <summary>400 <c>invalid_request_error</c>, the answer to every request validation error.</summary>
        public static IResult BadRequest(string message, string? param, string? code) => Result(StatusCodes.Status400BadRequest, message, param, code);

        /// <summary>404 for a video this key cannot see (unknown, deleted or another key's).</summary>
        public static IResult VideoNotFound(string id) =>
            Result(StatusCodes.Status404NotFound, $"Video with id '{id}' not found.", "video_id", "video_not_found");

        public static Task WriteAsync(HttpContext context, int status, string message, string type = InvalidRequest, string? param = null, string? code = null) =>
            WriteBodyAsync(context, status, Body(message, type, param, code));

        public static JsonObject Body(string message, string type, string? param, string? code) => new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type,
                ["param"] = param,
                ["code"] = code,
            },
        };

        public static async Task WriteBodyAsync(HttpContext context, int status, JsonObject body)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }

        private sealed class ErrorResult : IResult
        {
            private readonly int _status;
            private readonly JsonObject _body;

            public ErrorResult(int status, JsonObject body) { _status = status; _body = body; }

            public Task ExecuteAsync(HttpContext httpContext) => WriteBodyAsync(httpContext, _status, _body);
        }
    }
}
