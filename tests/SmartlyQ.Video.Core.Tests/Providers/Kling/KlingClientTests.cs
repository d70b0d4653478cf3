using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.Kling;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.Kling
{
    /// <summary>
    /// Kling on the wire, official (signed JWT) and through a gateway (Bearer token): the submit body per route, the
    /// route remembered by the job uid, both answer shapes, and every error body as one VideoApiException.
    /// </summary>
    public class KlingClientTests : IDisposable
    {
        private const string Official = "https://kling.test";
        private const string Gateway = "https://gw.test/kling";
        private const string GatewayKey = "sk-" + TestKeys.SecretPart + "gatewaytoken";
        private const string TaskId = "CjMT7WdSwWcAAAAAALvB3g";
        private static readonly VideoRequest Text = new VideoRequest { Model = "kling-v1", Type = VideoType.TextToVideo, Prompt = "A fox in fresh snow", Duration = 5 };

        private readonly MockHttpMessageHandler _mock = new MockHttpMessageHandler();
        private readonly RecordingHandler _recorder;
        private KlingClient? _client;

        public KlingClientTests() => _recorder = new RecordingHandler(_mock);

        private KlingClient OfficialClient(int maxRetries = 3) => _client ??= new KlingClient(new ProviderSettings
        {
            BaseUri = new Uri(Official),
            Credential = KlingProvider.Entry.KeyPairCredential!(KlingJwtTests.AccessKey, KlingJwtTests.SecretKey),
            Handler = _recorder,
            MaxRetries = maxRetries,
        }, new RecordingTimeProvider());

        private KlingClient GatewayClient(int maxRetries = 3) => _client ??= new KlingClient(new ProviderSettings
        {
            BaseUri = new Uri(Gateway),
            Credential = KlingProvider.Entry.Credential(GatewayKey),
            Handler = _recorder,
            MaxRetries = maxRetries,
        }, new RecordingTimeProvider());

        public void Dispose()
        {
            _client?.Dispose();
            _recorder.Dispose();
        }

        private static HttpResponseMessage Json(int status, string json) => Answers.Json((System.Net.HttpStatusCode)status, json);

        private static string Task(string status, string extra = "") =>
            "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"CjNTkGdSwxYAAAAAALud5A\",\"data\":{\"task_id\":\"" + TaskId + "\",\"task_status\":\"" + status
            + "\",\"task_status_msg\":\"\",\"created_at\":1733851336696,\"updated_at\":1733851344553" + extra + "}}";

        [Fact]
        public async Task The_official_api_gets_a_JWT_signed_with_the_secret_key_and_the_native_text2video_body()
        {
            _mock.When(HttpMethod.Post, Official + "/v1/videos/text2video").Respond(_ => Json(200, Task("submitted")));
            var request = new VideoRequest
            {
                Model = "kling-v1", Type = VideoType.TextToVideo, Prompt = "A fox", NegativePrompt = "blur", Duration = 10, Mode = "pro", AspectRatio = "9:16",
                Options = new System.Collections.Generic.Dictionary<string, string> { ["cfg_scale"] = "0.7", ["camera_control"] = "down_back" },
            };

            JobSubmission job = await OfficialClient().SubmitAsync(request, SubmitOptions.None, CancellationToken.None);

            Assert.Equal(TaskId, job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Equal("submitted", job.ProviderStatus);
            RecordedRequest sent = Assert.Single(_recorder.Requests);
            string authorization = sent.Header("Authorization")!;
            Assert.StartsWith("Bearer ", authorization);
            var (_, payload) = KlingJwtTests.Verify(authorization.Substring(7), KlingJwtTests.SecretKey);
            Assert.Equal(KlingJwtTests.AccessKey, payload.GetProperty("iss").GetString());
            using JsonDocument body = JsonDocument.Parse(sent.Body!);
            JsonElement root = body.RootElement;
            Assert.Equal("kling-v1", root.GetProperty("model_name").GetString());
            Assert.Equal("A fox", root.GetProperty("prompt").GetString());
            Assert.Equal("blur", root.GetProperty("negative_prompt").GetString());
            Assert.Equal("10", root.GetProperty("duration").GetString());
            Assert.Equal("pro", root.GetProperty("mode").GetString());
            Assert.Equal("9:16", root.GetProperty("aspect_ratio").GetString());
            Assert.Equal(0.7, root.GetProperty("cfg_scale").GetDouble());
            Assert.Equal("down_back", root.GetProperty("camera_control").GetProperty("type").GetString());
            Assert.False(root.TryGetProperty("image", out _));
        }

        [Fact]
        public async Task A_gateway_gets_its_token_as_Bearer()
        {
            _mock.When(HttpMethod.Post, Gateway + "/v1/videos/text2video").Respond(_ => Json(200,
                "{\"id\":\"task_abcdefghijklmnopqrstuvwxyz012345\",\"task_id\":\"task_abcdefghijklmnopqrstuvwxyz012345\",\"object\":\"video\",\"model\":\"kling-v1\",\"status\":\"queued\",\"progress\":0,\"created_at\":1780747200}"));

            JobSubmission job = await GatewayClient().SubmitAsync(Text, SubmitOptions.None, CancellationToken.None);

            Assert.Equal("task_abcdefghijklmnopqrstuvwxyz012345", job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Equal("Bearer " + GatewayKey, Assert.Single(_recorder.Requests).Header("Authorization"));
        }

        [Fact]
        public async Task An_image_job_is_made_on_image2video_and_polled_there_by_its_uid()
        {
            _mock.When(HttpMethod.Post, Official + "/v1/videos/image2video").Respond(_ => Json(200, Task("submitted")));
            _mock.When(HttpMethod.Get, Official + "/v1/videos/image2video/" + TaskId).Respond(_ => Json(200, Task("processing")));
            var request = new VideoRequest { Model = "kling-v1-6", Type = VideoType.ImageToVideo, Prompt = "It wakes", ImageUrl = "https://img.test/cat.png" };

            JobSubmission job = await OfficialClient().SubmitAsync(request, SubmitOptions.None, CancellationToken.None);
            JobSnapshot polled = await OfficialClient().GetJobAsync(job.JobUid, CancellationToken.None);

            Assert.Equal("i2v-" + TaskId, job.JobUid);
            Assert.Equal(job.JobUid, polled.JobUid);
            Assert.Equal(JobStatus.Running, polled.Status);
            using JsonDocument body = JsonDocument.Parse(_recorder.Requests.First().Body!);
            Assert.Equal("https://img.test/cat.png", body.RootElement.GetProperty("image").GetString());
            Assert.Equal(Official + "/v1/videos/image2video/" + TaskId, _recorder.Requests.Last().Uri.AbsoluteUri);
        }

        [Theory]
        [InlineData(nameof(VideoRequest.Seed))]
        [InlineData(nameof(VideoRequest.Resolution))]
        [InlineData(nameof(VideoRequest.CameraFixed))]
        public async Task A_field_Kling_has_no_place_for_is_refused_naming_Kling_and_the_field_and_nothing_is_sent(string field)
        {
            VideoRequest request = field switch
            {
                nameof(VideoRequest.Seed) => new VideoRequest { Model = "kling-v1", Prompt = "A fox", Seed = 7 },
                nameof(VideoRequest.Resolution) => new VideoRequest { Model = "kling-v1", Prompt = "A fox", Resolution = "1080p" },
                _ => new VideoRequest { Model = "kling-v1", Prompt = "A fox", CameraFixed = true },
            };

            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => OfficialClient().SubmitAsync(request, SubmitOptions.None, CancellationToken.None));

            Assert.Contains("Kling", ex.Message);
            Assert.Contains(field, ex.Message);
            Assert.Empty(_recorder.Requests);
        }

        [Fact]
        public async Task Sound_goes_to_Kling_itself_but_is_refused_through_a_gateway_that_would_drop_it()
        {
            _mock.When(HttpMethod.Post, Official + "/v1/videos/text2video").Respond(_ => Json(200, Task("submitted")));
            var request = new VideoRequest { Model = "kling-v2-6", Prompt = "Rain on a tin roof", GenerateAudio = true };

            await OfficialClient().SubmitAsync(request, SubmitOptions.None, CancellationToken.None);
            using var gateway = new KlingClient(new ProviderSettings { BaseUri = new Uri(Gateway), Credential = KlingProvider.Entry.Credential(GatewayKey), Handler = _recorder }, new RecordingTimeProvider());
            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => gateway.SubmitAsync(request, SubmitOptions.None, CancellationToken.None));

            using JsonDocument body = JsonDocument.Parse(Assert.Single(_recorder.Requests).Body!);
            Assert.Equal("on", body.RootElement.GetProperty("sound").GetString());
            Assert.Contains("GenerateAudio", ex.Message);
            Assert.DoesNotContain(KlingCatalog.GatewayModels, m => m.SupportsGenerateAudio);
        }

        [Fact]
        public async Task A_cfg_scale_outside_0_to_1_is_refused_before_sending()
        {
            var request = new VideoRequest { Model = "kling-v1", Prompt = "A fox", Options = new System.Collections.Generic.Dictionary<string, string> { ["cfg_scale"] = "1.5" } };

            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => OfficialClient().SubmitAsync(request, SubmitOptions.None, CancellationToken.None));

            Assert.Contains("cfg_scale", ex.Message);
            Assert.Empty(_recorder.Requests);
        }

        [Theory]
        [InlineData("submitted", JobStatus.Queued)]
        [InlineData("processing", JobStatus.Running)]
        [InlineData("succeed", JobStatus.Succeeded)]
        [InlineData("failed", JobStatus.Failed)]
        public async Task Klings_task_statuses_map_to_neutral_ones(string word, JobStatus expected)
        {
            string extra = word == "succeed" ? ",\"task_result\":{\"videos\":[{\"id\":\"v1\",\"url\":\"https://cdn.klingai.test/v.mp4\",\"duration\":\"5\"}]}" : "";
            _mock.When(HttpMethod.Get, Official + "/v1/videos/text2video/" + TaskId).Respond(_ => Json(200, Task(word, extra).Replace("\"task_status_msg\":\"\"",
                word == "failed" ? "\"task_status_msg\":\"Failure to pass the risk control system\"" : "\"task_status_msg\":\"\"")));

            JobSnapshot job = await OfficialClient().GetJobAsync(TaskId, CancellationToken.None);

            Assert.Equal(expected, job.Status);
            Assert.Equal(word, job.ProviderStatus);
            Assert.Equal("Kling", job.Provider);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1733851336696), job.CreatedAt);
            if (expected == JobStatus.Succeeded) Assert.Equal("https://cdn.klingai.test/v.mp4", job.VideoUrl!.AbsoluteUri);
            else Assert.Null(job.VideoUrl);
            if (expected == JobStatus.Failed) Assert.Contains("risk control", job.Error!.Message);
        }

        [Fact]
        public async Task A_gateways_task_envelope_gives_the_result_url_and_the_failure_reason()
        {
            _mock.When(HttpMethod.Get, Gateway + "/v1/videos/text2video/task_ok").Respond(_ => Json(200,
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"task_ok\",\"status\":\"SUCCESS\",\"progress\":\"100%\",\"result_url\":\"https://cdn.klingai.test/ok.mp4\",\"submit_time\":1780747200,\"data\":{}}}"));
            _mock.When(HttpMethod.Get, Gateway + "/v1/videos/text2video/task_bad").Respond(_ => Json(200,
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"task_bad\",\"status\":\"FAILURE\",\"fail_reason\":\"content policy\",\"result_url\":\"content policy\"}}"));

            JobSnapshot ok = await GatewayClient().GetJobAsync("task_ok", CancellationToken.None);
            JobSnapshot bad = await GatewayClient().GetJobAsync("task_bad", CancellationToken.None);

            Assert.Equal(JobStatus.Succeeded, ok.Status);
            Assert.Equal("https://cdn.klingai.test/ok.mp4", ok.VideoUrl!.AbsoluteUri);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1780747200), ok.CreatedAt);
            Assert.Equal(JobStatus.Failed, bad.Status);
            Assert.Null(bad.VideoUrl);
            Assert.Equal("content policy", bad.Error!.Message);
        }

        [Fact]
        public async Task Klings_error_envelope_is_a_VideoApiException_with_its_numeric_code_and_message_and_the_submission_is_not_resent()
        {
            _mock.When(HttpMethod.Post, Official + "/v1/videos/text2video").Respond(_ => Json(429,
                "{\"code\":1303,\"message\":\"parallel task over resource pack limit\",\"request_id\":\"req-1303\"}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => OfficialClient().SubmitAsync(Text, SubmitOptions.None, CancellationToken.None));

            Assert.Equal("Kling", ex.Provider);
            Assert.Equal(429, ex.StatusCode);
            Assert.Equal("1303", ex.ErrorCode);
            Assert.Equal(ApiErrorKind.RateLimited, ex.Kind);
            Assert.Equal("parallel task over resource pack limit", ex.ProviderMessage);
            Assert.Equal("req-1303", ex.RequestId);
            Assert.Single(_recorder.Requests);
        }

        [Theory]
        [InlineData(401, 1004, ApiErrorKind.Unauthorized)]
        [InlineData(429, 1102, ApiErrorKind.InsufficientBalance)]
        [InlineData(400, 1301, ApiErrorKind.BadRequest)]
        [InlineData(404, 1203, ApiErrorKind.NotFound)]
        public async Task Klings_numeric_codes_say_what_went_wrong(int status, int code, ApiErrorKind kind)
        {
            _mock.When(HttpMethod.Get, Official + "/v1/videos/text2video/" + TaskId).Respond(_ => Json(status, "{\"code\":" + code + ",\"message\":\"m\",\"request_id\":\"r\"}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => OfficialClient(maxRetries: 0).GetJobAsync(TaskId, CancellationToken.None));

            Assert.Equal(kind, ex.Kind);
            Assert.Equal(code.ToString(), ex.ErrorCode);
        }

        [Fact]
        public async Task A_200_whose_code_is_not_0_is_the_error_it_names()
        {
            _mock.When(HttpMethod.Post, Official + "/v1/videos/text2video").Respond(_ => Json(200, "{\"code\":1201,\"message\":\"duration is invalid\",\"request_id\":\"r\"}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => OfficialClient().SubmitAsync(Text, SubmitOptions.None, CancellationToken.None));

            Assert.Equal("1201", ex.ErrorCode);
            Assert.Equal(ApiErrorKind.BadRequest, ex.Kind);
            Assert.Equal("duration is invalid", ex.ProviderMessage);
        }

        [Fact]
        public async Task A_gateways_relay_of_a_Kling_error_gives_Klings_code_and_message()
        {
            _mock.When(HttpMethod.Post, Gateway + "/v1/videos/text2video").Respond(_ => Json(400,
                "{\"code\":\"fail_to_fetch_task\",\"message\":\"{\\\"code\\\":1201,\\\"message\\\":\\\"model_name is invalid\\\",\\\"request_id\\\":\\\"r9\\\"}\",\"data\":null}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => GatewayClient().SubmitAsync(Text, SubmitOptions.None, CancellationToken.None));

            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("1201", ex.ErrorCode);
            Assert.Equal("model_name is invalid", ex.ProviderMessage);
        }

        [Fact]
        public async Task An_unknown_job_without_a_route_prefix_is_polled_on_text2video_and_is_NotFound()
        {
            _mock.When(HttpMethod.Get, Gateway + "/v1/videos/text2video/job_doesnotexist0001").Respond(_ => Json(400, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => GatewayClient().GetJobAsync("job_doesnotexist0001", CancellationToken.None));

            Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
            Assert.Equal("task_not_exist", ex.ErrorCode);
            Assert.Equal("Kling", ex.Provider);
        }

        [Theory]
        [InlineData("../v1/account")]
        [InlineData("i2v-x?y=1")]
        [InlineData("")]
        public async Task A_job_uid_that_could_change_the_route_is_refused_and_nothing_is_sent(string uid)
        {
            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => GatewayClient().GetJobAsync(uid, CancellationToken.None));

            Assert.Equal("JobUid", ex.ParamName);
            Assert.Empty(_recorder.Requests);
        }

        [Fact]
        public async Task Connect_accepts_the_credential_when_the_impossible_task_is_not_found_and_refuses_a_401()
        {
            _mock.When(HttpMethod.Get, Gateway + "/v1/videos/text2video/" + KlingClient.ProbeTaskId).Respond(_ => Json(400, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}"));
            AccountInfo account = await GatewayClient().GetAccountAsync(CancellationToken.None);
            Assert.StartsWith("Kling gateway token sk-", account.Name);
            Assert.DoesNotContain(TestKeys.SecretPart, account.Name);

            _mock.Clear();
            _mock.When(HttpMethod.Get, Official + "/v1/videos/text2video/" + KlingClient.ProbeTaskId).Respond(_ => Json(401, "{\"code\":1002,\"message\":\"Auth failed\",\"request_id\":\"r\"}"));
            using var official = new KlingClient(new ProviderSettings
            {
                BaseUri = new Uri(Official),
                Credential = KlingProvider.Entry.KeyPairCredential!(KlingJwtTests.AccessKey, KlingJwtTests.SecretKey),
                Handler = _recorder,
            }, new RecordingTimeProvider());
            var ex = await Assert.ThrowsAsync<VideoApiException>(() => official.GetAccountAsync(CancellationToken.None));
            Assert.Equal(ApiErrorKind.Unauthorized, ex.Kind);
            Assert.Equal("1002", ex.ErrorCode);
            Assert.DoesNotContain(TestKeys.SecretPart, ex.ToString());
        }

        [Fact]
        public async Task An_error_that_echoes_the_signed_token_never_shows_it()
        {
            string? token = null;
            _mock.When(HttpMethod.Get, Official + "/v1/videos/text2video/" + TaskId).Respond(request =>
            {
                token = request.Headers.Authorization!.Parameter;
                return Json(401, "{\"code\":1002,\"message\":\"token " + token + " is invalid\",\"request_id\":\"r\"}");
            });

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => OfficialClient(maxRetries: 0).GetJobAsync(TaskId, CancellationToken.None));

            Assert.NotNull(token);
            Assert.DoesNotContain(token!, ex.ToString());
            Assert.DoesNotContain(token!.Split('.')[2], ex.ToString());
        }
    }
}
