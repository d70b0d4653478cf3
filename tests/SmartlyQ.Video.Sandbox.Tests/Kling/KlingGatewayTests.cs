using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using SmartlyQ.Video.Sandbox.Tests.NewApi;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Kling
{
    /// <summary>Kling through the new-api gateway emulator (<c>/newapi/kling/v1/videos/…</c>): one key and quota with the gateway, new-api's answers around Kling's own.</summary>
    public class KlingGatewayTests
    {
        private const string Text = "kling/v1/videos/text2video";
        private const string Image = "kling/v1/videos/image2video";
        private const string Body = "{\"model_name\":\"kling-v1\",\"prompt\":\"A lighthouse at dawn\",\"duration\":\"5\",\"mode\":\"std\",\"aspect_ratio\":\"16:9\",\"cfg_scale\":0.5}";

        private static Task<ApiResponse> Post(TestSandbox sandbox, string route, string body, string? key = NewApiGateway.Key) => NewApiGateway.SendAsync(sandbox, HttpMethod.Post, route, body, key);

        private static async Task<string> Submit(TestSandbox sandbox, string route = Text, string body = Body)
        {
            var response = await Post(sandbox, route, body);
            Assert.True(response.Status == 200, response.Raw);
            return response.Json.GetProperty("task_id").GetString()!;
        }

        private static async Task<ApiResponse> WaitFor(TestSandbox sandbox, string route, string id, string status)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                var response = await NewApiGateway.GetAsync(sandbox, route + "/" + id);
                Assert.True(response.Status == 200, response.Raw);
                if (response.Data.GetProperty("status").GetString() == status) return response;
                if (DateTime.UtcNow > deadline) Assert.Fail($"Task {id} did not reach '{status}'; last body: {response.Raw}");
                await Task.Delay(50);
            }
        }

        [Fact]
        public async Task Submit_takes_Klings_native_body_and_answers_the_gateways_video_object_charged_under_Kling()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await Post(sandbox, Text, Body);

            Assert.True(response.Status == 200, response.Raw);
            string id = response.Json.GetProperty("task_id").GetString()!;
            Assert.Matches("^task_[0-9A-Za-z]{32}$", id);
            Assert.Equal(id, response.Json.GetProperty("id").GetString());
            Assert.Equal("queued", response.Json.GetProperty("status").GetString());
            Assert.Equal("kling-v1", response.Json.GetProperty("model").GetString());
            Assert.False(string.IsNullOrEmpty(response.Header("X-Oneapi-Request-Id")));
            var charge = Assert.Single(sandbox.Server.Ledger.Find(provider: "Kling"));
            Assert.Equal((id, "charge", "USD"), (charge.JobUid, charge.Kind, charge.Currency));
            Assert.Empty(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Fact]
        public async Task Fetch_is_the_TaskDto_envelope_with_Klings_answer_inside_and_a_video_url_that_needs_no_token()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingDuration = TimeSpan.FromMilliseconds(300));
            string id = await Submit(sandbox);

            var done = await WaitFor(sandbox, Text, id, "SUCCESS");

            Assert.Equal("success", done.Json.GetProperty("code").GetString());
            JsonElement kling = done.Data.GetProperty("data");
            Assert.Equal(0, kling.GetProperty("code").GetInt32());
            Assert.Equal("SUCCEED", kling.GetProperty("message").GetString());
            JsonElement task = kling.GetProperty("data");
            Assert.Equal("succeed", task.GetProperty("task_status").GetString());
            Assert.Matches("^[A-Za-z0-9_-]{22}$", task.GetProperty("task_id").GetString()!);
            // Kling's times are milliseconds.
            Assert.True(task.GetProperty("created_at").GetInt64() > 100_000_000_000L);
            string url = task.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString()!;
            Assert.Equal(url, done.Data.GetProperty("result_url").GetString());
            using var http = new HttpClient();
            byte[] bytes = await http.GetByteArrayAsync(url);
            Assert.Equal(sandbox.Server.GetVideoSha256(id), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        [Fact]
        public async Task A_failed_task_says_why_in_Klings_task_status_msg_and_the_gateways_fail_reason()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.FailureRate = 1);
            string id = await Submit(sandbox);

            var failed = await WaitFor(sandbox, Text, id, "FAILURE");

            Assert.False(string.IsNullOrEmpty(failed.Data.GetProperty("fail_reason").GetString()));
            JsonElement task = failed.Data.GetProperty("data").GetProperty("data");
            Assert.Equal("failed", task.GetProperty("task_status").GetString());
            Assert.False(string.IsNullOrEmpty(task.GetProperty("task_status_msg").GetString()));
        }

        [Fact]
        public async Task Image2video_needs_an_image_and_its_task_is_fetched_on_its_route()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var refused = await Post(sandbox, Image, "{\"model_name\":\"kling-v1\",\"prompt\":\"It wakes\"}");
            string id = await Submit(sandbox, Image, "{\"model_name\":\"kling-v1-6\",\"prompt\":\"It wakes\",\"image\":\"https://img.test/cat.png\"}");
            var fetched = await NewApiGateway.GetAsync(sandbox, Image + "/" + id);

            string message = NewApiGateway.TaskError(refused, 400, "fail_to_fetch_task");
            using (JsonDocument inner = JsonDocument.Parse(message))
            {
                Assert.Equal(1201, inner.RootElement.GetProperty("code").GetInt32());
                Assert.Contains("image", inner.RootElement.GetProperty("message").GetString());
            }
            Assert.True(fetched.Status == 200, fetched.Raw);
            Assert.Equal("generate", fetched.Data.GetProperty("action").GetString());
        }

        [Theory]
        [InlineData("{\"model_name\":\"kling-v1\",\"prompt\":\"x\",\"duration\":\"7\"}", "duration")]
        [InlineData("{\"model_name\":\"kling-v1\",\"prompt\":\"x\",\"mode\":\"ultra\"}", "mode")]
        [InlineData("{\"model_name\":\"kling-v1\",\"prompt\":\"x\",\"aspect_ratio\":\"4:3\"}", "aspect_ratio")]
        [InlineData("{\"model_name\":\"kling-v1\",\"prompt\":\"x\",\"cfg_scale\":2}", "cfg_scale")]
        public async Task Values_Kling_refuses_are_its_1201_relayed_as_fail_to_fetch_task_and_cost_nothing(string body, string field)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await Post(sandbox, Text, body);

            string message = NewApiGateway.TaskError(response, 400, "fail_to_fetch_task");
            using JsonDocument inner = JsonDocument.Parse(message);
            Assert.Equal(1201, inner.RootElement.GetProperty("code").GetInt32());
            Assert.Contains(field, inner.RootElement.GetProperty("message").GetString());
            Assert.Empty(sandbox.Server.Ledger.Find(provider: "Kling"));
        }

        [Fact]
        public async Task The_gateway_refuses_a_missing_prompt_an_unknown_model_an_unknown_task_and_a_wrong_key_in_its_own_envelopes()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var noPrompt = await Post(sandbox, Text, "{\"model_name\":\"kling-v1\"}");
            var unknownModel = await Post(sandbox, Text, "{\"model_name\":\"kling-v9\",\"prompt\":\"x\"}");
            var unknownTask = await NewApiGateway.GetAsync(sandbox, Text + "/job_doesnotexist0001");
            var wrongKey = await Post(sandbox, Text, Body, key: "sk-sandbox-newapi-000000000000000zz9zz9");
            var noList = await NewApiGateway.GetAsync(sandbox, Text);

            Assert.Equal("prompt is required", NewApiGateway.TaskError(noPrompt, 400, "invalid_request"));
            Assert.Equal(400, unknownModel.Status);
            Assert.Equal("model_not_found", unknownModel.Error.GetProperty("code").GetString());
            Assert.Equal("task_not_exist", NewApiGateway.TaskError(unknownTask, 400, "task_not_exist"));
            Assert.Equal(401, wrongKey.Status);
            Assert.Equal("new_api_error", wrongKey.Error.GetProperty("type").GetString());
            Assert.Equal(404, noList.Status);
            Assert.StartsWith("Invalid URL (GET /kling/v1/videos/text2video)", noList.Error.GetProperty("message").GetString());
        }

        [Theory]
        [InlineData("kling-v1", 0.25)]
        [InlineData("kling-v2-6", 0.70)]
        public async Task Every_model_of_Klings_docs_is_served_and_charged_per_second(string model, double cost)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            await Submit(sandbox, Text, "{\"model_name\":\"" + model + "\",\"prompt\":\"A kite\",\"duration\":\"5\"}");

            Assert.Equal((decimal)cost, Assert.Single(sandbox.Server.Ledger.Find(provider: "Kling")).Amount);
        }

        [Fact]
        public async Task Kling_shares_the_gateways_key_and_quota()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            Assert.Equal(NewApiGateway.Key, sandbox.Server.Providers.Single(p => p.Name == "Kling").ApiKey);
            Assert.False(sandbox.Server.Providers.Single(p => p.Name == "Kling").RateLimitHeaders);
            await Submit(sandbox);
            await NewApiGateway.SubmitTaskAsync(sandbox);
            Assert.Single(sandbox.Server.Ledger.Find(provider: "Kling"));
            Assert.Single(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Fact]
        public async Task Chaos_faults_the_Kling_routes_by_their_names()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            string id = await Submit(sandbox);
            sandbox.Server.SetChaos(new ChaosOptions { Routes = { [KlingRouteNames.FetchText] = new ChaosRouteOptions { ServerErrorRate = 1 } } });

            var faulted = await NewApiGateway.GetAsync(sandbox, Text + "/" + id);
            var other = await Post(sandbox, Text, Body);

            Assert.InRange(faulted.Status, 500, 504);
            Assert.True(sandbox.Server.Chaos.Injected[ChaosFaultKinds.ServerError] > 0);
            Assert.Equal(200, other.Status);
        }
    }
}
