using System;
using System.Linq;
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
    /// <summary>
    /// Attempt and total timeouts on the virtual clock: a "hung server" moves the clock on and waits to be
    /// cancelled, so a timeout that would take 30 s takes no real time.
    /// </summary>
    public class TimeoutTests
    {
        private static readonly Func<HttpResponseMessage> JobOk = () => Answers.Ok("{\"success\":true,\"data\":{\"id\":\"job_1\",\"status\":\"processing\"}}");

        /// <summary>Each request: when <paramref name="hang"/> says so, stay silent for <paramref name="silence"/> and wait to be cancelled; else answer.</summary>
        private static void Server(ClientHarness harness, TimeSpan silence, Func<int, bool> hang, Func<HttpResponseMessage>? answer = null)
        {
            int calls = 0;
            harness.Recorder.Server = async (request, token) =>
            {
                int call = Interlocked.Increment(ref calls);
                if (hang(call))
                {
                    harness.Clock.Advance(silence);
                    await Hang.UntilCancelled(token);
                }
                return (answer ?? JobOk)();
            };
        }

        [Fact]
        public void Defaults_are_30_s_per_attempt_5_min_per_call_and_no_download_limit()
        {
            var options = new SmartlyQClientOptions();

            Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
            Assert.Equal(TimeSpan.FromMinutes(5), options.TotalTimeout);
            Assert.Equal(Timeout.InfiniteTimeSpan, options.DownloadTotalTimeout);
        }

        [Fact]
        public async Task A_hung_attempt_is_given_up_after_the_attempt_timeout_and_retried()
        {
            using var harness = new ClientHarness();
            Server(harness, TimeSpan.FromSeconds(31), call => call == 1);

            JobSnapshot job = await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(JobStatus.Running, job.Status);
            Assert.Equal(2, harness.Requests.Length);
            Assert.StartsWith("Retry 1/4 of GET /jobs/job_1 after timeout: no answer within 30 s; waiting ", Assert.Single(harness.Log));
            Assert.Equal(1, harness.Client.Statistics.AttemptTimeoutRetries);
        }

        [Fact]
        public async Task Attempt_timeouts_that_persist_end_in_an_error_naming_the_request_and_the_limit()
        {
            using var harness = new ClientHarness { MaxRetries = 2, AttemptTimeout = TimeSpan.FromSeconds(2) };
            Server(harness, TimeSpan.FromSeconds(3), _ => true);

            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Equal("GET /jobs/job_1 timed out: no answer within 2 s (AttemptTimeout); gave up after 3 attempts.", ex.Message);
            Assert.IsType<TimeoutException>(ex.InnerException);
            Assert.Equal(3, harness.Requests.Length);
            Assert.Equal(2, harness.Log.Length);
            Assert.Equal(2, harness.Client.Statistics.AttemptTimeoutRetries);
        }

        [Fact]
        public async Task The_total_timeout_stops_retrying_and_says_what_failed_last()
        {
            using var harness = new ClientHarness
            {
                MaxRetries = 10,
                RetryBaseDelay = TimeSpan.FromMilliseconds(1),
                AttemptTimeout = TimeSpan.FromSeconds(4),
                TotalTimeout = TimeSpan.FromSeconds(10),
            };
            Server(harness, TimeSpan.FromSeconds(4.5), _ => true);

            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            // Attempts end at about 4.5 s and 9 s; the third is cut at 10 s by the total timeout, and no fourth starts.
            Assert.Equal(3, harness.Requests.Length);
            Assert.StartsWith("GET /jobs/job_1 timed out: no success within the total timeout of 10 s (TotalTimeout) after 3 attempts", ex.Message);
            Assert.Contains("last failure: timeout: no answer within 4 s", ex.Message);
            Assert.IsType<TimeoutException>(ex.InnerException);
        }

        [Fact]
        public async Task The_total_timeout_also_cuts_a_retry_wait_short()
        {
            using var harness = new ClientHarness { MaxRetries = 10, RetryBaseDelay = TimeSpan.FromSeconds(8), MaxRetryDelay = TimeSpan.FromSeconds(8), TotalTimeout = TimeSpan.FromSeconds(20) };
            harness.Sequence(HttpMethod.Get, ClientHarness.Base + "/jobs/job_1", () => Answers.Status(503));

            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Contains("total timeout of 20 s", ex.Message);
            Assert.Contains("last failure: 503 ServiceUnavailable", ex.Message);
            Assert.InRange(harness.Requests.Length, 3, 10);
        }

        [Fact]
        public async Task A_retry_after_that_would_outlast_the_total_timeout_is_reported_at_once()
        {
            using var harness = new ClientHarness { TotalTimeout = TimeSpan.FromSeconds(30) };
            harness.Sequence(HttpMethod.Get, ClientHarness.Base + "/jobs/job_1", () => Answers.Error(429, "RATE_LIMITED", "Too many requests.", ("Retry-After", "45")), JobOk);

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Equal(429, ex.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(45), ex.RetryAfter);
            Assert.Single(harness.Requests);
            Assert.Empty(harness.Clock.Waits);
        }

        [Fact]
        public async Task Caller_cancellation_of_a_hung_request_is_prompt_and_never_retried()
        {
            // Virtual clock, never advanced: the 30 s attempt timeout cannot fire, so only the caller's token ends the request.
            using var harness = new ClientHarness();
            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            harness.Recorder.Server = async (request, token) =>
            {
                arrived.TrySetResult();
                await Hang.UntilCancelled(token);
                return JobOk();
            };
            using var cts = new CancellationTokenSource();
            DateTimeOffset start = harness.Clock.Now;

            Task<JobSubmission> call = harness.Client.SubmitAsync(
                new VideoRequest { Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "x" }, "idem-1", cts.Token);
            await arrived.Task.WaitAsync(Hang.Limit);
            cts.Cancel();

            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Equal(start, harness.Clock.Now);
            Assert.Empty(harness.Clock.Waits);
            Assert.Single(harness.Requests);
            Assert.Empty(harness.Log);
            Assert.Equal(0, harness.Client.Statistics.Retries);
        }

        [Fact]
        public async Task Timeout_messages_and_retry_lines_never_contain_the_key()
        {
            using var harness = new ClientHarness { MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(1) };
            int calls = 0;
            harness.Recorder.Server = async (request, token) =>
            {
                if (Interlocked.Increment(ref calls) == 1) throw new HttpRequestException("proxy echoed Bearer " + TestKeys.Live);
                harness.Clock.Advance(TimeSpan.FromSeconds(2));
                await Hang.UntilCancelled(token);
                return JobOk();
            };

            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetAccountAsync(CancellationToken.None));

            Assert.Contains("timed out", ex.Message);
            Assert.DoesNotContain(TestKeys.SecretPart, ex.ToString());
            Assert.All(harness.Log, l => Assert.DoesNotContain(TestKeys.SecretPart, l));
            Assert.Contains("sqk_live_", Assert.Single(harness.Log));
        }
    }
}
