using System;
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
    /// <summary>The job object in every shape the sources show or leave open.</summary>
    public class JobToleranceTests
    {
        private static async Task<JobSnapshot> GetJob(string dataJson, string uid = "job_1", params (string, string)[] headers)
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok(Answers.JobBody(dataJson), headers));
            return await harness.Client.GetJobAsync(uid, CancellationToken.None);
        }

        [Theory]
        [InlineData("queued", JobStatus.Queued)]
        [InlineData("pending", JobStatus.Queued)]
        [InlineData("processing", JobStatus.Running)]
        [InlineData("completed", JobStatus.Succeeded)]
        [InlineData("failed", JobStatus.Failed)]
        [InlineData("cancelled", JobStatus.Cancelled)]
        [InlineData("something_new", JobStatus.Unknown)]
        public async Task Every_status_spelling_is_read(string wire, JobStatus expected)
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"status\":\"" + wire + "\"}");
            Assert.Equal(expected, job.Status);
        }

        [Theory]
        [InlineData("{\"job_uid\":\"job_x\",\"status\":\"queued\"}", "job_x")]
        [InlineData("{\"job_id\":\"job_x\",\"status\":\"queued\"}", "job_x")]
        [InlineData("{\"id\":\"job_x\",\"status\":\"queued\"}", "job_x")]
        [InlineData("{\"id\":12345,\"status\":\"queued\"}", "12345")]
        [InlineData("{\"status\":\"queued\"}", "job_asked_for")]
        public async Task Job_id_is_read_from_any_of_its_names(string dataJson, string expected)
        {
            JobSnapshot job = await GetJob(dataJson, "job_asked_for");
            Assert.Equal(expected, job.JobUid);
        }

        [Fact]
        public async Task Completed_job_gives_url_duration_and_model()
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"type\":\"video_generation\",\"status\":\"completed\",\"result\":{\"video_url\":\"https://cdn.example.test/videos/job_1.mp4\",\"duration\":10,\"model\":\"kling-v2-1\"},\"error\":null}");

            Assert.Equal(new Uri("https://cdn.example.test/videos/job_1.mp4"), job.VideoUrl);
            Assert.Equal(10, job.Duration);
            Assert.Equal("kling-v2-1", job.Model);
            Assert.Equal("video_generation", job.Type);
            Assert.Null(job.Error);
        }

        [Theory]
        [InlineData("\"result\":{}")]
        [InlineData("\"result\":null")]
        [InlineData("\"result\":\"\"")]
        [InlineData("\"result\":[]")]
        [InlineData("\"other\":1")]
        public async Task Empty_null_odd_or_missing_result_gives_no_video_url(string resultJson)
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"status\":\"processing\"," + resultJson + "}");

            Assert.Null(job.VideoUrl);
            Assert.Equal(JobStatus.Running, job.Status);
        }

        [Theory]
        [InlineData("\"error\":{}")]
        [InlineData("\"error\":null")]
        [InlineData("\"error\":\"\"")]
        [InlineData("\"other\":1")]
        public async Task Empty_null_blank_or_missing_error_gives_no_error(string errorJson)
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"status\":\"completed\"," + errorJson + "}");
            Assert.Null(job.Error);
        }

        [Fact]
        public async Task Error_object_gives_code_and_message()
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"status\":\"failed\",\"result\":{},\"error\":{\"code\":\"JOB_FAILED\",\"message\":\"Provider rejected the prompt\"}}");

            Assert.NotNull(job.Error);
            Assert.Equal("JOB_FAILED", job.Error!.Code);
            Assert.Equal("Provider rejected the prompt", job.Error.Message);
        }

        [Fact]
        public async Task Error_as_plain_string_gives_its_text_with_the_default_code()
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"status\":\"failed\",\"error\":\"Provider timeout\"}");

            Assert.Equal("JOB_FAILED", job.Error!.Code);
            Assert.Equal("Provider timeout", job.Error.Message);
        }

        [Fact]
        public async Task Avatar_layout_with_top_level_video_url_and_space_separated_time_is_read()
        {
            JobSnapshot job = await GetJob("{\"job_uid\":\"hg_a1b2c3d4e5f6\",\"status\":\"completed\",\"kind\":\"stock\",\"progress\":100,\"video_url\":\"https://videocdn.smartlyq.com/video-studio/42/hg_a1b2c3d4e5f6.mp4\",\"duration_sec\":42,\"error\":\"\",\"created_at\":\"2026-10-15 09:16:00\"}");

            Assert.Equal("hg_a1b2c3d4e5f6", job.JobUid);
            Assert.Equal(new Uri("https://videocdn.smartlyq.com/video-studio/42/hg_a1b2c3d4e5f6.mp4"), job.VideoUrl);
            Assert.Equal(42, job.Duration);
            Assert.Null(job.Error);
            Assert.Equal(new DateTimeOffset(2026, 10, 15, 9, 16, 0, TimeSpan.Zero), job.CreatedAt);
            Assert.Equal(TimeSpan.Zero, job.CreatedAt!.Value.Offset);
        }

        [Fact]
        public async Task Iso_timestamps_keep_their_instant()
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"status\":\"pending\",\"created_at\":\"2023-11-07T05:31:56Z\",\"updated_at\":\"2023-11-07T07:31:56+02:00\"}");

            Assert.Equal(new DateTimeOffset(2023, 11, 7, 5, 31, 56, TimeSpan.Zero), job.CreatedAt);
            Assert.Equal(new DateTimeOffset(2023, 11, 7, 5, 31, 56, TimeSpan.Zero), job.UpdatedAt);
        }

        [Fact]
        public async Task Unreadable_timestamp_is_left_empty_instead_of_failing_the_call()
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"status\":\"pending\",\"created_at\":\"yesterday-ish\"}");

            Assert.Null(job.CreatedAt);
            Assert.Equal(JobStatus.Queued, job.Status);
        }

        [Fact]
        public async Task Unknown_fields_are_ignored_and_missing_meta_falls_back_to_the_header()
        {
            JobSnapshot job = await GetJob("{\"id\":\"job_1\",\"status\":\"pending\",\"progress\":{\"percent\":5},\"tags\":[1,2],\"new_thing\":true}", "job_1", ("X-Request-Id", "req_h"));

            Assert.Equal("job_1", job.JobUid);
            Assert.Equal("req_h", job.RequestId);
        }

        [Fact]
        public async Task Request_id_comes_from_meta()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok("{\"success\":true,\"data\":{\"id\":\"job_1\",\"status\":\"pending\"},\"meta\":{\"request_id\":\"req_meta\",\"timestamp\":\"2023-11-07T05:31:56Z\"}}", ("X-Request-Id", "req_h")));

            JobSnapshot job = await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal("req_meta", job.RequestId);
        }

        [Fact]
        public async Task Cancel_answered_without_a_body_reports_the_job_cancelled()
        {
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Post, "*").Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));

            JobSnapshot job = await harness.Client.CancelJobAsync("job_9", "k", CancellationToken.None);

            Assert.Equal("job_9", job.JobUid);
            Assert.Equal(JobStatus.Cancelled, job.Status);
        }

        [Fact]
        public async Task List_jobs_reads_rows_and_pagination()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok("{\"success\":true,\"data\":[{\"id\":\"job_2\",\"status\":\"processing\"},{\"job_uid\":\"job_1\",\"status\":\"completed\",\"result\":{\"video_url\":\"https://cdn.test/1.mp4\"}}],\"pagination\":{\"page\":2,\"per_page\":2,\"total\":57,\"pages\":29}}"));

            JobPage page = await harness.Client.ListJobsAsync(new JobQuery { Cursor = "2", Limit = 2 }, CancellationToken.None);

            Assert.Equal(new[] { "job_2", "job_1" }, new[] { page.Jobs[0].JobUid, page.Jobs[1].JobUid });
            Assert.Equal(JobStatus.Succeeded, page.Jobs[1].Status);
            Assert.Equal("completed", page.Jobs[1].ProviderStatus);
            Assert.Equal(JobStatus.Running, page.Jobs[0].Status);
            Assert.Equal(new Uri("https://cdn.test/1.mp4"), page.Jobs[1].VideoUrl);
            Assert.Equal(("3", (int?)57), (page.NextCursor, page.Total));
        }

        [Fact]
        public async Task List_jobs_without_pagination_ends_after_a_page_that_is_not_full()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok("{\"success\":true,\"data\":[{\"id\":\"job_1\",\"status\":\"queued\"}]}"));

            JobPage page = await harness.Client.ListJobsAsync(new JobQuery { Limit = 20 }, CancellationToken.None);
            JobPage full = await harness.Client.ListJobsAsync(new JobQuery { Limit = 1 }, CancellationToken.None);

            Assert.Single(page.Jobs);
            Assert.Equal((null, (int?)null), (page.NextCursor, page.Total));
            Assert.Equal("2", full.NextCursor);
        }

        [Fact]
        public async Task Listing_queued_jobs_filters_here_because_SmartlyQ_has_two_words_for_it()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok("{\"success\":true,\"data\":[{\"id\":\"job_3\",\"status\":\"pending\"},{\"id\":\"job_2\",\"status\":\"processing\"},{\"id\":\"job_1\",\"status\":\"queued\"}]}"));

            JobPage page = await harness.Client.ListJobsAsync(new JobQuery { Status = JobStatus.Queued }, CancellationToken.None);

            Assert.Equal(new[] { "job_3", "job_1" }, page.Jobs.Select(j => j.JobUid));
            Assert.Equal("?page=1&per_page=20", Assert.Single(harness.Requests).Uri.Query);
        }
    }
}
