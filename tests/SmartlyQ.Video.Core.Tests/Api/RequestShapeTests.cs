using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    public class RequestShapeTests
    {
        private const string Accepted = "{\"success\":true,\"data\":{\"job_uid\":\"job_a1b2c3d4e5f6\",\"status\":\"queued\"},\"usage\":{\"units\":1,\"cost\":\"0.2800\",\"balance_remaining\":\"14.7200\"}}";
        private const string Job = "{\"success\":true,\"data\":{\"id\":\"job_1\",\"status\":\"pending\"}}";

        [Fact]
        public async Task Api_calls_carry_the_bearer_key_and_accept_json()
        {
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Get, ClientHarness.Base + "/me").Respond(_ => Answers.Data("{\"id\":1}"));
            harness.Mock.When(HttpMethod.Get, ClientHarness.Base + "/me/balance").Respond(_ => Answers.Data("{\"balance\":\"1.0000\"}"));
            harness.Mock.When(HttpMethod.Get, ClientHarness.Base + "/videos/models").Respond(_ => Answers.Data("[]"));
            harness.Mock.When(HttpMethod.Get, ClientHarness.Base + "/jobs/job_1").Respond(_ => Answers.Ok(Job));

            await harness.Client.GetAccountAsync(CancellationToken.None);
            await harness.Client.GetBalanceAsync(CancellationToken.None);
            await harness.Client.ListModelsAsync(CancellationToken.None);
            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(4, harness.Requests.Length);
            Assert.All(harness.Requests, r =>
            {
                Assert.Equal("Bearer " + TestKeys.Live, r.Header("Authorization"));
                Assert.Contains("application/json", r.Header("Accept"));
                Assert.Null(r.Header("X-Idempotency-Key"));
            });
        }

        [Theory]
        [InlineData("https://api.test/v1")]
        [InlineData("https://api.test/v1/")]
        public async Task Paths_are_appended_to_the_base_uri_with_or_without_trailing_slash(string baseUri)
        {
            using var harness = new ClientHarness { BaseUri = new Uri(baseUri) };
            harness.Mock.When("*").Respond(_ => Answers.Ok(Job));

            await harness.Client.GetJobAsync("abc", CancellationToken.None);

            Assert.Equal("https://api.test/v1/jobs/abc", Assert.Single(harness.Requests).Uri.AbsoluteUri);
        }

        [Fact]
        public async Task Submit_posts_snake_case_json_with_every_field_given()
        {
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Post, ClientHarness.Base + "/videos/generate").Respond(_ => Answers.Json(HttpStatusCode.Accepted, Accepted));
            var request = new VideoRequest
            {
                Model = "pixverse-v4-5",
                Type = VideoType.ImageToVideo,
                Prompt = "Camera pulls back",
                ImageUrl = "https://example.com/my-image.jpg",
                Duration = 5,
                Resolution = "1080p",
                Mode = "Fast",
                AspectRatio = "16:9",
                Style = "Anime",
                Movement = "Small",
                NegativePrompt = "blur",
                Seed = 42,
                GenerateAudio = true,
                CameraFixed = false,
            };

            await harness.Client.SubmitAsync(request, "idem-1", CancellationToken.None);

            RecordedRequest sent = Assert.Single(harness.Requests);
            Assert.Equal(HttpMethod.Post, sent.Method);
            Assert.StartsWith("application/json", sent.Header("Content-Type"));
            Assert.Equal("idem-1", sent.Header("X-Idempotency-Key"));
            using var body = JsonDocument.Parse(sent.Body!);
            var fields = body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
            Assert.Equal(
                new[] { "aspect_ratio", "camera_fixed", "duration", "generate_audio", "image_url", "mode", "model", "movement", "negative_prompt", "prompt", "resolution", "seed", "style", "type" },
                fields.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("\"pixverse-v4-5\"", fields["model"]);
            Assert.Equal("\"image_to_video\"", fields["type"]);
            Assert.Equal("\"https://example.com/my-image.jpg\"", fields["image_url"]);
            Assert.Equal("5", fields["duration"]);
            Assert.Equal("\"16:9\"", fields["aspect_ratio"]);
            Assert.Equal("\"blur\"", fields["negative_prompt"]);
            Assert.Equal("42", fields["seed"]);
            Assert.Equal("true", fields["generate_audio"]);
            Assert.Equal("false", fields["camera_fixed"]);
        }

        [Fact]
        public async Task Submit_leaves_out_fields_that_were_not_given()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Json(HttpStatusCode.Accepted, Accepted));

            await harness.Client.SubmitAsync(new VideoRequest { Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "A lone astronaut" }, "k", CancellationToken.None);

            Assert.Equal("{\"model\":\"kling-v2-1\",\"type\":\"text_to_video\",\"prompt\":\"A lone astronaut\"}", Assert.Single(harness.Requests).Body);
        }

        [Fact]
        public async Task Submit_without_model_or_idempotency_key_sends_nothing()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Json(HttpStatusCode.Accepted, Accepted));

            await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.SubmitAsync(new VideoRequest { Type = VideoType.TextToVideo, Prompt = "x" }, "k", CancellationToken.None));
            await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.SubmitAsync(new VideoRequest { Model = "m", Type = VideoType.TextToVideo }, " ", CancellationToken.None));

            Assert.Empty(harness.Requests);
        }

        [Fact]
        public async Task Cancel_posts_an_empty_json_object_with_the_idempotency_key()
        {
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Post, ClientHarness.Base + "/jobs/job_1/cancel")
                .Respond(_ => Answers.Ok("{\"success\":true,\"data\":{\"id\":\"job_1\",\"status\":\"cancelled\"}}"));

            JobSnapshot job = await harness.Client.CancelJobAsync("job_1", "cancel-1", CancellationToken.None);

            RecordedRequest sent = Assert.Single(harness.Requests);
            Assert.Equal("cancel-1", sent.Header("X-Idempotency-Key"));
            Assert.StartsWith("application/json", sent.Header("Content-Type"));
            Assert.Equal("{}", sent.Body);
            Assert.Equal("Bearer " + TestKeys.Live, sent.Header("Authorization"));
            Assert.Equal(JobStatus.Cancelled, job.Status);
        }

        [Fact]
        public async Task List_jobs_sends_filters_and_paging_in_the_query()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Data("[]"));

            await harness.Client.ListJobsAsync(new JobQuery { Status = JobStatus.Running, Cursor = "2", Limit = 50 }, CancellationToken.None);

            Assert.Equal("https://api.test/v1/jobs?status=processing&page=2&per_page=50", Assert.Single(harness.Requests).Uri.AbsoluteUri);
        }

        [Theory]
        [InlineData(JobStatus.Succeeded, "completed")]
        [InlineData(JobStatus.Failed, "failed")]
        [InlineData(JobStatus.Cancelled, "cancelled")]
        public async Task List_jobs_sends_SmartlyQs_word_for_a_neutral_status(JobStatus status, string word)
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Data("[]"));

            await harness.Client.ListJobsAsync(new JobQuery { Status = status }, CancellationToken.None);

            Assert.Equal("?status=" + word + "&page=1&per_page=20", Assert.Single(harness.Requests).Uri.Query);
        }

        [Fact]
        public async Task List_jobs_leaves_out_an_empty_filter()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Data("[]"));

            await harness.Client.ListJobsAsync(new JobQuery(), CancellationToken.None);

            Assert.Equal("?page=1&per_page=20", harness.Requests[0].Uri.Query);
        }
    }
}
