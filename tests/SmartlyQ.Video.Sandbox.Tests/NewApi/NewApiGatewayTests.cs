using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NewApi
{
    /// <summary>What the whole gateway does alike on every route: token check, request id header, unknown routes, bare 429.</summary>
    public class NewApiGatewayTests
    {
        [Fact]
        public async Task A_wrong_token_is_401_new_api_error_whose_message_ends_with_the_request_id_of_the_header()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NewApiGateway.GetAsync(sandbox, "v1/models", key: "sk-not-a-gateway-token");

            Assert.Equal(401, response.Status);
            string requestId = response.Header("X-Oneapi-Request-Id")!;
            Assert.False(string.IsNullOrEmpty(requestId));
            Assert.Equal("Invalid token (request id: " + requestId + ")", response.Error.GetProperty("message").GetString());
            Assert.Equal("new_api_error", response.Error.GetProperty("type").GetString());
            Assert.Equal("", response.Error.GetProperty("code").GetString());
            Assert.DoesNotContain("sk-not-a-gateway-token", response.Raw);
            Assert.Null(response.Header("X-Request-Id"));
        }

        [Theory]
        [InlineData("GET", "v1/videos", "Invalid URL (GET /v1/videos)")]
        [InlineData("DELETE", "v1/video/generations/task_x", "Invalid URL (DELETE /v1/video/generations/task_x)")]
        public async Task A_route_the_gateway_lacks_is_404_Invalid_URL_naming_method_and_path(string method, string path, string message)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NewApiGateway.SendAsync(sandbox, new HttpMethod(method), path);

            Assert.Equal(404, response.Status);
            Assert.Equal(message, response.Error.GetProperty("message").GetString());
            Assert.Equal("invalid_request_error", response.Error.GetProperty("type").GetString());
        }

        [Fact]
        public async Task Over_the_limit_is_a_bare_429_with_an_empty_body_and_no_limit_headers()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => { o.RateLimitPermits = 2; o.RateLimitWindow = TimeSpan.FromSeconds(30); });

            var answers = new ApiResponse[3];
            for (int i = 0; i < answers.Length; i++) answers[i] = await NewApiGateway.GetAsync(sandbox, "v1/models");

            Assert.Equal(new[] { 200, 200, 429 }, answers.Select(a => a.Status));
            Assert.Equal("", answers[2].Raw);
            Assert.Null(answers[2].Message.Headers.RetryAfter);
            foreach (var answer in answers)
                Assert.DoesNotContain(answer.Message.Headers, h => h.Key.StartsWith("X-RateLimit", StringComparison.OrdinalIgnoreCase));
        }
    }
}
