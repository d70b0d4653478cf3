using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
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
    /// <summary>Nothing charged twice: a POST is retried only with its idempotency key, and a reused key is a clear error.</summary>
    public class IdempotencyTests
    {
        private const string GenerateUrl = ClientHarness.Base + "/videos/generate";
        private static readonly VideoRequest Request = new VideoRequest { Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "A fox in the snow" };

        private static HttpResponseMessage Accepted(string jobUid) => Answers.Json(HttpStatusCode.Accepted,
            "{\"success\":true,\"data\":{\"job_uid\":\"" + jobUid + "\",\"status\":\"queued\"},\"usage\":{\"units\":1,\"cost\":\"0.2800\",\"balance_remaining\":\"99.7200\"}}");

        public static TheoryData<Exception> LostAnswers => new TheoryData<Exception>
        {
            new HttpRequestException("The response ended prematurely."),
            new HttpRequestException("An error occurred while sending the request.", new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset))),
            new IOException("Unable to read data from the transport connection: Connection reset by peer."),
        };

        [Theory]
        [MemberData(nameof(LostAnswers))]
        public async Task A_submission_whose_202_was_lost_is_retried_with_the_same_key_and_gets_the_replayed_202(Exception lost)
        {
            using var harness = new ClientHarness();
            int calls = 0;

            // The server accepted the first request (job_first) but the connection dropped before its 202 arrived;
            // with the same key and body it replays that 202 instead of creating and charging a second job.
            harness.Recorder.Server = (request, token) =>
            {
                if (Interlocked.Increment(ref calls) == 1) throw lost;
                return Task.FromResult(Accepted("job_first"));
            };

            JobSubmission job = await harness.Client.SubmitAsync(Request, "idem-42", CancellationToken.None);

            Assert.Equal("job_first", job.JobUid);
            Assert.Equal(0.28m, job.Usage!.Cost);
            Assert.Equal(2, harness.Requests.Length);
            Assert.All(harness.Requests, r => Assert.Equal("idem-42", r.Header("X-Idempotency-Key")));
            Assert.Single(harness.Requests.Select(r => r.Body).Distinct());
            Assert.StartsWith("Retry 1/4 of POST /videos/generate after " + lost.GetType().Name, Assert.Single(harness.Log));
            Assert.Equal(1, harness.Client.Statistics.NetworkErrorRetries);
        }

        [Fact]
        public async Task A_submission_whose_answer_timed_out_is_retried_with_the_same_key()
        {
            using var harness = new ClientHarness();
            int calls = 0;
            harness.Recorder.Server = async (request, token) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    harness.Clock.Advance(TimeSpan.FromSeconds(31));
                    await Hang.UntilCancelled(token);
                }
                return Accepted("job_first");
            };

            JobSubmission job = await harness.Client.SubmitAsync(Request, "idem-43", CancellationToken.None);

            Assert.Equal("job_first", job.JobUid);
            Assert.Equal(new[] { "idem-43", "idem-43" }, harness.Requests.Select(r => r.Header("X-Idempotency-Key")));
            Assert.Equal(1, harness.Client.Statistics.AttemptTimeoutRetries);
        }

        [Fact]
        public async Task Cancel_job_retries_keep_its_key_too()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Post, ClientHarness.Base + "/jobs/job_1/cancel",
                () => throw new HttpRequestException("Connection reset"),
                () => Answers.Data("{\"id\":\"job_1\",\"status\":\"cancelled\"}"));

            JobSnapshot job = await harness.Client.CancelJobAsync("job_1", "cancel-1", CancellationToken.None);

            Assert.Equal(JobStatus.Cancelled, job.Status);
            Assert.Equal(new[] { "cancel-1", "cancel-1" }, harness.Requests.Select(r => r.Header("X-Idempotency-Key")));
        }

        [Theory]
        [InlineData("CONFLICT", "Conflict.")]
        [InlineData("IDEMPOTENCY_CONFLICT", "A request with this idempotency key was already processed with a different request body.")]
        public async Task A_key_reused_for_a_different_submission_is_not_retried_and_says_so(string code, string apiMessage)
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Post, GenerateUrl, () => Answers.Error(409, code, apiMessage), () => Accepted("job_second"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.SubmitAsync(Request, "idem-42", CancellationToken.None));

            Assert.Equal(409, ex.StatusCode);
            Assert.Equal(ApiErrorKind.Conflict, ex.Kind);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Contains("The idempotency key 'idem-42' was already used for a different request", ex.Message);
            Assert.Contains("POST /videos/generate", ex.Message);
            Assert.Contains("Use a new idempotency key", ex.Message);
            Assert.EndsWith(apiMessage, ex.Message);
            Assert.Equal("req_err", ex.RequestId);
            Assert.Single(harness.Requests);
            Assert.Empty(harness.Log);
            Assert.Empty(harness.Clock.Waits);
        }

        [Fact]
        public async Task A_conflict_cancelling_a_finished_job_keeps_the_api_message()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Post, ClientHarness.Base + "/jobs/job_1/cancel", () => Answers.Error(409, "CONFLICT", "Job job_1 is already completed."));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.CancelJobAsync("job_1", "cancel-1", CancellationToken.None));

            Assert.Equal("Job job_1 is already completed.", ex.Message);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task A_cancel_whose_key_was_reused_says_so()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Post, ClientHarness.Base + "/jobs/job_1/cancel", () => Answers.Error(409, "IDEMPOTENCY_CONFLICT", "Key reused."));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.CancelJobAsync("job_1", "cancel-1", CancellationToken.None));

            Assert.StartsWith("The idempotency key 'cancel-1' was already used for a different request", ex.Message);
        }
    }
}
