using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NewApi
{
    /// <summary>The new-api gateway's task endpoint (<c>/newapi/v1/video/generations</c>) from submit to download, as a client sees it.</summary>
    public class NewApiTaskTests
    {
        [Fact]
        public async Task Submit_is_200_with_a_task_id_of_32_characters_charged_to_the_token_under_NewApi()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NewApiGateway.SubmitAsync(sandbox);

            Assert.True(response.Status == 200, response.Raw);
            var body = response.Json;
            string id = body.GetProperty("id").GetString()!;
            Assert.Matches("^task_[0-9A-Za-z]{32}$", id);
            Assert.Equal(id, body.GetProperty("task_id").GetString());
            Assert.Equal("video", body.GetProperty("object").GetString());
            Assert.Equal("kling-v1", body.GetProperty("model").GetString());
            Assert.Equal("queued", body.GetProperty("status").GetString());
            Assert.Equal(0, body.GetProperty("progress").GetInt32());
            Assert.InRange(body.GetProperty("created_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
            Assert.Equal("{\"seconds\":5}", response.Header("X-New-Api-Other-Ratios"));
            Assert.False(string.IsNullOrEmpty(response.Header("X-Oneapi-Request-Id")));

            var charge = Assert.Single(sandbox.Server.Ledger.Find(provider: "NewApi"));
            Assert.Equal((id, "charge", 0.25m, "USD"), (charge.JobUid, charge.Kind, charge.Amount, charge.Currency));
        }

        [Fact]
        public async Task Fetch_answers_the_TaskDto_envelope_up_to_SUCCESS_with_an_upstream_url_that_needs_no_token()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingDuration = TimeSpan.FromMilliseconds(400));
            string id = await NewApiGateway.SubmitTaskAsync(sandbox);

            var running = await NewApiGateway.WaitForStatusAsync(sandbox, id, "IN_PROGRESS");
            Assert.Equal("success", running.Json.GetProperty("code").GetString());
            Assert.Equal("30%", running.Data.GetProperty("progress").GetString());
            Assert.Equal("", running.Data.GetProperty("result_url").GetString());
            Assert.Equal(0, running.Data.GetProperty("finish_time").GetInt64());

            var done = (await NewApiGateway.WaitForStatusAsync(sandbox, id, "SUCCESS")).Data;
            Assert.Equal(id, done.GetProperty("task_id").GetString());
            Assert.Equal("textGenerate", done.GetProperty("action").GetString());
            Assert.Equal("100%", done.GetProperty("progress").GetString());
            Assert.Equal("", done.GetProperty("fail_reason").GetString());
            Assert.True(done.GetProperty("finish_time").GetInt64() >= done.GetProperty("submit_time").GetInt64());
            Assert.Equal("kling-v1", done.GetProperty("properties").GetProperty("origin_model_name").GetString());

            using var http = new HttpClient();
            var bytes = await http.GetByteArrayAsync(done.GetProperty("result_url").GetString());
            Assert.Equal(sandbox.Server.GetVideoSha256(id), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        [Fact]
        public async Task A_proxied_model_points_at_the_gateways_content_route_which_needs_the_token_and_a_finished_task()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingDuration = TimeSpan.FromMilliseconds(600));
            string id = await NewApiGateway.SubmitTaskAsync(sandbox, "{\"model\":\"sora-2\",\"prompt\":\"A paper boat on a stream\",\"seconds\":\"4\"}");

            var early = await NewApiGateway.GetAsync(sandbox, "v1/videos/" + id + "/content");
            Assert.Equal(400, early.Status);
            Assert.StartsWith("Task is not completed yet, current status: ", early.Error.GetProperty("message").GetString());
            Assert.Equal("invalid_request_error", early.Error.GetProperty("type").GetString());

            var done = (await NewApiGateway.WaitForStatusAsync(sandbox, id, "SUCCESS")).Data;
            var url = new Uri(done.GetProperty("result_url").GetString()!);
            Assert.Equal("/newapi/v1/videos/" + id + "/content", url.AbsolutePath);

            using var http = new HttpClient();
            Assert.Equal(401, (int)(await http.GetAsync(url)).StatusCode);
            using var keyed = new HttpRequestMessage(HttpMethod.Get, url);
            keyed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NewApiGateway.Key);
            keyed.Headers.Range = new RangeHeaderValue(0, 99);
            using var part = await http.SendAsync(keyed);
            Assert.Equal(206, (int)part.StatusCode);
            Assert.Equal(100, (await part.Content.ReadAsByteArrayAsync()).Length);
            Assert.Equal("public, max-age=86400", part.Headers.CacheControl?.ToString());
            Assert.Equal(0.40m, Assert.Single(sandbox.Server.Ledger.Find(provider: "NewApi")).Amount);
        }

        [Fact]
        public async Task A_failed_task_is_FAILURE_with_its_reason_also_in_result_url_and_the_quota_refunded()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.FailureRate = 1);
            string id = await NewApiGateway.SubmitTaskAsync(sandbox);

            var failed = (await NewApiGateway.WaitForStatusAsync(sandbox, id, "FAILURE")).Data;

            string reason = failed.GetProperty("fail_reason").GetString()!;
            Assert.False(string.IsNullOrEmpty(reason));
            Assert.Equal(reason, failed.GetProperty("result_url").GetString());
            Assert.Contains(sandbox.Server.Ledger.Find(jobUid: id), e => e.Kind == "refund" && e.Amount == 0.25m);
        }

        [Fact]
        public async Task A_task_without_a_prompt_is_400_invalid_request_and_costs_nothing()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NewApiGateway.SubmitAsync(sandbox, "{\"model\":\"kling-v1\",\"image\":\"https://example.com/a.png\"}");

            Assert.Equal("prompt is required", NewApiGateway.TaskError(response, 400, "invalid_request"));
            Assert.Empty(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Theory]
        [InlineData("{\"model\":\"kling-v1\",\"prompt\":\"x\",\"duration\":0}")]
        [InlineData("{\"model\":\"kling-v1\",\"prompt\":\"x\",\"duration\":\"21\"}")]
        [InlineData("{\"model\":\"kling-v1\",\"prompt\":\"x\",\"seconds\":\"five\"}")]
        public async Task A_duration_the_upstream_refuses_passes_through_as_fail_to_fetch_task_with_the_upstream_body(string body)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NewApiGateway.SubmitAsync(sandbox, body);

            string upstream = NewApiGateway.TaskError(response, 400, "fail_to_fetch_task");
            using var raw = JsonDocument.Parse(upstream);
            Assert.Contains("duration", raw.RootElement.GetProperty("error").GetProperty("message").GetString());
            Assert.Empty(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Fact]
        public async Task An_unknown_model_finds_no_channel_and_a_chat_model_is_not_a_video_model()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            foreach (string model in new[] { "kling-v9", "gpt-4o-mini" })
            {
                var response = await NewApiGateway.SubmitAsync(sandbox, "{\"model\":\"" + model + "\",\"prompt\":\"x\"}");
                Assert.Equal(400, response.Status);
                Assert.Equal("new_api_error", response.Error.GetProperty("type").GetString());
                Assert.Equal("model_not_found", response.Error.GetProperty("code").GetString());
                Assert.Contains(model, response.Error.GetProperty("message").GetString());
            }
            Assert.Empty(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Fact]
        public async Task An_unknown_task_and_another_tokens_task_are_both_400_task_not_exist()
        {
            const string other = "sk-sandbox-newapi-other-0000000000000000";
            await using var sandbox = await TestSandbox.StartAsync(o => o.NewApi.Keys.Add(new SandboxKey { Key = other, Balance = 10m }));
            string id = await NewApiGateway.SubmitTaskAsync(sandbox);

            NewApiGateway.TaskError(await NewApiGateway.GetAsync(sandbox, "v1/video/generations/task_doesnotexist"), 400, "task_not_exist");
            NewApiGateway.TaskError(await NewApiGateway.GetAsync(sandbox, "v1/video/generations/" + id, other), 400, "task_not_exist");
            Assert.Equal(404, (await NewApiGateway.GetAsync(sandbox, "v1/videos/" + id + "/content", other)).Status);
        }

        [Fact]
        public async Task A_quota_too_small_is_403_insufficient_user_quota_and_creates_no_task()
        {
            const string poor = "sk-sandbox-newapi-poor-00000000000000000";
            await using var sandbox = await TestSandbox.StartAsync(o => o.NewApi.Keys.Add(new SandboxKey { Key = poor, Balance = 0.10m }));

            var response = await NewApiGateway.SubmitAsync(sandbox, key: poor);

            Assert.Contains("quota", NewApiGateway.TaskError(response, 403, "insufficient_user_quota"));
            Assert.Empty(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Fact]
        public async Task Models_lists_every_model_with_its_endpoint_types()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NewApiGateway.GetAsync(sandbox, "v1/models");

            Assert.Equal(200, response.Status);
            Assert.True(response.Json.GetProperty("success").GetBoolean());
            var data = response.Json.GetProperty("data").EnumerateArray().ToList();
            Assert.Contains(data, m => m.GetProperty("id").GetString() == "kling-v1"
                && m.GetProperty("supported_endpoint_types").EnumerateArray().Select(t => t.GetString()).SequenceEqual(new[] { "openai-video" }));
            Assert.Contains(data, m => m.GetProperty("id").GetString() == "gpt-4o-mini"
                && m.GetProperty("supported_endpoint_types").EnumerateArray().Select(t => t.GetString()).SequenceEqual(new[] { "openai" }));
            Assert.Equal(401, (await NewApiGateway.GetAsync(sandbox, "v1/models", key: null)).Status);
        }
    }
}
