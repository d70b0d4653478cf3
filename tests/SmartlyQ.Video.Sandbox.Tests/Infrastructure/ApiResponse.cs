using System.Linq;
using System.Net.Http;
using System.Text.Json;

namespace SmartlyQ.Video.Sandbox.Tests.Infrastructure
{
    /// <summary>A finished call: status, headers and the parsed JSON body.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(HttpResponseMessage message, string raw)
        {
            Message = message;
            Raw = raw;
            // Chaos gateway errors (502/503) may carry an HTML page, and files are video or images: those keep Json at default.
            var mediaType = message.Content.Headers.ContentType?.MediaType;
            var notJson = mediaType == "text/html" || mediaType != null
                && (mediaType.StartsWith("video/", System.StringComparison.Ordinal) || mediaType.StartsWith("image/", System.StringComparison.Ordinal));
            Json = raw.Length == 0 || notJson ? default : JsonDocument.Parse(raw).RootElement.Clone();
        }

        public HttpResponseMessage Message { get; }
        public string Raw { get; }
        public JsonElement Json { get; }
        public int Status => (int)Message.StatusCode;
        public JsonElement Data => Json.GetProperty("data");
        public JsonElement Error => Json.GetProperty("error");
        public string ErrorCode => Error.GetProperty("code").GetString()!;

        public string? Header(string name) =>
            Message.Headers.TryGetValues(name, out var values) ? values.First()
            : Message.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.First()
            : null;
    }
}
