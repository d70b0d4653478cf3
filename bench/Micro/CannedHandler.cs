using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SmartlyQ.Video.Bench.Micro
{
    /// <summary>
    /// An in-memory <see cref="HttpMessageHandler"/> that answers every request with the same canned JSON (no socket),
    /// so a call through <see cref="Core.Providers.SmartlyQ.SmartlyQClient"/> measures the client's own per-request work: building
    /// the request, serializing, the resilience and pacing pipeline, reading headers and parsing the body. Answers carry
    /// what the real API sends on every response (<c>X-Request-Id</c>, <c>X-RateLimit-*</c> with an effectively
    /// unlimited budget, <c>Date</c>), so the client's pacer never waits.
    /// </summary>
    internal sealed class CannedHandler : HttpMessageHandler
    {
        private readonly HttpStatusCode _status;
        private readonly byte[] _body;
        private long _headerSecond = -1;
        private string _reset = "";
        private DateTimeOffset _date;

        public CannedHandler(HttpStatusCode status, string json)
        {
            _status = status;
            _body = Encoding.UTF8.GetBytes(json);
        }

        public long Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            if (request.Content != null) _ = request.Content.Headers.ContentLength; // the client's bytes are ready; nothing is sent
            // Header values change once a second: a window ending a minute from now.
            long second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (second != _headerSecond)
            {
                _headerSecond = second;
                _reset = (second + 60).ToString(CultureInfo.InvariantCulture);
                _date = DateTimeOffset.FromUnixTimeSeconds(second);
            }

            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var response = new HttpResponseMessage(_status) { Content = content, RequestMessage = request };
            response.Headers.TryAddWithoutValidation("X-Request-Id", "req_0123456789abcdef");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "1000000000");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "999999999");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", _reset);
            response.Headers.Date = _date;
            return Task.FromResult(response);
        }
    }

    /// <summary>Canned bodies shaped like the sandbox's answers (the documented envelope).</summary>
    internal static class CannedJson
    {
        public const string Accepted =
            "{\"success\":true,\"data\":{\"job_uid\":\"job_5f2c8a91d3e4\",\"status\":\"queued\"}," +
            "\"usage\":{\"units\":1,\"cost\":\"0.2800\",\"balance_remaining\":\"99.7200\"}," +
            "\"meta\":{\"request_id\":\"req_0123456789abcdef\",\"timestamp\":\"2026-11-21T05:00:00Z\"}}";

        public const string CompletedJob =
            "{\"success\":true,\"data\":{\"id\":\"job_5f2c8a91d3e4\",\"type\":\"video_generation\",\"status\":\"completed\"," +
            "\"result\":{\"video_url\":\"https://cdn.smartlyq.com/files/job_5f2c8a91d3e4.mp4\",\"duration\":5,\"model\":\"kling-v2-1\"}," +
            "\"error\":null,\"created_at\":\"2026-11-21T05:00:00Z\",\"updated_at\":\"2026-11-21T05:00:04Z\"}," +
            "\"meta\":{\"request_id\":\"req_0123456789abcdef\",\"timestamp\":\"2026-11-21T05:00:05Z\"}}";

        public const string ValidationError =
            "{\"success\":false,\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"The request is invalid.\"," +
            "\"details\":{\"aspect_ratio\":\"aspect_ratio '4:3' is not supported by model 'kling-v2-1'; one of: 16:9, 9:16, 1:1.\"}}," +
            "\"meta\":{\"request_id\":\"req_0123456789abcdef\",\"timestamp\":\"2026-11-21T05:00:00Z\"}}";
    }
}
