using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary>Builds the documented success and error envelopes; <c>meta</c> is added when written.</summary>
    internal static class Envelope
    {
        public static IResult Ok(JsonNode? data, int status = 200, JsonObject? usage = null, JsonObject? pagination = null)
        {
            var body = new JsonObject { ["success"] = true, ["data"] = data };
            if (usage != null) body["usage"] = usage;
            if (pagination != null) body["pagination"] = pagination;
            return new EnvelopeResult(status, body);
        }

        /// <summary>An error envelope; <paramref name="extra"/> adds members inside <c>error</c>, e.g. <c>balance_sqc</c> on 402 in docs style.</summary>
        public static IResult Error(ApiErrorKind kind, string message, JsonObject? details = null, JsonObject? extra = null) =>
            new ErrorResult(kind, message, details, extra);

        public static Task WriteErrorAsync(HttpContext context, ApiErrorKind kind, string message, JsonObject? details = null) =>
            Error(kind, message, details).ExecuteAsync(context);

        public static JsonObject Meta(HttpContext context) => new JsonObject
        {
            ["request_id"] = RequestIds.Get(context),
            ["timestamp"] = ApiFormat.Timestamp(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()),
        };

        /// <summary>Writes a body with a fresh <c>meta</c>; also used to replay stored idempotent responses.</summary>
        public static async Task WriteAsync(HttpContext context, int status, JsonObject body)
        {
            body["meta"] = Meta(context);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }

        private sealed class EnvelopeResult : IResult
        {
            private readonly int _status;
            private readonly JsonObject _body;

            public EnvelopeResult(int status, JsonObject body) { _status = status; _body = body; }

            public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, _status, _body);
        }

        private sealed class ErrorResult : IResult
        {
            private readonly ApiErrorKind _kind;
            private readonly string _message;
            private readonly JsonObject? _details;
            private readonly JsonObject? _extra;

            public ErrorResult(ApiErrorKind kind, string message, JsonObject? details, JsonObject? extra)
            {
                _kind = kind; _message = message; _details = details; _extra = extra;
            }

            public Task ExecuteAsync(HttpContext httpContext)
            {
                var codes = httpContext.RequestServices.GetRequiredService<ErrorCodeBook>();
                var error = new JsonObject
                {
                    ["code"] = codes.Code(_kind),
                    ["message"] = _message,
                    ["details"] = _details ?? new JsonObject(),
                };
                if (_extra != null)
                {
                    foreach (var pair in _extra) error[pair.Key] = pair.Value?.DeepClone();
                }
                var body = new JsonObject { ["success"] = false, ["error"] = error };
                return WriteAsync(httpContext, ErrorCodeBook.Status(_kind), body);
            }
        }
    }
}
