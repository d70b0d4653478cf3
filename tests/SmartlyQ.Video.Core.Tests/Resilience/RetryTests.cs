using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Resilience
{
    /// <summary>Retries run on <see cref="RecordingTimeProvider"/>: waits are recorded, never slept.</summary>
    public class RetryTests
    {
        private const string JobUrl = ClientHarness.Base + "/jobs/job_1";
        private const string GenerateUrl = ClientHarness.Base + "/videos/generate";
        private static readonly Func<HttpResponseMessage> JobOk = () => Answers.Ok("{\"success\":true,\"data\":{\"id\":\"job_1\",\"status\":\"processing\"}}");
        private static readonly Func<HttpResponseMessage> Accepted = () => Answers.Json(HttpStatusCode.Accepted, "{\"success\":true,\"data\":{\"job_uid\":\"job_1\",\"status\":\"queued\"}}");
        private static readonly VideoRequest Request = new VideoRequest { Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "x" };

        [Fact]
        public async Task Rate_limit_waits_the_retry_after_seconds_then_succeeds()
        {
            using var harness = new ClientHarness { RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Error(429, "RATE_LIMITED", "Too many requests.", ("Retry-After", "12")), JobOk);

            JobSnapshot job = await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(JobStatus.Running, job.Status);
            Assert.Equal(2, harness.Requests.Length);
            Assert.Equal(new[] { TimeSpan.FromSeconds(12) }, harness.Clock.Waits);
            Assert.Equal("Retry 1/4 of GET /jobs/job_1 after 429 TooManyRequests; waiting 12.0 s", Assert.Single(harness.Log));
        }

        [Fact]
        public async Task Retry_after_as_http_date_is_waited_until()
        {
            using var harness = new ClientHarness();
            string date = harness.Clock.Now.AddSeconds(20).ToString("r");
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Error(429, "RATE_LIMIT_EXCEEDED", "slow down", ("Retry-After", date)), JobOk);

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(new[] { TimeSpan.FromSeconds(20) }, harness.Clock.Waits);
        }

        [Fact]
        public async Task Retry_after_longer_than_the_maximum_is_capped()
        {
            using var harness = new ClientHarness { MaxRetryDelay = TimeSpan.FromSeconds(10) };
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Error(429, "RATE_LIMITED", "later", ("Retry-After", "300")), JobOk);

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(new[] { TimeSpan.FromSeconds(10) }, harness.Clock.Waits);
        }

        [Fact]
        public async Task A_limit_that_resets_in_hours_is_reported_at_once_with_its_retry_after()
        {
            using var harness = new ClientHarness { MaxRetryDelay = TimeSpan.FromSeconds(10) };
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Error(429, "RATE_LIMITED", "daily limit", ("Retry-After", "3600")), JobOk);

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Equal(429, ex.StatusCode);
            Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
            Assert.Empty(harness.Clock.Waits);
            Assert.Single(harness.Requests);
        }

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        [InlineData(408)]
        [InlineData(429)]
        public async Task Transient_statuses_are_retried(int status)
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Status(status), () => Answers.Status(status), JobOk);

            JobSnapshot job = await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal("job_1", job.JobUid);
            Assert.Equal(3, harness.Requests.Length);
            Assert.Equal(2, harness.Log.Length);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(402)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(409)]
        [InlineData(422)]
        public async Task Other_client_errors_are_not_retried(int status)
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Post, GenerateUrl, () => Answers.Status(status), Accepted);

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.SubmitAsync(Request, "k", CancellationToken.None));

            Assert.Equal(status, ex.StatusCode);
            Assert.Single(harness.Requests);
            Assert.Empty(harness.Log);
            Assert.Empty(harness.Clock.Waits);
        }

        [Fact]
        public async Task Attempts_are_bounded_by_max_retries_plus_one()
        {
            using var harness = new ClientHarness { MaxRetries = 3 };
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Error(503, "INTERNAL_ERROR", "down"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Equal(503, ex.StatusCode);
            Assert.Equal("down", ex.Message);
            Assert.Equal(4, harness.Requests.Length);
            Assert.Equal(new[] { "Retry 1/3 ", "Retry 2/3 ", "Retry 3/3 " }, harness.Log.Select(l => l.Substring(0, 10)));
        }

        [Fact]
        public async Task Zero_max_retries_means_one_attempt()
        {
            using var harness = new ClientHarness { MaxRetries = 0 };
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Status(503), JobOk);

            await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task Backoff_waits_grow_from_the_base_delay_and_stay_under_the_cap()
        {
            using var harness = new ClientHarness { MaxRetries = 6, RetryBaseDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(8) };
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Status(503));

            await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            TimeSpan[] waits = harness.Clock.Waits;
            Assert.Equal(6, waits.Length);
            Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(8)));
            Assert.True(waits.Skip(3).Average(w => w.TotalSeconds) > waits.Take(1).Average(w => w.TotalSeconds), "later waits should be longer: " + string.Join(", ", waits));
        }

        [Fact]
        public async Task Post_retries_reuse_the_same_idempotency_key_and_body()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Post, GenerateUrl, () => Answers.Status(503), () => Answers.Status(502), Accepted);

            JobSubmission job = await harness.Client.SubmitAsync(Request, "idem-42", CancellationToken.None);

            Assert.Equal("job_1", job.JobUid);
            Assert.Equal(3, harness.Requests.Length);
            Assert.All(harness.Requests, r => Assert.Equal("idem-42", r.Header("X-Idempotency-Key")));
            Assert.Single(harness.Requests.Select(r => r.Body).Distinct());
            Assert.StartsWith("Retry 1/4 of POST /videos/generate after 503 ServiceUnavailable; waiting ", harness.Log[0]);
        }

        [Fact]
        public async Task Network_errors_are_retried()
        {
            using var harness = new ClientHarness();
            int calls = 0;
            harness.Mock.When(HttpMethod.Get, JobUrl).Respond(_ =>
            {
                if (Interlocked.Increment(ref calls) == 1) throw new HttpRequestException("Connection refused");
                return JobOk();
            });

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(2, calls);
            Assert.Contains("HttpRequestException (Connection refused)", Assert.Single(harness.Log));
        }

        [Fact]
        public async Task Retry_lines_name_the_innermost_cause_of_a_generic_network_error()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Get, JobUrl,
                () => throw new HttpRequestException("An error occurred while sending the request.", new System.IO.IOException("Unable to read data.", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset))),
                JobOk);

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            string line = Assert.Single(harness.Log);
            Assert.Contains("after HttpRequestException (An error occurred while sending the request.; SocketException: ", line);
            Assert.Equal(1, harness.Client.Statistics.NetworkErrorRetries);
        }

        [Fact]
        public async Task A_connection_reset_while_the_answer_is_read_is_retried()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Get, JobUrl,
                () => Answers.Stream(new ScriptedStream(System.Text.Encoding.UTF8.GetBytes("{\"success\":true,\"da")), 200),
                JobOk);

            JobSnapshot job = await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(JobStatus.Running, job.Status);
            Assert.Equal(2, harness.Requests.Length);
            Assert.Contains("connection reset by peer", Assert.Single(harness.Log));
            Assert.Equal(1, harness.Client.Statistics.NetworkErrorRetries);
        }

        [Fact]
        public async Task Network_errors_that_persist_surface_after_the_last_retry()
        {
            using var harness = new ClientHarness { MaxRetries = 2 };
            harness.Mock.When(HttpMethod.Get, JobUrl).Throw(new HttpRequestException("No such host is known"));

            await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Equal(3, harness.Requests.Length);
        }

        [Fact]
        public async Task Timeouts_not_caused_by_the_caller_are_retried_then_reported_as_timeouts()
        {
            using var harness = new ClientHarness { MaxRetries = 2 };
            harness.Mock.When(HttpMethod.Get, JobUrl).Throw(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()));

            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Equal(3, harness.Requests.Length);
            Assert.IsType<TimeoutException>(ex.InnerException);
            Assert.Contains("GET /jobs/job_1 timed out", ex.Message);
            Assert.All(harness.Log, l => Assert.Contains("after timeout", l));
        }

        [Fact]
        public async Task Retried_failed_answers_are_disposed()
        {
            using var harness = new ClientHarness();
            var first = new TrackedContent("{\"success\":false,\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"x\"}}");
            harness.Sequence(HttpMethod.Get, JobUrl, () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = first }, JobOk);

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.True(first.Disposed);
        }

        [Fact]
        public async Task A_throwing_log_sink_does_not_fail_the_call()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Status(503), JobOk);
            var options = harness.Options();
            using var client = new SmartlyQClient(new SmartlyQClientOptions
            {
                ApiKey = options.ApiKey,
                BaseUri = options.BaseUri,
                Handler = options.Handler,
                Log = _ => throw new InvalidOperationException("pipeline stopped"),
            }, harness.Clock);

            JobSnapshot job = await client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal("job_1", job.JobUid);
        }
    }
}
