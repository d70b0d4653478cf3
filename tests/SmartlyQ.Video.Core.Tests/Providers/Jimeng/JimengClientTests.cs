using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.Jimeng;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.Jimeng
{
    /// <summary>
    /// Jimeng through new-api's /jimeng/ route on the wire: the Action/Version query, the submit body (req_key, frames,
    /// base64 image), both result envelopes (new-api's task envelope and Volcengine's), every error envelope as one
    /// VideoApiException, and no blind resubmission.
    /// </summary>
    public class JimengClientTests : IDisposable
    {
        private const string Root = "https://gw.test/";
        private const string Route = Root + "jimeng/";
        private const string Key = "sk-" + TestKeys.SecretPart + "gatewaytoken";
        private const string TaskId = "task_abcdefghijklmnopqrstuvwxyz012345";
        private static readonly VideoRequest Request = new VideoRequest { Model = "jimeng_v30", Type = VideoType.TextToVideo, Prompt = "A fox in fresh snow", Duration = 10, Seed = 42 };

        private readonly MockHttpMessageHandler _mock = new MockHttpMessageHandler();
        private readonly RecordingHandler _recorder;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "jimeng-tests-" + Guid.NewGuid().ToString("N"));
        private JimengClient? _client;

        public JimengClientTests() => _recorder = new RecordingHandler(_mock);

        private JimengClient Client(int maxRetries = 3, string baseUri = Root) => _client ??= new JimengClient(new ProviderSettings
        {
            BaseUri = new Uri(baseUri),
            Credential = JimengProvider.Entry.Credential(Key),
            Handler = _recorder,
            MaxRetries = maxRetries,
        }, new RecordingTimeProvider());

        public void Dispose()
        {
            _client?.Dispose();
            _recorder.Dispose();
            if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        }

        private static HttpResponseMessage Json(int status, string json) => Answers.Json((System.Net.HttpStatusCode)status, json, ("X-Oneapi-Request-Id", "2026120308000012345678"));

        private MockedRequest Submit() => _mock.When(HttpMethod.Post, Route).WithQueryString("Action", JimengClient.SubmitAction);

        private MockedRequest Result() => _mock.When(HttpMethod.Post, Route).WithQueryString("Action", JimengClient.GetResultAction);

        private const string Queued = "{\"id\":\"" + TaskId + "\",\"task_id\":\"" + TaskId + "\",\"object\":\"video\",\"model\":\"jimeng_v30\",\"status\":\"queued\",\"progress\":0,\"created_at\":1780747200}";

        [Fact]
        public async Task A_submission_posts_the_req_key_prompt_seed_and_frames_to_the_submit_action_with_the_bearer_token()
        {
            Submit().Respond(_ => Json(200, Queued));

            JobSubmission job = await Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);

            Assert.Equal(TaskId, job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Equal("2026120308000012345678", job.RequestId);
            RecordedRequest sent = Assert.Single(_recorder.Requests);
            Assert.Equal(Route + "?Action=CVSync2AsyncSubmitTask&Version=2022-08-31", sent.Uri.AbsoluteUri);
            Assert.Equal("Bearer " + Key, sent.Header("Authorization"));
            using JsonDocument body = JsonDocument.Parse(sent.Body!);
            Assert.Equal("jimeng_v30", body.RootElement.GetProperty("req_key").GetString());
            Assert.Equal("A fox in fresh snow", body.RootElement.GetProperty("prompt").GetString());
            Assert.Equal(42, body.RootElement.GetProperty("seed").GetInt64());
            Assert.Equal(241, body.RootElement.GetProperty("frames").GetInt32()); // 10 s
        }

        [Fact]
        public async Task A_local_image_goes_as_bare_base64_in_binary_data_base64_and_a_url_in_image_urls()
        {
            Directory.CreateDirectory(_dir);
            string png = Path.Combine(_dir, "start.png");
            byte[] bytes = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
            File.WriteAllBytes(png, bytes);
            Submit().Respond(_ => Json(200, Queued));

            await Client().SubmitAsync(new VideoRequest { Model = "jimeng_vgfm_i2v_l20", Type = VideoType.ImageToVideo, Prompt = "It moves", ImagePath = png }, SubmitOptions.None, CancellationToken.None);
            await Client().SubmitAsync(new VideoRequest { Model = "jimeng_v30_pro", Type = VideoType.ImageToVideo, Prompt = "It moves", ImageUrl = "https://img.example.com/a.png" }, SubmitOptions.None, CancellationToken.None);

            using JsonDocument local = JsonDocument.Parse(_recorder.Requests[0].Body!);
            Assert.Equal(Convert.ToBase64String(bytes), Assert.Single(local.RootElement.GetProperty("binary_data_base64").EnumerateArray()).GetString());
            Assert.False(local.RootElement.TryGetProperty("frames", out _)); // 2.0 models take no frames
            using JsonDocument remote = JsonDocument.Parse(_recorder.Requests[1].Body!);
            Assert.Equal("https://img.example.com/a.png", Assert.Single(remote.RootElement.GetProperty("image_urls").EnumerateArray()).GetString());
        }

        [Theory]
        [InlineData("NegativePrompt")]
        [InlineData("Resolution")]
        [InlineData("GenerateAudio")]
        public async Task A_field_Jimeng_has_no_place_for_is_refused_naming_Jimeng_and_the_field_and_nothing_is_sent(string field)
        {
            var request = new VideoRequest
            {
                Model = "jimeng_v30", Type = VideoType.TextToVideo, Prompt = "A fox",
                NegativePrompt = field == "NegativePrompt" ? "blur" : null,
                Resolution = field == "Resolution" ? "1080p" : null,
                GenerateAudio = field == "GenerateAudio" ? true : (bool?)null,
            };

            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().SubmitAsync(request, SubmitOptions.None, CancellationToken.None));

            Assert.Contains("Jimeng", ex.Message);
            Assert.Contains(field, ex.Message);
            Assert.Empty(_recorder.Requests);
        }

        [Fact]
        public async Task Statuses_of_the_gateways_task_envelope_map_and_SUCCESS_gives_the_video_url()
        {
            string[] answers =
            {
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"t\",\"status\":\"QUEUED\",\"progress\":\"20%\"}}",
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"t\",\"status\":\"IN_PROGRESS\",\"progress\":\"30%\"}}",
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"t\",\"status\":\"SUCCESS\",\"result_url\":\"https://cdn.example.com/v.mp4\",\"submit_time\":1780747200,\"properties\":{\"origin_model_name\":\"jimeng_v30\"}}}",
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"t\",\"status\":\"FAILURE\",\"fail_reason\":\"risk control\",\"result_url\":\"risk control\"}}",
            };
            int poll = 0;
            Result().Respond(_ => Json(200, answers[poll++]));

            JobSnapshot[] seen = new JobSnapshot[4];
            for (int i = 0; i < 4; i++) seen[i] = await Client().GetJobAsync(TaskId, CancellationToken.None);

            Assert.Equal(new[] { JobStatus.Queued, JobStatus.Running, JobStatus.Succeeded, JobStatus.Failed }, seen.Select(s => s.Status));
            Assert.Equal("https://cdn.example.com/v.mp4", seen[2].VideoUrl!.AbsoluteUri);
            Assert.Equal("jimeng_v30", seen[2].Model);
            Assert.Null(seen[3].VideoUrl);
            Assert.Contains("risk control", seen[3].Error!.Message);
            RecordedRequest sent = _recorder.Requests[0];
            Assert.Equal(HttpMethod.Post, sent.Method);
            Assert.Equal(Route + "?Action=CVSync2AsyncGetResult&Version=2022-08-31", sent.Uri.AbsoluteUri);
            using JsonDocument body = JsonDocument.Parse(sent.Body!);
            Assert.Equal(TaskId, body.RootElement.GetProperty("task_id").GetString());
        }

        [Theory]
        [InlineData("in_queue", JobStatus.Queued)]
        [InlineData("generating", JobStatus.Running)]
        [InlineData("done", JobStatus.Succeeded)]
        [InlineData("expired", JobStatus.Failed)]
        public async Task Volcengines_own_statuses_map(string word, JobStatus expected)
        {
            Result().Respond(_ => Json(200, "{\"code\":10000,\"message\":\"Success\",\"request_id\":\"20261203\",\"status\":10000,\"time_elapsed\":\"104.85ms\",\"data\":{\"status\":\"" + word
                + "\",\"video_url\":\"https://cdn.example.com/v.mp4\",\"resp_data\":\"\",\"binary_data_base64\":[],\"image_urls\":null}}"));

            JobSnapshot job = await Client().GetJobAsync(TaskId, CancellationToken.None);

            Assert.Equal(expected, job.Status);
            Assert.Equal(word, job.ProviderStatus);
            Assert.Equal(expected == JobStatus.Succeeded, job.VideoUrl != null);
            if (word == "expired") Assert.Contains("expired", job.Error!.Message);
        }

        [Fact]
        public async Task Volcengines_not_found_in_a_200_is_NotFound()
        {
            Result().Respond(_ => Json(200, "{\"code\":10000,\"message\":\"Success\",\"request_id\":\"r1\",\"data\":{\"status\":\"not_found\",\"video_url\":\"\"}}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().GetJobAsync(TaskId, CancellationToken.None));

            Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
            Assert.Equal("not_found", ex.ErrorCode);
            Assert.Equal("Jimeng", ex.Provider);
        }

        [Fact]
        public async Task The_gateways_task_not_exist_is_NotFound_with_its_code()
        {
            Result().Respond(_ => Json(400, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().GetJobAsync("job_doesnotexist0001", CancellationToken.None));

            Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("task_not_exist", ex.ErrorCode);
        }

        [Fact]
        public async Task A_Volcengine_code_other_than_10000_is_an_error_with_its_code_and_message()
        {
            Result().Respond(_ => Json(200, "{\"code\":50411,\"message\":\"Pre Img Risk Not Pass\",\"request_id\":\"r2\",\"data\":null}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().GetJobAsync(TaskId, CancellationToken.None));

            Assert.Equal("50411", ex.ErrorCode);
            Assert.Equal("Pre Img Risk Not Pass", ex.ProviderMessage);
            Assert.Equal("Jimeng", ex.Provider);
        }

        [Fact]
        public async Task A_submit_refused_upstream_is_the_gateways_500_with_Volcengines_code_and_is_not_sent_again()
        {
            Submit().Respond(_ => Json(500, "{\"code\":\"50413\",\"message\":\"Post Text Risk Not Pass\",\"data\":null}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None));

            // No idempotency key: a 5xx does not prove nothing started, so the row is reported rather than resent.
            Assert.Equal(500, ex.StatusCode);
            Assert.Equal("50413", ex.ErrorCode);
            Assert.Equal("Post Text Risk Not Pass", ex.ProviderMessage);
            Assert.Single(_recorder.Requests);
        }

        [Fact]
        public async Task A_converter_400_and_a_Volcengine_ResponseMetadata_error_keep_their_messages()
        {
            int call = 0;
            Result().Respond(_ => ++call == 1
                ? Json(400, "{\"error\":{\"message\":\"task_id is required for CVSync2AsyncGetResult (request id: 2026)\",\"type\":\"new_api_error\",\"code\":\"\"}}")
                : Json(500, "{\"code\":\"fail_to_fetch_task\",\"message\":\"{\\\"ResponseMetadata\\\":{\\\"RequestId\\\":\\\"x\\\",\\\"Error\\\":{\\\"CodeN\\\":100010,\\\"Code\\\":\\\"SignatureDoesNotMatch\\\",\\\"Message\\\":\\\"signature mismatch\\\"}}}\",\"data\":null}"));

            var first = await Assert.ThrowsAsync<VideoApiException>(() => Client(maxRetries: 0).GetJobAsync(TaskId, CancellationToken.None));
            var second = await Assert.ThrowsAsync<VideoApiException>(() => Client(maxRetries: 0).GetJobAsync(TaskId, CancellationToken.None));

            Assert.Equal("task_id is required for CVSync2AsyncGetResult", first.ProviderMessage);
            Assert.Equal("new_api_error", first.ErrorCode);
            Assert.Equal("fail_to_fetch_task", second.ErrorCode);
            Assert.Contains("signature mismatch", second.ProviderMessage);
        }

        [Fact]
        public async Task A_submission_refused_by_the_gateways_limiter_with_a_bare_429_is_sent_again_and_makes_one_task()
        {
            int posts = 0;
            Submit().Respond(_ => ++posts == 1
                ? new HttpResponseMessage((System.Net.HttpStatusCode)429) { Content = new ByteArrayContent(Array.Empty<byte>()) }
                : Json(200, Queued));

            JobSubmission job = await Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);

            // The limiter answers before the relay: nothing was started, so the repeat cannot make a second task.
            Assert.Equal(TaskId, job.JobUid);
            Assert.Equal(2, _recorder.Requests.Count());
        }

        [Fact]
        public async Task A_middleware_401_is_unauthorized_on_connect_and_never_shows_the_token()
        {
            Result().Respond(_ => Json(401, "{\"error\":{\"message\":\"Invalid token (request id: 2026060612000012345678)\",\"type\":\"new_api_error\",\"code\":\"\"}}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().GetAccountAsync(CancellationToken.None));

            Assert.Equal(ApiErrorKind.Unauthorized, ex.Kind);
            Assert.Equal("Invalid token", ex.ProviderMessage);
            Assert.DoesNotContain(TestKeys.SecretPart, ex.ToString());
        }

        [Fact]
        public async Task Connect_proves_the_token_with_a_result_query_for_an_impossible_task()
        {
            Result().Respond(_ => Json(400, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}"));

            AccountInfo account = await Client().GetAccountAsync(CancellationToken.None);

            Assert.Contains("Jimeng", account.Name);
            Assert.DoesNotContain(TestKeys.SecretPart, account.Name);
            Assert.Single(_recorder.Requests);
        }

        [Fact]
        public async Task Connect_on_a_base_that_is_no_gateway_fails_with_the_404()
        {
            Result().Respond(_ => Json(404, "{\"error\":{\"message\":\"Invalid URL (POST /jimeng/)\",\"type\":\"invalid_request_error\",\"param\":\"\",\"code\":\"\"}}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().GetAccountAsync(CancellationToken.None));

            Assert.Equal(404, ex.StatusCode);
        }

        [Theory]
        [InlineData("https://gw.test/")]
        [InlineData("https://gw.test/jimeng")]
        [InlineData("https://gw.test/v1/")]
        public async Task The_base_uri_is_the_gateways_root_and_the_route_is_added_once(string baseUri)
        {
            Result().Respond(_ => Json(200, "{\"code\":\"success\",\"message\":\"\",\"data\":{\"status\":\"QUEUED\"}}"));

            await Client(baseUri: baseUri).GetJobAsync(TaskId, CancellationToken.None);

            Assert.Equal(Route, _recorder.Requests[0].Uri.GetLeftPart(UriPartial.Path));
        }

        [Fact]
        public async Task The_catalog_is_built_in_with_frames_as_durations()
        {
            var models = await Client().ListModelsAsync(CancellationToken.None);

            Assert.Equal(new[] { "jimeng_vgfm_t2v_l20", "jimeng_vgfm_i2v_l20", "jimeng_v30", "jimeng_v30_pro" }, models.Select(m => m.Model));
            Assert.Equal(new[] { 5, 10 }, models.Single(m => m.Model == "jimeng_v30").Duration);
            Assert.Equal(new[] { 5 }, models.Single(m => m.Model == "jimeng_vgfm_t2v_l20").Duration);
            Assert.All(models, m => Assert.Equal(VideoSourceKind.BuiltIn, m.Source!.Kind));
            Assert.Empty(_recorder.Requests);
        }

        [Fact]
        public async Task Polls_are_paced_at_two_a_second_unless_told_otherwise()
        {
            Assert.Equal(2, Client().RequestsPerSecond);
            await Task.CompletedTask;
        }
    }
}
