using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.NewApi;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NewApi
{
    /// <summary>new-api's task endpoint on the wire: the submit body, the task envelope's statuses, its error envelopes, and no blind resubmission.</summary>
    public class NewApiClientTests : IDisposable
    {
        private const string Base = "https://gw.test/v1";
        private const string Key = "sk-" + TestKeys.SecretPart + "gatewaytoken";
        private static readonly VideoRequest Request = new VideoRequest { Model = "sora-2", Type = VideoType.TextToVideo, Prompt = "A fox in fresh snow", Duration = 8 };

        private readonly MockHttpMessageHandler _mock = new MockHttpMessageHandler();
        private readonly RecordingHandler _recorder;
        private NewApiClient? _client;

        public NewApiClientTests() => _recorder = new RecordingHandler(_mock);

        private NewApiClient Client(int maxRetries = 3) => _client ??= new NewApiClient(new ProviderSettings
        {
            BaseUri = new Uri(Base),
            Credential = NewApiProvider.Entry.Credential(Key),
            Handler = _recorder,
            MaxRetries = maxRetries,
        }, new RecordingTimeProvider());

        public void Dispose()
        {
            _client?.Dispose();
            _recorder.Dispose();
        }

        private static HttpResponseMessage Json(int status, string json) => Answers.Json((System.Net.HttpStatusCode)status, json, ("X-Oneapi-Request-Id", "2026120308000012345678"));

        [Fact]
        public async Task A_submission_posts_prompt_model_and_duration_with_the_bearer_token_and_returns_the_task()
        {
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => Json(200, "{\"task_id\":\"task_abcdefghijklmnopqrstuvwxyz012345\",\"status\":\"queued\"}"));

            JobSubmission job = await Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);

            Assert.Equal("task_abcdefghijklmnopqrstuvwxyz012345", job.JobUid);
            Assert.Equal("2026120308000012345678", job.RequestId);
            RecordedRequest sent = Assert.Single(_recorder.Requests);
            Assert.Equal("Bearer " + Key, sent.Header("Authorization"));
            using JsonDocument body = JsonDocument.Parse(sent.Body!);
            Assert.Equal("sora-2", body.RootElement.GetProperty("model").GetString());
            Assert.Equal("A fox in fresh snow", body.RootElement.GetProperty("prompt").GetString());
            Assert.Equal(8, body.RootElement.GetProperty("duration").GetInt32());
        }

        [Fact]
        public async Task A_field_the_gateway_would_silently_drop_is_refused_naming_NewApi_and_the_field_and_nothing_is_sent()
        {
            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().SubmitAsync(
                new VideoRequest { Model = "sora-2", Type = VideoType.TextToVideo, Prompt = "A fox", Seed = 7 }, SubmitOptions.None, CancellationToken.None));

            Assert.Contains("NewApi", ex.Message);
            Assert.Contains("Seed", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(_recorder.Requests);
        }

        [Fact]
        public async Task A_submission_whose_answer_is_a_5xx_is_not_sent_again()
        {
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => Json(502, "{\"error\":{\"message\":\"bad gateway (request id: 1)\",\"type\":\"new_api_error\",\"code\":\"\"}}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None));

            // No idempotency key: the gateway may have started the task, so the journal reports the row instead.
            Assert.Equal(502, ex.StatusCode);
            Assert.Single(_recorder.Requests);
        }

        [Fact]
        public async Task A_submission_refused_by_the_gateways_limiter_with_a_bare_429_is_sent_again_and_makes_one_task()
        {
            int posts = 0;
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => ++posts == 1
                ? new HttpResponseMessage((System.Net.HttpStatusCode)429) { Content = new ByteArrayContent(Array.Empty<byte>()) }
                : Json(200, "{\"task_id\":\"task_abcdefghijklmnopqrstuvwxyz012345\",\"status\":\"queued\"}"));

            JobSubmission job = await Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);

            // The limiter answers before the relay: nothing was started, so the repeat cannot make a second task.
            Assert.Equal("task_abcdefghijklmnopqrstuvwxyz012345", job.JobUid);
            Assert.Equal(2, _recorder.Requests.Count());
        }

        [Fact]
        public async Task A_submission_answered_429_with_an_upstream_error_body_is_not_sent_again()
        {
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => Json(429,
                "{\"code\":\"fail_to_fetch_task\",\"message\":\"upstream rate limited\",\"data\":null}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None));

            // Relayed from upstream: the gateway got past its limiter, so the answer does not prove nothing started.
            Assert.Equal(429, ex.StatusCode);
            Assert.Single(_recorder.Requests);
        }

        [Fact]
        public async Task SUCCESS_gives_the_video_url_and_FAILURE_the_fail_reason()
        {
            _mock.When(HttpMethod.Get, Base + "/video/generations/task_ok").Respond(_ => Json(200,
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"task_ok\",\"status\":\"SUCCESS\",\"result_url\":\"https://cdn.example.com/v.mp4\"}}"));
            _mock.When(HttpMethod.Get, Base + "/video/generations/task_bad").Respond(_ => Json(200,
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"task_bad\",\"status\":\"FAILURE\",\"fail_reason\":\"content policy\",\"result_url\":\"content policy\"}}"));

            JobSnapshot ok = await Client().GetJobAsync("task_ok", CancellationToken.None);
            JobSnapshot bad = await Client().GetJobAsync("task_bad", CancellationToken.None);

            Assert.Equal(JobStatus.Succeeded, ok.Status);
            Assert.Equal("SUCCESS", ok.ProviderStatus);
            Assert.Equal("https://cdn.example.com/v.mp4", ok.VideoUrl!.AbsoluteUri);
            Assert.Equal(JobStatus.Failed, bad.Status);
            Assert.Null(bad.VideoUrl);
            Assert.Contains("content policy", bad.Error!.Message);
        }

        [Fact]
        public async Task An_unknown_task_is_not_found_with_the_gateways_code()
        {
            _mock.When(HttpMethod.Get, Base + "/video/generations/task_gone").Respond(_ => Json(400, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().GetJobAsync("task_gone", CancellationToken.None));

            Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
            Assert.Equal("task_not_exist", ex.ErrorCode);
            Assert.Equal("NewApi", ex.Provider);
        }

        [Fact]
        public async Task A_middleware_401_is_unauthorized_and_never_shows_the_token()
        {
            _mock.When(HttpMethod.Get, Base + "/video/generations/task_x").Respond(_ => Json(401,
                "{\"error\":{\"message\":\"Invalid token (request id: 2026060612000012345678)\",\"type\":\"new_api_error\",\"code\":\"\"}}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().GetJobAsync("task_x", CancellationToken.None));

            Assert.Equal(ApiErrorKind.Unauthorized, ex.Kind);
            Assert.Equal("Invalid token", ex.ProviderMessage);
            Assert.DoesNotContain(TestKeys.SecretPart, ex.ToString());
        }

        [Fact]
        public async Task A_bare_429_with_an_empty_body_is_rate_limited()
        {
            _mock.When(HttpMethod.Get, Base + "/video/generations/task_x").Respond(_ => new HttpResponseMessage((System.Net.HttpStatusCode)429) { Content = new ByteArrayContent(Array.Empty<byte>()) });

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client(maxRetries: 0).GetJobAsync("task_x", CancellationToken.None));

            Assert.Equal(ApiErrorKind.RateLimited, ex.Kind);
            Assert.Equal(429, ex.StatusCode);
        }
    }
}
