using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    /// <summary>
    /// The client's HTTP trace: one RequestLog line per request (method, path, status, milliseconds, request id, why a
    /// retry was made) and DebugLog lines with the headers; never the key, never a query string.
    /// </summary>
    public class RequestTraceTests
    {
        private const string JobUrl = ClientHarness.Base + "/jobs/job_1";
        private const string Job = "{\"job_uid\":\"job_1\",\"status\":\"processing\"}";

        [Fact]
        public async Task One_line_per_request_names_method_path_status_milliseconds_and_request_id()
        {
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Get, JobUrl).Respond(_ => Answers.Ok("{\"success\":true,\"data\":" + Job + "}", ("X-Request-Id", "req_trace1")));

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            string line = Assert.Single(harness.Trace);
            Assert.Matches(@"^HTTP GET /v1/jobs/job_1: 200 OK in \d+ ms \(request id req_trace1\)$", line);
            Assert.Empty(harness.Log);
        }

        [Fact]
        public async Task A_retried_attempt_says_its_number_and_what_the_previous_one_failed_with()
        {
            using var harness = new ClientHarness { RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Status(503), () => Answers.Data(Job));

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(2, harness.Trace.Length);
            Assert.Matches(@"^HTTP GET /v1/jobs/job_1: 503 Service Unavailable in \d+ ms$", harness.Trace[0]);
            Assert.Matches(@"^HTTP GET /v1/jobs/job_1: 200 OK in \d+ ms \(attempt 2, retried after 503 ServiceUnavailable\)$", harness.Trace[1]);
        }

        [Fact]
        public async Task The_query_string_is_never_shown()
        {
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Get, ClientHarness.Base + "/jobs").Respond(_ => Answers.Data("[]"));

            await harness.Client.ListJobsAsync(new JobQuery { Status = JobStatus.Running, Cursor = "2", Limit = 100 }, CancellationToken.None);

            Assert.Matches(@"^HTTP GET /v1/jobs: 200 OK in \d+ ms", Assert.Single(harness.Trace));
            Assert.All(harness.Trace.Concat(harness.DebugLines), l => Assert.DoesNotContain("?", l));
        }

        [Fact]
        public async Task A_download_from_another_host_shows_its_host_and_path_without_the_signature()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("https://cdn.example.test/videos/job_1.mp4").Respond(_ => Answers.Bytes(new byte[100]));

            await harness.Client.DownloadAsync(new Uri("https://cdn.example.test/videos/job_1.mp4?sig=deadbeefcafe"), new MemoryStream(), null, CancellationToken.None);

            Assert.Matches(@"^HTTP GET https://cdn\.example\.test/videos/job_1\.mp4: 200 OK in \d+ ms$", Assert.Single(harness.Trace));
            Assert.All(harness.Trace.Concat(harness.DebugLines), l => Assert.DoesNotContain("deadbeefcafe", l));
        }

        [Fact]
        public async Task A_request_that_got_no_answer_is_traced_with_its_failure()
        {
            using var harness = new ClientHarness { MaxRetries = 0 };
            harness.Mock.When(HttpMethod.Get, JobUrl).Throw(new HttpRequestException("Connection refused"));

            await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Matches(@"^HTTP GET /v1/jobs/job_1: failed: HttpRequestException: Connection refused after \d+ ms$", Assert.Single(harness.Trace));
        }

        [Fact]
        public async Task Debug_lines_show_the_headers_with_Authorization_redacted_and_never_the_key()
        {
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Post, ClientHarness.Base + "/videos/generate").Respond(_ => Answers.Json(System.Net.HttpStatusCode.Accepted,
                "{\"success\":true,\"data\":{\"job_uid\":\"job_1\",\"status\":\"queued\"}}", ("X-Request-Id", "req_h1"), ("Set-Cookie", "session=" + TestKeys.SecretPart)));

            await harness.Client.SubmitAsync(new VideoRequest { Model = "kling-v2-1", Type = "text_to_video", Prompt = "p" }, "key-1", CancellationToken.None);

            Assert.Equal(2, harness.DebugLines.Length);
            string request = harness.DebugLines[0];
            Assert.StartsWith("HTTP POST /v1/videos/generate request headers: ", request);
            Assert.Contains("Authorization: Bearer [redacted]", request);
            Assert.Contains("X-Idempotency-Key: key-1", request);
            Assert.Contains("Content-Type: application/json", request);
            string response = harness.DebugLines[1];
            Assert.StartsWith("HTTP POST /v1/videos/generate response headers: 202 Accepted; ", response);
            Assert.Contains("X-Request-Id: req_h1", response, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Set-Cookie: [redacted]", response);
            Assert.All(harness.Trace.Concat(harness.DebugLines).Concat(harness.Log), l => Assert.DoesNotContain(TestKeys.SecretPart, l));
        }
    }
}
