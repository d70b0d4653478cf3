using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    public class ErrorMappingTests
    {
        private static async Task<VideoApiException> FailGetJob(Func<HttpResponseMessage> answer, ClientHarness? harness = null)
        {
            harness ??= new ClientHarness();
            harness.MaxRetries = 0;
            harness.Mock.When("*").Respond(_ => answer());
            using (harness)
                return await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));
        }

        [Theory]
        // OpenAPI code set
        [InlineData(400, "BAD_REQUEST", ApiErrorKind.BadRequest)]
        [InlineData(401, "UNAUTHORIZED", ApiErrorKind.Unauthorized)]
        [InlineData(402, "INSUFFICIENT_BALANCE", ApiErrorKind.InsufficientBalance)]
        [InlineData(403, "FORBIDDEN", ApiErrorKind.Forbidden)]
        [InlineData(404, "RESOURCE_NOT_FOUND", ApiErrorKind.NotFound)]
        [InlineData(409, "CONFLICT", ApiErrorKind.Conflict)]
        [InlineData(422, "VALIDATION_ERROR", ApiErrorKind.Validation)]
        [InlineData(429, "RATE_LIMIT_EXCEEDED", ApiErrorKind.RateLimited)]
        [InlineData(500, "INTERNAL_ERROR", ApiErrorKind.ServerError)]
        // docs error-guide code set
        [InlineData(402, "INSUFFICIENT_CREDITS", ApiErrorKind.InsufficientBalance)]
        [InlineData(409, "IDEMPOTENCY_CONFLICT", ApiErrorKind.Conflict)]
        [InlineData(429, "RATE_LIMITED", ApiErrorKind.RateLimited)]
        [InlineData(403, "MODEL_NOT_AVAILABLE", ApiErrorKind.ModelNotAvailable)]
        [InlineData(422, "JOB_FAILED", ApiErrorKind.JobFailed)]
        public async Task Every_documented_error_code_maps_to_its_kind(int status, string code, ApiErrorKind kind)
        {
            var ex = await FailGetJob(() => Answers.Error(status, code, "Something about " + code));

            Assert.Equal(status, ex.StatusCode);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Equal(kind, ex.Kind);
            Assert.Equal("Something about " + code, ex.Message);
            Assert.Equal("req_err", ex.RequestId);
        }

        [Fact]
        public async Task Docs_402_body_with_extra_balance_field_is_read()
        {
            var ex = await FailGetJob(() => Answers.Json((HttpStatusCode)402,
                "{\"success\": false, \"error\": {\"code\": \"INSUFFICIENT_CREDITS\", \"message\": \"Not enough credits. Top up your wallet.\", \"balance_sqc\": 0}}"));

            Assert.Equal(ApiErrorKind.InsufficientBalance, ex.Kind);
            Assert.Equal("Not enough credits. Top up your wallet.", ex.Message);
            Assert.Empty(ex.Details);
        }

        [Fact]
        public async Task Forbidden_names_the_missing_scope_from_the_details()
        {
            var ex = await FailGetJob(() => Answers.Json(HttpStatusCode.Forbidden,
                "{\"success\":false,\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"Forbidden\",\"details\":{\"required_scope\":\"videos:write\"}}}"));

            Assert.Equal("Forbidden. The API key lacks the scope videos:write.", ex.Message);
            Assert.Equal("videos:write", ex.Details["required_scope"]);
        }

        [Fact]
        public async Task Forbidden_message_that_already_names_the_scope_is_kept()
        {
            var ex = await FailGetJob(() => Answers.Json(HttpStatusCode.Forbidden,
                "{\"success\":false,\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"This API key lacks the required scope 'jobs:read'.\",\"details\":{\"required_scope\":\"jobs:read\"}}}"));

            Assert.Equal("This API key lacks the required scope 'jobs:read'.", ex.Message);
        }

        [Fact]
        public async Task Insufficient_balance_keeps_balance_and_cost_exactly_as_sent()
        {
            var ex = await FailGetJob(() => Answers.Json((HttpStatusCode)402,
                "{\"success\":false,\"error\":{\"code\":\"INSUFFICIENT_BALANCE\",\"message\":\"Not enough credits.\",\"details\":{\"balance\":\"0.1000\",\"cost\":\"0.2800\"}}}"));

            Assert.Equal("Not enough credits.", ex.Message);
            Assert.Equal("0.1000", ex.Details["balance"]);
            Assert.Equal("0.2800", ex.Details["cost"]);
        }

        [Fact]
        public async Task Without_an_error_code_the_status_decides_and_the_reason_phrase_is_the_message()
        {
            var ex = await FailGetJob(() => Answers.Json(HttpStatusCode.NotFound, "{\"success\":false}"));

            Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
            Assert.Equal("HTTP_404", ex.ErrorCode);
            Assert.Equal("Not Found", ex.Message);
        }

        [Fact]
        public async Task Error_as_a_plain_string_becomes_the_message()
        {
            var ex = await FailGetJob(() => Answers.Json(HttpStatusCode.Unauthorized, "{\"error\":\"Invalid token\"}"));

            Assert.Equal(ApiErrorKind.Unauthorized, ex.Kind);
            Assert.Equal("Invalid token", ex.Message);
        }

        [Fact]
        public async Task Html_from_a_gateway_still_gives_a_clear_exception_with_the_status()
        {
            var ex = await FailGetJob(() => new HttpResponseMessage(HttpStatusCode.BadGateway)
            {
                Content = new StringContent("<html><body><h1>502 Bad Gateway</h1></body></html>", Encoding.UTF8, "text/html"),
            });

            Assert.Equal(502, ex.StatusCode);
            Assert.Equal(ApiErrorKind.ServerError, ex.Kind);
            Assert.Contains("502", ex.Message);
            Assert.Contains("not JSON", ex.Message);
            Assert.Contains("text/html", ex.Message);
        }

        [Fact]
        public async Task Validation_details_object_gives_field_messages_and_json_text_for_other_values()
        {
            var ex = await FailGetJob(() => Answers.Json((HttpStatusCode)422,
                "{\"success\":false,\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Invalid\",\"details\":{\"duration\":\"must be 5 or 10\",\"max\":10,\"allowed\":[\"720p\",\"1080p\"],\"flag\":true}}}"));

            Assert.Equal(4, ex.Details.Count);
            Assert.Equal("must be 5 or 10", ex.Details["duration"]);
            Assert.Equal("10", ex.Details["max"]);
            Assert.Equal("[\"720p\",\"1080p\"]", ex.Details["allowed"]);
            Assert.Equal("true", ex.Details["flag"]);
        }

        [Fact]
        public async Task Validation_details_array_uses_field_names_when_given_else_positions()
        {
            var ex = await FailGetJob(() => Answers.Json((HttpStatusCode)422,
                "{\"success\":false,\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Invalid\",\"details\":[{\"field\":\"mode\",\"message\":\"unknown mode\"},\"prompt too long\"]}}"));

            Assert.Equal("unknown mode", ex.Details["mode"]);
            Assert.Equal("prompt too long", ex.Details["1"]);
        }

        [Fact]
        public async Task Request_id_falls_back_to_the_X_Request_Id_header()
        {
            var ex = await FailGetJob(() => Answers.Json(HttpStatusCode.Forbidden,
                "{\"success\":false,\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"Missing scope\"}}", ("X-Request-Id", "req_header")));

            Assert.Equal("req_header", ex.RequestId);
        }

        [Fact]
        public async Task Retry_after_in_seconds_is_reported()
        {
            var ex = await FailGetJob(() => Answers.Error(429, "RATE_LIMITED", "Too many requests. Retry after 12 seconds.", ("Retry-After", "12")));

            Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
        }

        [Fact]
        public async Task Retry_after_as_http_date_is_reported_relative_to_now()
        {
            var harness = new ClientHarness();
            string date = harness.Clock.Now.AddSeconds(30).ToString("r");
            var ex = await FailGetJob(() => Answers.Error(503, "INTERNAL_ERROR", "Maintenance", ("Retry-After", date)), harness);

            Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        }

        [Fact]
        public async Task A_2xx_answer_that_says_success_false_is_an_error()
        {
            var ex = await FailGetJob(() => Answers.Ok("{\"success\":false,\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"No access\"}}"));

            Assert.Equal(ApiErrorKind.Forbidden, ex.Kind);
            Assert.Equal("No access", ex.Message);
        }

        [Fact]
        public async Task A_2xx_answer_that_is_not_json_is_an_invalid_response()
        {
            var ex = await FailGetJob(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>captive portal</html>") });

            Assert.Equal("INVALID_RESPONSE", ex.ErrorCode);
            Assert.Contains("GET /jobs/job_1", ex.Message);
        }

        [Fact]
        public async Task Errors_of_post_calls_are_mapped_too()
        {
            using var harness = new ClientHarness { MaxRetries = 0 };
            harness.Mock.When("*").Respond(_ => Answers.Error(402, "INSUFFICIENT_BALANCE", "Top up"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.SubmitAsync(
                new Models.VideoRequest { Model = "kling-v2-1", Type = "text_to_video", Prompt = "x" }, "k1", CancellationToken.None));

            Assert.Equal(ApiErrorKind.InsufficientBalance, ex.Kind);
        }
    }
}
