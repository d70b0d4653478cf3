using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>The answer of POST /api/generate-video in its documented and variant shapes, and what happens when it is lost.</summary>
    public class NanoGptSubmissionTests
    {
        private static readonly VideoRequest Request = new VideoRequest { Model = "veo2-video", Type = VideoType.TextToVideo, Prompt = "A fox" };

        private static async Task<JobSubmission> Submit(int status, string body)
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/generate-video").Respond(_ => NanoGptHarness.Json(status, body, ("X-Request-ID", "req_sub")));
            return await harness.Client.SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);
        }

        [Fact]
        public async Task The_documented_202_gives_the_run_id_status_and_cost_in_the_payment_source()
        {
            JobSubmission job = await Submit(202, "{\"runId\":\"vid_m1abc123def456\",\"id\":\"vid_m1abc123def456\",\"status\":\"pending\",\"model\":\"veo2-video\","
                                                  + "\"cost\":0.35,\"paymentSource\":\"XNO\",\"remainingBalance\":12.5,\"prechargeLabel\":\"string\"}");

            Assert.Equal("vid_m1abc123def456", job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Equal("pending", job.ProviderStatus);
            Assert.Equal(0.35m, job.Usage!.Cost);
            Assert.Equal(12.5m, job.Usage.BalanceRemaining);
            Assert.Equal("XNO", job.Usage.Currency);
            Assert.Equal("req_sub", job.RequestId);
        }

        [Fact]
        public async Task A_200_with_only_runId_and_processing_is_accepted()
        {
            JobSubmission job = await Submit(200, "{\"runId\":\"vid_abc\",\"status\":\"processing\"}");

            Assert.Equal("vid_abc", job.JobUid);
            Assert.Equal(JobStatus.Running, job.Status);
            Assert.Null(job.Usage);
        }

        [Fact]
        public async Task An_answer_with_only_id_and_amounts_as_strings_is_read()
        {
            JobSubmission job = await Submit(202, "{\"id\":\"vid_only\",\"cost\":\"0.2500\",\"paymentSource\":\"usd\"}");

            Assert.Equal("vid_only", job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Null(job.ProviderStatus);
            Assert.Equal(0.25m, job.Usage!.Cost);
            Assert.Equal("USD", job.Usage.Currency);
        }

        [Fact]
        public async Task An_answer_without_a_run_id_is_an_invalid_response_not_a_job()
        {
            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Submit(202, "{\"status\":\"pending\",\"cost\":0.35}"));

            Assert.Equal("INVALID_RESPONSE", ex.ErrorCode);
            Assert.Equal("NanoGPT", ex.Provider);
            Assert.Contains("runId", ex.Message);
        }

        [Fact]
        public async Task A_submission_whose_connection_broke_after_sending_is_not_retried_and_is_uncertain()
        {
            using var harness = new NanoGptHarness();
            int calls = 0;
            harness.Recorder.Server = (request, token) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                    throw new HttpRequestException("Error while copying content", new IOException("Connection reset by peer"));
                return Task.FromResult(NanoGptHarness.Json(202, "{\"runId\":\"vid_second\",\"status\":\"pending\"}"));
            };

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.SubmitAsync(Request, SubmitOptions.None, CancellationToken.None));

            Assert.Equal(ApiErrorKind.Uncertain, ex.Kind);
            Assert.Equal("NanoGPT", ex.Provider);
            Assert.Contains("NanoGPT takes no idempotency key", ex.Message);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task A_submission_that_timed_out_after_sending_is_not_retried_and_is_uncertain()
        {
            using var harness = new NanoGptHarness();
            harness.Recorder.Server = async (request, token) =>
            {
                harness.Clock.Advance(TimeSpan.FromSeconds(31));
                await Hang.UntilCancelled(token);
                throw new InvalidOperationException("unreachable");
            };

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.SubmitAsync(Request, SubmitOptions.None, CancellationToken.None));

            Assert.Equal(ApiErrorKind.Uncertain, ex.Kind);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task A_submission_refused_with_a_500_is_not_sent_again()
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/generate-video").Respond(_ => NanoGptHarness.Json(500, "{\"error\":500,\"message\":\"Video provider failed\"}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.SubmitAsync(Request, SubmitOptions.None, CancellationToken.None));

            // A 500 may come after the job was made: without a key, a repeat could pay twice.
            Assert.Equal(ApiErrorKind.ServerError, ex.Kind);
            Assert.Equal("Video provider failed", ex.ProviderMessage);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task A_submission_refused_with_429_and_Retry_After_is_sent_again_after_that_wait()
        {
            using var harness = new NanoGptHarness();
            harness.Sequence(HttpMethod.Post, NanoGptHarness.Base + "/generate-video",
                () => NanoGptHarness.Json(429, "{\"error\":{\"message\":\"Too many requests\",\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}", ("Retry-After", "7")),
                () => NanoGptHarness.Json(202, "{\"runId\":\"vid_after\",\"status\":\"pending\"}"));

            JobSubmission job = await harness.Client.SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);

            Assert.Equal("vid_after", job.JobUid);
            Assert.Equal(2, harness.Requests.Length);
            Assert.Contains(TimeSpan.FromSeconds(7), harness.Clock.Waits);
            Assert.Equal(1, harness.Client.Statistics.RateLimited429Received);
        }
    }
}
