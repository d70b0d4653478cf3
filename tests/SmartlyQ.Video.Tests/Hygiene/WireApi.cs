using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>
    /// Just enough of the SmartlyQ API for the cmdlets' operations to run against <see cref="RawHttpServer"/>:
    /// <c>/v1/me</c>, <c>/v1/videos/models</c> (kling-v2-1 only), <c>POST /v1/videos/generate</c> (202, a new
    /// <c>job_</c> + 12 hex uid), <c>GET /v1/jobs/{uid}</c> (completed, video on <c>/files/{uid}.mp4</c>),
    /// <c>POST /v1/jobs/{uid}/cancel</c> and the video bytes. Everything else is a 404 envelope. Every answer
    /// carries a generous rate limit so the client's pacing never waits.
    /// </summary>
    public sealed class WireApi
    {
        public const string Model = "kling-v2-1";
        public static readonly byte[] Video = { 0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2', 0, 0, 0, 0 };

        private static readonly Regex JobPath = new Regex("^/v1/jobs/(job_[0-9a-f]{12})$", RegexOptions.CultureInvariant);
        private static readonly Regex CancelPath = new Regex("^/v1/jobs/(job_[0-9a-f]{12})/cancel$", RegexOptions.CultureInvariant);
        private static readonly Regex FilePath = new Regex("^/files/(job_[0-9a-f]{12})\\.mp4$", RegexOptions.CultureInvariant);

        private readonly ConcurrentDictionary<string, bool> _issued = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private int _next;

        /// <summary>The server's origin, for the video URLs it hands out.</summary>
        public string Root { get; set; } = "";

        /// <summary>True for a uid this API handed out.</summary>
        public bool Issued(string uid) => _issued.ContainsKey(uid);

        public RawResponse Answer(RawRequest request)
        {
            string target = request.Target;
            Match m;
            switch (request.Method)
            {
                case "GET" when target == "/v1/me":
                    return Ok("{\"id\":1,\"name\":\"Wire\",\"email\":\"wire@example.test\",\"workspaces\":[{\"id\":42,\"name\":\"Default\"}],"
                              + "\"api_key\":{\"prefix\":\"sqk_live_\",\"mode\":\"live\",\"scopes\":[\"*\"]}}");
                case "GET" when target == "/v1/videos/models":
                    return Ok("[{\"model\":\"" + Model + "\",\"name\":\"Kling v2.1\",\"types\":[\"text_to_video\",\"image_to_video\"],\"duration\":[5,10],"
                              + "\"resolution\":[\"720p\",\"1080p\"],\"mode\":[\"Standard\",\"Professional\"],\"aspect_ratio\":[\"16:9\",\"9:16\",\"1:1\"],"
                              + "\"style\":[],\"movement\":[],\"prompt_max_length\":2500,\"supports_negative_prompt\":true,\"supports_seed\":false,"
                              + "\"supports_generate_audio\":false,\"supports_camera_fixed\":false}]");
                case "POST" when target == "/v1/videos/generate":
                {
                    string uid = "job_" + Interlocked.Increment(ref _next).ToString("x12", CultureInfo.InvariantCulture);
                    _issued[uid] = true;
                    return RawResponse.Json(202, "Accepted",
                        "{\"success\":true,\"data\":{\"job_uid\":\"" + uid + "\",\"status\":\"queued\"},\"usage\":{\"units\":1,\"cost\":\"0.2800\",\"balance_remaining\":\"99.0000\"},\"meta\":" + Meta() + "}",
                        RateLimit());
                }
                case "GET" when (m = JobPath.Match(target)).Success && Issued(m.Groups[1].Value):
                    return Ok(Job(m.Groups[1].Value, "completed"));
                case "POST" when (m = CancelPath.Match(target)).Success && Issued(m.Groups[1].Value):
                    return Ok(Job(m.Groups[1].Value, "cancelled"));
                case "GET" when (m = FilePath.Match(target)).Success && Issued(m.Groups[1].Value):
                    return new RawResponse(200, "OK", "video/mp4", Video, RateLimit());
                default:
                    return RawResponse.Json(404, "Not Found",
                        "{\"success\":false,\"error\":{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"No such resource.\",\"details\":{}},\"meta\":" + Meta() + "}", RateLimit());
            }
        }

        private string Job(string uid, string status)
            => "{\"id\":\"" + uid + "\",\"type\":\"video_generation\",\"status\":\"" + status + "\","
               + (status == "completed" ? "\"result\":{\"video_url\":\"" + Root + "/files/" + uid + ".mp4\",\"duration\":5,\"model\":\"" + Model + "\"}," : "\"result\":null,")
               + "\"error\":null,\"created_at\":\"2026-03-01T10:00:00Z\",\"updated_at\":\"2026-03-01T10:00:05Z\"}";

        private static RawResponse Ok(string data)
            => RawResponse.Json(200, "OK", "{\"success\":true,\"data\":" + data + ",\"meta\":" + Meta() + "}", RateLimit());

        private static string Meta() => "{\"request_id\":\"req_wire\",\"timestamp\":\"2026-03-01T10:00:00Z\"}";

        private static (string, string)[] RateLimit()
        {
            string reset = DateTimeOffset.UtcNow.AddSeconds(60).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return new[] { ("X-RateLimit-Limit", "100000"), ("X-RateLimit-Remaining", "99999"), ("X-RateLimit-Reset", reset), ("X-Request-Id", "req_wire") };
        }
    }
}
