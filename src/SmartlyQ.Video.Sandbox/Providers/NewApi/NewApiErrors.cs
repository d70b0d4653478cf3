using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Providers.NewApi
{
    /// <summary>
    /// new-api's error envelopes (research-2026-12/new-api-gateway.md §2 and "errors"): the middleware's
    /// <c>{"error":{"message":"… (request id: X)","type":"new_api_error","code":""}}</c> and the task relay's
    /// <c>{"code","message","data":null}</c> (also on <c>POST /v1/videos</c>).
    /// </summary>
    internal static class NewApiErrors
    {
        /// <summary>The middleware envelope; the request id is always appended to the message, the code is usually empty.</summary>
        public static JsonObject Middleware(HttpContext context, string message, string code = "") => new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message + " (request id: " + RequestIds.Get(context) + ")",
                ["type"] = "new_api_error",
                ["code"] = code,
            },
        };

        /// <summary>
        /// The answer of a route the gateway does not have (<c>controller.RelayNotFound</c>): 404
        /// <c>{"error":{"message":"Invalid URL (GET /v1/videos)","type":"invalid_request_error","param":"","code":""}}</c>,
        /// the path as the gateway sees it (without the sandbox's <c>/newapi</c>). A wrong method is the same 404 (gin's default).
        /// </summary>
        public static JsonObject InvalidUrl(HttpRequest request)
        {
            string path = request.Path.StartsWithSegments(NewApiProtocol.BasePath, out var rest) ? rest.Value ?? "/" : request.Path.Value ?? "/";
            return new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = $"Invalid URL ({request.Method} {path})",
                    ["type"] = "invalid_request_error",
                    ["param"] = "",
                    ["code"] = "",
                },
            };
        }

        /// <summary>The content proxy's envelope (<c>controller/video_proxy.go</c>): <c>{"error":{"message","type"}}</c>, no code.</summary>
        public static JsonObject Proxy(string message, string type = "invalid_request_error") =>
            new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type } };

        /// <summary>The task relay's envelope, e.g. <c>{"code":"task_not_exist","message":"task_not_exist","data":null}</c>.</summary>
        public static JsonObject Task(string code, string message) => new JsonObject { ["code"] = code, ["message"] = message, ["data"] = null };

        public static IResult Result(int status, JsonObject body) => new NanoGPT.NanoGptErrors.JsonResult(status, body);

        public static async Task WriteAsync(HttpContext context, int status, JsonObject body)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }
}
