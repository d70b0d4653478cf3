using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>GET /api/video/status: both documented shapes, the tolerated variants, and status words in neutral terms.</summary>
    public class NanoGptStatusTests
    {
        private static async Task<JobSnapshot> Job(string body, string id = "vid_m1abc123def456")
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Base + "/video/status").Respond(_ => NanoGptHarness.Json(200, body, ("X-Request-ID", "req_st")));
            return await harness.Client.GetJobAsync(id, CancellationToken.None);
        }

        [Theory]
        [InlineData("IN_QUEUE", JobStatus.Queued)]
        [InlineData("queued", JobStatus.Queued)]
        [InlineData("pending", JobStatus.Queued)]
        [InlineData("IN_PROGRESS", JobStatus.Running)]
        [InlineData("processing", JobStatus.Running)]
        [InlineData("generating", JobStatus.Running)]
        [InlineData("delivering", JobStatus.Running)]
        [InlineData("COMPLETED", JobStatus.Succeeded)]
        [InlineData("completed", JobStatus.Succeeded)]
        [InlineData("FAILED", JobStatus.Failed)]
        [InlineData("failed", JobStatus.Failed)]
        [InlineData("CANCELED", JobStatus.Cancelled)]
        [InlineData("cancelled", JobStatus.Cancelled)]
        [InlineData("unknown", JobStatus.Unknown)]
        [InlineData("SOMETHING_NEW", JobStatus.Unknown)]
        public async Task Each_status_word_maps_to_its_neutral_state_and_is_kept_as_sent(string word, JobStatus expected)
        {
            JobSnapshot job = await Job("{\"requestId\":\"vid_m1abc123def456\",\"data\":{\"status\":\"" + word + "\"}}");

            Assert.Equal(expected, job.Status);
            Assert.Equal(word, job.ProviderStatus);
        }

        [Fact]
        public async Task The_enveloped_completed_answer_gives_the_video_url_model_and_request_id()
        {
            JobSnapshot job = await Job("{\"requestId\":\"vid_m1abc123def456\",\"model\":\"sora-2\",\"data\":{\"status\":\"COMPLETED\",\"requestId\":\"vid_m1abc123def456\","
                                        + "\"output\":{\"video\":{\"url\":\"https://storage.example.com/video.mp4\"}},\"cost\":0.35}}");

            Assert.Equal("vid_m1abc123def456", job.JobUid);
            Assert.Equal("NanoGPT", job.Provider);
            Assert.Equal(JobStatus.Succeeded, job.Status);
            Assert.Equal("COMPLETED", job.ProviderStatus);
            Assert.Equal("https://storage.example.com/video.mp4", job.VideoUrl!.AbsoluteUri);
            Assert.Equal("sora-2", job.Model);
            Assert.Equal("req_st", job.RequestId);
            Assert.Null(job.Error);
        }

        [Fact]
        public async Task The_flat_OpenAPI_shape_alone_is_read_too()
        {
            JobSnapshot job = await Job("{\"requestId\":\"vid_1\",\"status\":\"completed\",\"progress\":100,\"videoUrl\":\"https://cdn.test/v.mp4\","
                                        + "\"error\":null,\"createdAt\":\"2026-12-01T10:00:00Z\",\"completedAt\":\"2026-12-01T10:01:30Z\"}", "vid_1");

            Assert.Equal(JobStatus.Succeeded, job.Status);
            Assert.Equal("completed", job.ProviderStatus);
            Assert.Equal("https://cdn.test/v.mp4", job.VideoUrl!.AbsoluteUri);
            Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), job.CreatedAt);
            Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 1, 30, TimeSpan.Zero), job.UpdatedAt);
        }

        [Fact]
        public async Task The_envelopes_status_wins_over_the_flat_one()
        {
            JobSnapshot job = await Job("{\"status\":\"processing\",\"data\":{\"status\":\"COMPLETED\",\"output\":{\"video\":{\"url\":\"https://cdn.test/v.mp4\"}}}}");

            Assert.Equal(JobStatus.Succeeded, job.Status);
            Assert.Equal("COMPLETED", job.ProviderStatus);
        }

        [Theory]
        [InlineData("{\"data\":{\"status\":\"COMPLETED\",\"output\":{\"url\":\"https://cdn.test/a.mp4\"}}}", "https://cdn.test/a.mp4")]
        [InlineData("{\"status\":\"COMPLETED\",\"video_url\":\"https://cdn.test/b.mp4\"}", "https://cdn.test/b.mp4")]
        [InlineData("{\"status\":\"COMPLETED\",\"videos\":[{\"url\":\"https://cdn.test/c.mp4\"}]}", "https://cdn.test/c.mp4")]
        // A root-relative content-proxy URL (grok-imagine-video) is on the API's origin; the /api prefix is its own.
        [InlineData("{\"data\":{\"status\":\"COMPLETED\",\"output\":{\"video\":{\"url\":\"/api/generate-video/content?model=grok-imagine-video&runId=r1&variant=video\"}}}}",
            "https://nano.test/api/generate-video/content?model=grok-imagine-video&runId=r1&variant=video")]
        [InlineData("{\"data\":{\"status\":\"COMPLETED\",\"output\":{\"video\":{\"url\":\"generate-video/content?runId=r1\"}}}}", "https://nano.test/api/generate-video/content?runId=r1")]
        public async Task Variant_places_of_the_video_url_and_relative_urls_are_read_as_absolute(string body, string expected)
        {
            JobSnapshot job = await Job(body);

            Assert.Equal(expected, job.VideoUrl!.AbsoluteUri);
        }

        [Theory]
        [InlineData("//evil.test/v.mp4")]
        [InlineData("file:///etc/passwd")]
        [InlineData("javascript:alert(1)")]
        public async Task A_video_url_that_is_not_http_on_a_known_host_is_dropped(string url)
        {
            JobSnapshot job = await Job("{\"data\":{\"status\":\"COMPLETED\",\"output\":{\"video\":{\"url\":\"" + url + "\"}}}}");

            Assert.Null(job.VideoUrl);
        }

        [Fact]
        public async Task A_failed_job_gives_the_error_and_the_friendly_text_with_the_NSFW_flag_as_its_code()
        {
            JobSnapshot job = await Job("{\"requestId\":\"vid_m1abc123def456\",\"model\":\"sora-2\",\"data\":{\"status\":\"FAILED\",\"requestId\":\"vid_m1abc123def456\","
                                        + "\"error\":\"Content policy violation\",\"isNSFWError\":true,"
                                        + "\"userFriendlyError\":\"Content flagged as inappropriate. Please modify your prompt and try again.\"}}");

            Assert.Equal(JobStatus.Failed, job.Status);
            Assert.Equal("NSFW_CONTENT", job.Error!.Code);
            Assert.Equal("Content policy violation (Content flagged as inappropriate. Please modify your prompt and try again.)", job.Error.Message);
        }

        [Fact]
        public async Task A_failed_job_in_the_flat_shape_gives_its_top_level_error()
        {
            JobSnapshot job = await Job("{\"status\":\"failed\",\"error\":\"Provider timeout\"}");

            Assert.Equal("JOB_FAILED", job.Error!.Code);
            Assert.Equal("Provider timeout", job.Error.Message);
        }

        [Fact]
        public async Task The_job_keeps_the_id_it_was_asked_for_whatever_the_answer_names()
        {
            JobSnapshot job = await Job("{\"requestId\":\"legacy-provider-id-77\",\"data\":{\"status\":\"IN_PROGRESS\",\"progress\":44}}");

            Assert.Equal("vid_m1abc123def456", job.JobUid);
            Assert.Equal(JobStatus.Running, job.Status);
        }

        [Theory]
        [InlineData("{\"requestId\":\"vid_1\"}")]
        [InlineData("[]")]
        [InlineData("not json")]
        public async Task An_answer_without_a_readable_status_is_an_invalid_response(string body)
        {
            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Job(body));

            Assert.Equal("INVALID_RESPONSE", ex.ErrorCode);
            Assert.Equal("NanoGPT", ex.Provider);
        }
    }
}
