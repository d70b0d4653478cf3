using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>NanoGPT's error envelopes (simple, legacy, OpenAI-style, bare) as <see cref="VideoApiException"/>.</summary>
    public class NanoGptErrorMappingTests
    {
        private static async Task<VideoApiException> Poll(HttpResponseMessage answer)
        {
            using var harness = new NanoGptHarness { MaxRetries = 0 };
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Base + "/video/status").Respond(_ => answer);
            return await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("vid_1", CancellationToken.None));
        }

        [Theory]
        [InlineData(400, "{\"error\":400,\"message\":\"requestId (or runId) is required.\"}", ApiErrorKind.BadRequest, "HTTP_400", "requestId (or runId) is required.")]
        [InlineData(401, "{\"error\":401,\"message\":\"Invalid API key.\"}", ApiErrorKind.Unauthorized, "HTTP_401", "Invalid API key.")]
        [InlineData(403, "{\"error\":403,\"message\":\"Video job 'vid_1' belongs to another account.\"}", ApiErrorKind.Forbidden, "HTTP_403", "Video job 'vid_1' belongs to another account.")]
        [InlineData(404, "{\"error\":404,\"message\":\"Video job 'vid_1' was not found.\"}", ApiErrorKind.NotFound, "HTTP_404", "Video job 'vid_1' was not found.")]
        [InlineData(409, "{\"error\":409,\"message\":\"Conflict\"}", ApiErrorKind.Conflict, "HTTP_409", "Conflict")]
        [InlineData(413, "{\"error\":413,\"message\":\"Payload too large\"}", ApiErrorKind.Unknown, "HTTP_413", "Payload too large")]
        [InlineData(403, "{\"error\":{\"message\":\"Origin not allowed for this key\",\"type\":\"invalid_request_error\",\"code\":\"api_key_origin_not_allowed\"}}", ApiErrorKind.Forbidden, "api_key_origin_not_allowed", "Origin not allowed for this key")]
        [InlineData(401, "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"authentication_error\",\"code\":null,\"param\":null}}", ApiErrorKind.Unauthorized, "authentication_error", "Invalid API key")]
        [InlineData(400, "{\"message\":\"Bad duration\"}", ApiErrorKind.BadRequest, "HTTP_400", "Bad duration")]
        [InlineData(400, "{\"error\":\"Prompt rejected by safety filter\"}", ApiErrorKind.BadRequest, "HTTP_400", "Prompt rejected by safety filter")]
        [InlineData(404, "", ApiErrorKind.NotFound, "HTTP_404", "Not Found")]
        public async Task Each_envelope_gives_its_kind_code_and_message(int status, string body, ApiErrorKind kind, string code, string message)
        {
            var answer = new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            answer.Headers.TryAddWithoutValidation("X-Request-ID", "req_err_1");

            VideoApiException ex = await Poll(answer);

            Assert.Equal("NanoGPT", ex.Provider);
            Assert.Equal(status, ex.StatusCode);
            Assert.Equal(kind, ex.Kind);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Equal(message, ex.ProviderMessage);
            Assert.Equal("req_err_1", ex.RequestId);
        }

        [Fact]
        public async Task A_402_in_the_legacy_shape_gives_the_required_balance_in_USD_and_advice()
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/generate-video")
                .Respond(_ => NanoGptHarness.Json(402, "{\"error\":\"Insufficient balance\",\"requiredBalance\":0.0035,\"status\":402}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.SubmitAsync(
                new Core.Models.VideoRequest { Model = "veo2-video", Prompt = "p" }, SubmitOptions.None, CancellationToken.None));

            Assert.Equal(ApiErrorKind.InsufficientBalance, ex.Kind);
            Assert.Equal("Insufficient balance", ex.ProviderMessage);
            Assert.Equal(0.0035m, ex.Cost);
            Assert.Null(ex.Balance);
            Assert.Equal("USD", ex.Currency);
            Assert.Contains("Top up the NanoGPT balance", ex.Advice);
            Assert.Single(harness.Requests);
        }

        [Theory]
        [InlineData("daily_rpd_limit_exceeded")]
        [InlineData("daily_usd_limit_exceeded")]
        public async Task A_daily_limit_429_is_rate_limited_with_its_code_and_Retry_After(string code)
        {
            VideoApiException ex = await Poll(NanoGptHarness.Json(429,
                "{\"error\":{\"message\":\"Daily limit reached\",\"code\":\"" + code + "\",\"type\":\"rate_limit_error\"}}", ("Retry-After", "3600")));

            Assert.Equal(ApiErrorKind.RateLimited, ex.Kind);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
            Assert.Equal("rate_limit_error", ex.Details["type"]);
        }

        [Fact]
        public async Task A_gateway_page_instead_of_json_is_a_server_error_that_says_so()
        {
            var answer = new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway) { Content = new StringContent("<html>Bad gateway</html>", Encoding.UTF8, "text/html") };

            VideoApiException ex = await Poll(answer);

            Assert.Equal(ApiErrorKind.ServerError, ex.Kind);
            Assert.Contains("not its JSON error (text/html)", ex.Message);
        }

        [Fact]
        public async Task An_unauthorized_answer_advises_a_NanoGPT_key()
        {
            VideoApiException ex = await Poll(NanoGptHarness.Json(401, "{\"error\":401,\"message\":\"Invalid API key.\"}"));

            Assert.Contains("sk-nano-", ex.Advice);
            Assert.Contains("nano-gpt.com/api", ex.Advice);
        }

        [Fact]
        public async Task A_key_the_server_echoes_is_redacted_from_every_part_of_the_error()
        {
            VideoApiException ex = await Poll(NanoGptHarness.Json(401,
                "{\"error\":{\"message\":\"Invalid API key " + NanoGptHarness.Key + "\",\"type\":\"authentication_error\",\"param\":\"" + NanoGptHarness.Key + "\"}}"));

            Assert.DoesNotContain(TestKeys.SecretPart, ex.ToString());
            Assert.DoesNotContain(TestKeys.SecretPart, ex.ProviderMessage);
            Assert.DoesNotContain(TestKeys.SecretPart, ex.Details["param"]);
            Assert.Contains("sk-nano-…", ex.ProviderMessage);
        }

        [Fact]
        public async Task Server_errors_on_a_poll_are_retried()
        {
            using var harness = new NanoGptHarness();
            harness.Sequence(HttpMethod.Get, NanoGptHarness.Base + "/video/status",
                () => NanoGptHarness.Json(503, "{\"error\":503,\"message\":\"Service unavailable\"}"),
                () => NanoGptHarness.Json(200, "{\"data\":{\"status\":\"IN_PROGRESS\"}}"));

            var job = await harness.Client.GetJobAsync("vid_1", CancellationToken.None);

            Assert.Equal(Core.Models.JobStatus.Running, job.Status);
            Assert.Equal(2, harness.Requests.Length);
            Assert.Equal(1, harness.Client.Statistics.ServerError5xxRetries);
        }
    }
}
