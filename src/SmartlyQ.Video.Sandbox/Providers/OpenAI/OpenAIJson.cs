using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>A 200 JSON answer of the OpenAI emulator; video answers carry <c>openai-poll-after-ms</c> (the SDK's poll interval).</summary>
    internal sealed class OpenAIJson : IResult
    {
        public const string PollAfterHeader = "openai-poll-after-ms";

        private readonly JsonNode _body;
        private readonly int? _pollAfterMs;

        private OpenAIJson(JsonNode body, int? pollAfterMs)
        {
            _body = body;
            _pollAfterMs = pollAfterMs;
        }

        public static IResult Ok(JsonNode body) => new OpenAIJson(body, null);

        public static IResult Video(JsonObject video, int pollAfterMs) => new OpenAIJson(video, pollAfterMs);

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(_body, ApiJson.Options);
            var response = httpContext.Response;
            if (_pollAfterMs is int ms) response.Headers[PollAfterHeader] = ms.ToString(CultureInfo.InvariantCulture);
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }
}
