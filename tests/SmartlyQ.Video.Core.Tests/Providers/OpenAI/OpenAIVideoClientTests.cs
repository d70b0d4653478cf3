using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.OpenAI;
using SmartlyQ.Video.Core.Tests.Support;
using SmartlyQ.Video.Core.Transport;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.OpenAI
{
    /// <summary>The OpenAI provider on the wire: request shapes, answers as OpenAI and new-api gateways send them, errors.</summary>
    public sealed class OpenAIVideoClientTests : IDisposable
    {
        private const string Key = "sk-proj-SECRET123456";
        private const string Video = "{\"id\":\"video_abc\",\"object\":\"video\",\"created_at\":1758941485,\"status\":\"queued\",\"model\":\"sora-2\",\"progress\":0,\"seconds\":\"8\",\"size\":\"1280x720\"}";
        private readonly RecordingHandler _handler = new RecordingHandler(new MockHttpMessageHandler());
        private readonly OpenAIVideoClient _client;

        public OpenAIVideoClientTests()
        {
            _client = new OpenAIVideoClient(new ProviderSettings
            {
                BaseUri = new Uri("https://api.openai.test/v1"),
                Credential = OpenAIProvider.Entry.Credential(Key),
                Handler = _handler,
                RetryBaseDelay = TimeSpan.FromMilliseconds(1),
                MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            }, TimeProvider.System);
        }

        public void Dispose() => _client.Dispose();

        private void Answer(Func<HttpRequestMessage, HttpResponseMessage> answer) => _handler.Server = (request, _) => Task.FromResult(answer(request));

        [Fact]
        public async Task A_text_video_is_created_as_JSON_with_seconds_as_a_string_and_size_from_aspect_and_resolution()
        {
            Answer(_ => Answers.Ok(Video, ("x-request-id", "req_1")));

            JobSubmission job = await _client.SubmitAsync(
                new VideoRequest { Model = "sora-2-pro", Type = VideoType.TextToVideo, Prompt = "A kite", Duration = 8, AspectRatio = "9:16", Resolution = "1080p" },
                new SubmitOptions(), CancellationToken.None);

            RecordedRequest sent = Assert.Single(_handler.Requests);
            Assert.Equal(HttpMethod.Post, sent.Method);
            Assert.Equal("https://api.openai.test/v1/videos", sent.Uri.ToString());
            Assert.Equal("{\"model\":\"sora-2-pro\",\"prompt\":\"A kite\",\"seconds\":\"8\",\"size\":\"1080x1920\"}", sent.Body);
            Assert.Equal("Bearer " + Key, sent.Header("Authorization"));
            Assert.DoesNotContain(sent.Headers.Keys, h => h.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0);
            Assert.Equal("video_abc", job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Equal("queued", job.ProviderStatus);
            Assert.Equal("req_1", job.RequestId);
        }

        [Fact]
        public async Task A_local_image_goes_as_the_multipart_input_reference_file_and_a_url_as_json()
        {
            string png = Path.Combine(Path.GetTempPath(), "sq-openai-" + Guid.NewGuid().ToString("N") + ".png");
            File.WriteAllBytes(png, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 });
            try
            {
                Answer(_ => Answers.Ok(Video));
                await _client.SubmitAsync(new VideoRequest { Model = "sora-2", Type = VideoType.ImageToVideo, Prompt = "Move", ImagePath = png }, new SubmitOptions(), CancellationToken.None);
                await _client.SubmitAsync(new VideoRequest { Model = "sora-2", Type = VideoType.ImageToVideo, Prompt = "Move", ImageUrl = "https://img.test/a.png" }, new SubmitOptions(), CancellationToken.None);

                RecordedRequest multipart = _handler.Requests[0];
                Assert.Contains("name=\"input_reference\"", multipart.Body);
                Assert.Contains("Content-Type: image/png", multipart.Body);
                Assert.Contains("name=\"model\"", multipart.Body);
                Assert.Equal("{\"model\":\"sora-2\",\"prompt\":\"Move\",\"input_reference\":{\"image_url\":\"https://img.test/a.png\"}}", _handler.Requests[1].Body);
            }
            finally
            {
                File.Delete(png);
            }
        }

        [Theory]
        [InlineData("NegativePrompt")]
        [InlineData("Seed")]
        [InlineData("Style")]
        public async Task A_field_OpenAI_has_no_place_for_is_refused_before_anything_is_sent(string field)
        {
            var request = field switch
            {
                "NegativePrompt" => new VideoRequest { Model = "sora-2", Prompt = "x", NegativePrompt = "blur" },
                "Seed" => new VideoRequest { Model = "sora-2", Prompt = "x", Seed = 5 },
                _ => new VideoRequest { Model = "sora-2", Prompt = "x", Style = "Anime" },
            };

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => _client.SubmitAsync(request, new SubmitOptions(), CancellationToken.None));
            Assert.Contains("OpenAI does not accept " + field, ex.Message);
            Assert.Empty(_handler.Requests);
        }

        [Fact]
        public async Task A_create_whose_connection_drops_after_sending_is_uncertain_and_not_sent_twice()
        {
            _handler.Server = (_, _) => throw new HttpRequestException("The response ended prematurely.", new IOException("reset"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => _client.SubmitAsync(new VideoRequest { Model = "sora-2", Prompt = "x" }, new SubmitOptions(), CancellationToken.None));

            Assert.Equal(ApiErrorKind.Uncertain, ex.Kind);
            Assert.Single(_handler.Requests);
        }

        [Fact]
        public async Task A_retrieved_video_maps_states_and_its_content_route_is_the_video_url()
        {
            Answer(_ => Answers.Ok("{\"id\":\"video_abc\",\"object\":\"video\",\"created_at\":1758941485,\"completed_at\":1758941585,\"status\":\"completed\",\"model\":\"sora-2\",\"progress\":100,\"seconds\":\"8\",\"size\":\"1280x720\",\"prompt\":\"A kite\"}"));

            JobSnapshot job = await _client.GetJobAsync("video_abc", CancellationToken.None);

            Assert.Equal(JobStatus.Succeeded, job.Status);
            Assert.Equal("completed", job.ProviderStatus);
            Assert.Equal("A kite", job.Prompt);
            Assert.Equal(8, job.Duration);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1758941485), job.CreatedAt);
            Assert.Equal("https://api.openai.test/v1/videos/video_abc/content", job.VideoUrl!.ToString());
        }

        [Fact]
        public async Task A_gateway_task_body_with_upper_case_status_percent_progress_and_millisecond_times_is_read()
        {
            Answer(_ => Answers.Ok("{\"id\":\"task_Ab3\",\"task_id\":\"task_Ab3\",\"object\":\"video\",\"model\":\"kling-v1\",\"status\":\"IN_PROGRESS\",\"progress\":\"30%\",\"created_at\":1780747200000,\"seconds\":5}"));

            JobSnapshot job = await _client.GetJobAsync("task_Ab3", CancellationToken.None);

            Assert.Equal(JobStatus.Running, job.Status);
            Assert.Equal("IN_PROGRESS", job.ProviderStatus);
            Assert.Equal(5, job.Duration);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1780747200000), job.CreatedAt);
        }

        [Theory]
        [InlineData("../me")]
        [InlineData("a/b")]
        [InlineData("x?y=1")]
        public async Task An_id_that_could_change_the_route_is_refused_before_sending(string id)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => _client.GetJobAsync(id, CancellationToken.None));
            Assert.Empty(_handler.Requests);
        }

        [Fact]
        public async Task The_job_list_pages_newest_first_by_the_after_cursor()
        {
            Answer(_ => Answers.Ok("{\"object\":\"list\",\"data\":[" + Video + "," + Video.Replace("video_abc", "video_def") + "],\"first_id\":\"video_abc\",\"last_id\":\"video_def\",\"has_more\":true}"));

            JobPage page = await _client.ListJobsAsync(new JobQuery { Limit = 500, Cursor = "video_xyz" }, CancellationToken.None);

            Assert.Equal("https://api.openai.test/v1/videos?limit=100&order=desc&after=video_xyz", _handler.Requests.Single().Uri.ToString());
            Assert.Equal(new[] { "video_abc", "video_def" }, page.Jobs.Select(j => j.JobUid));
            Assert.Equal("video_def", page.NextCursor);
        }

        [Theory]
        [InlineData(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-SECRET123456.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}", ApiErrorKind.Unauthorized, "invalid_api_key")]
        [InlineData(400, "{\"error\":{\"message\":\"Invalid type for 'seconds'.\",\"type\":\"invalid_request_error\",\"param\":\"seconds\",\"code\":\"invalid_type\"}}", ApiErrorKind.Validation, "invalid_type")]
        [InlineData(404, "{\"error\":{\"message\":\"Video not found\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"video_not_found\"}}", ApiErrorKind.NotFound, "video_not_found")]
        [InlineData(400, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}", ApiErrorKind.NotFound, "task_not_exist")]
        [InlineData(400, "{\"code\":\"invalid_size\",\"message\":\"sora-2 size is invalid\",\"data\":null}", ApiErrorKind.BadRequest, "invalid_size")]
        public async Task Error_answers_of_OpenAI_and_of_gateways_map_to_kinds_with_the_providers_code_and_no_key(int status, string body, ApiErrorKind kind, string code)
        {
            Answer(_ => Answers.Json((HttpStatusCode)status, body, ("x-request-id", "req_err")));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => _client.GetJobAsync("video_abc", CancellationToken.None));

            Assert.Equal(status, ex.StatusCode);
            Assert.Equal(kind, ex.Kind);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Equal("OpenAI", ex.Provider);
            Assert.Equal("req_err", ex.RequestId);
            Assert.DoesNotContain("SECRET123456", ex.ToString());
        }

        [Fact]
        public async Task Insufficient_quota_is_a_balance_error_not_a_rate_limit()
        {
            Answer(_ => Answers.Json((HttpStatusCode)429, "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => _client.GetJobAsync("video_abc", CancellationToken.None));

            Assert.Equal(ApiErrorKind.InsufficientBalance, ex.Kind);
        }

        [Fact]
        public async Task The_download_opens_the_content_route_with_the_key()
        {
            byte[] mp4 = Answers.RandomBytes(4096);
            Answer(_ => Answers.Bytes(mp4));
            var job = new JobSnapshot { JobUid = "video_abc", Status = JobStatus.Succeeded };

            using var file = new MemoryStream();
            long length = await _client.DownloadAsync(job, file, null, null, CancellationToken.None);

            Assert.Equal(mp4.Length, length);
            Assert.Equal(mp4, file.ToArray());
            RecordedRequest sent = Assert.Single(_handler.Requests);
            Assert.Equal("https://api.openai.test/v1/videos/video_abc/content", sent.Uri.ToString());
            Assert.Equal("Bearer " + Key, sent.Header("Authorization"));
        }

        [Fact]
        public async Task The_catalog_says_it_is_built_in_and_offers_OpenAIs_seconds_and_sizes()
        {
            IReadOnlyList<VideoModel> models = await _client.ListModelsAsync(CancellationToken.None);

            Assert.Equal(new[] { "sora-2", "sora-2-pro" }, models.Select(m => m.Model));
            Assert.All(models, m => Assert.Equal(VideoSourceKind.BuiltIn, m.Source!.Kind));
            Assert.Equal(new[] { 4, 8, 12, 16, 20 }, models[0].Duration);
            Assert.Equal(new[] { "720p" }, models[0].Resolution);
            Assert.Contains("1920x1080", models[1].Options["size"]);
            Assert.DoesNotContain(VideoField.NegativePrompt, models[0].Fields);
            Assert.Empty(_handler.Requests);
        }
    }
}
