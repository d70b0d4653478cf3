using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    /// <summary>The 202 answer of POST /videos/generate in its documented and neighbouring shapes.</summary>
    public class SubmissionToleranceTests
    {
        private static readonly VideoRequest Request = new VideoRequest { Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "x" };

        private static async Task<JobSubmission> Submit(string body)
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Json(HttpStatusCode.Accepted, body));
            return await harness.Client.SubmitAsync(Request, "k", CancellationToken.None);
        }

        [Fact]
        public async Task Documented_answer_gives_uid_status_and_usage_in_sqc()
        {
            JobSubmission job = await Submit("{\"success\":true,\"data\":{\"job_uid\":\"job_a1b2c3d4e5f6\",\"status\":\"queued\"},\"usage\":{\"units\":1,\"cost\":\"0.2800\",\"balance_remaining\":\"14.7200\"}}");

            Assert.Equal("job_a1b2c3d4e5f6", job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Equal(1, job.Usage!.Units);
            Assert.Equal(0.28m, job.Usage.Cost);
            Assert.Equal(14.72m, job.Usage.BalanceRemaining);
            Assert.Null(job.RequestId);
        }

        [Fact]
        public async Task Money_as_strings_or_numbers_is_read_the_same_under_any_culture()
        {
            CultureInfo before = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                JobSubmission fromStrings = await Submit("{\"data\":{\"job_uid\":\"j\",\"status\":\"queued\"},\"usage\":{\"units\":\"2\",\"cost\":\"1234.5600\",\"balance_remaining\":\"0.0150\"}}");
                JobSubmission fromNumbers = await Submit("{\"data\":{\"job_uid\":\"j\",\"status\":\"queued\"},\"usage\":{\"units\":2,\"cost\":1234.56,\"balance_remaining\":0.015}}");

                Assert.Equal(1234.56m, fromStrings.Usage!.Cost);
                Assert.Equal(0.015m, fromStrings.Usage.BalanceRemaining);
                Assert.Equal(2, fromStrings.Usage.Units);
                Assert.Equal(1234.56m, fromNumbers.Usage!.Cost);
                Assert.Equal(0.015m, fromNumbers.Usage.BalanceRemaining);
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
            }
        }

        [Fact]
        public async Task Async_guide_shape_with_job_id_and_pending_is_read()
        {
            JobSubmission job = await Submit("{\"success\":true,\"data\":{\"job_id\":\"job_abc123\",\"status\":\"pending\"},\"meta\":{\"request_id\":\"req_abc123\"}}");

            Assert.Equal("job_abc123", job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Null(job.Usage);
            Assert.Equal("req_abc123", job.RequestId);
        }

        [Fact]
        public async Task Missing_status_means_queued()
        {
            JobSubmission job = await Submit("{\"success\":true,\"data\":{\"job_uid\":\"job_1\"}}");
            Assert.Equal(JobStatus.Queued, job.Status);
        }

        [Fact]
        public async Task Answer_without_a_job_id_is_an_invalid_response()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Json(HttpStatusCode.Accepted, "{\"success\":true,\"data\":{\"status\":\"queued\"}}"));

            var ex = await Assert.ThrowsAsync<Core.Providers.VideoApiException>(() => harness.Client.SubmitAsync(Request, "k", CancellationToken.None));

            Assert.Equal("INVALID_RESPONSE", ex.ErrorCode);
        }
    }
}
