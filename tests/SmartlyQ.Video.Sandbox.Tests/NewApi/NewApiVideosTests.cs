using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NewApi
{
    /// <summary>The gateway's OpenAI-compatible <c>/newapi/v1/videos</c>: OpenAI's video object under the gateway's task id, the gateway's checks before the upstream's.</summary>
    public class NewApiVideosTests
    {
        private const string Sora4 = "{\"model\":\"sora-2\",\"prompt\":\"A paper boat on a stream\",\"seconds\":\"4\",\"size\":\"1280x720\"}";

        private static Task<ApiResponse> CreateAsync(TestSandbox sandbox, string body = Sora4, string? key = NewApiGateway.Key) =>
            NewApiGateway.SendAsync(sandbox, HttpMethod.Post, "v1/videos", body, key);

        [Fact]
        public async Task Create_answers_OpenAIs_video_object_under_a_task_id_and_charges_the_token()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await CreateAsync(sandbox);

            Assert.True(response.Status == 200, response.Raw);
            string id = response.Json.GetProperty("id").GetString()!;
            Assert.Matches("^task_[0-9A-Za-z]{32}$", id);
            Assert.Equal(id, response.Json.GetProperty("task_id").GetString());
            Assert.Equal("video", response.Json.GetProperty("object").GetString());
            Assert.Equal("sora-2", response.Json.GetProperty("model").GetString());
            Assert.Equal("queued", response.Json.GetProperty("status").GetString());
            Assert.Equal("4", response.Json.GetProperty("seconds").GetString());
            Assert.Equal("1280x720", response.Json.GetProperty("size").GetString());
            var charge = Assert.Single(sandbox.Server.Ledger.Find(provider: "NewApi"));
            Assert.Equal((id, 0.40m), (charge.JobUid, charge.Amount));
        }

        [Fact]
        public async Task Retrieve_follows_the_video_to_completed_and_the_content_route_serves_it()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingDuration = TimeSpan.FromMilliseconds(300));
            string id = (await CreateAsync(sandbox)).Json.GetProperty("id").GetString()!;

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            JsonElement video;
            while (true)
            {
                var got = await NewApiGateway.GetAsync(sandbox, "v1/videos/" + id);
                Assert.True(got.Status == 200, got.Raw);
                video = got.Json;
                if (video.GetProperty("status").GetString() == "completed") break;
                if (DateTime.UtcNow > deadline) Assert.Fail("the video did not complete in time: " + got.Raw);
                await Task.Delay(50);
            }

            Assert.Equal(id, video.GetProperty("id").GetString());
            Assert.Equal(100, video.GetProperty("progress").GetInt32());
            using var request = new HttpRequestMessage(HttpMethod.Get, NewApiGateway.Base + "v1/videos/" + id + "/content");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NewApiGateway.Key);
            using var content = await sandbox.Http.SendAsync(request);
            Assert.Equal(200, (int)content.StatusCode);
            Assert.Equal(sandbox.Server.GetVideoSha256(id), Convert.ToHexStringLower(SHA256.HashData(await content.Content.ReadAsByteArrayAsync())));
        }

        [Theory]
        [InlineData("{\"prompt\":\"x\",\"seconds\":\"4\"}", "missing_model")]
        [InlineData("{\"model\":\"sora-2\",\"seconds\":\"4\"}", "invalid_request")]
        [InlineData("{\"model\":\"sora-2\",\"prompt\":\"x\",\"size\":\"1792x1024\"}", "invalid_size")]
        public async Task The_gateways_own_checks_answer_its_task_envelope_and_cost_nothing(string body, string code)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            NewApiGateway.TaskError(await CreateAsync(sandbox, body), 400, code);

            Assert.Empty(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Fact]
        public async Task The_pro_model_also_takes_the_wide_size()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await CreateAsync(sandbox, "{\"model\":\"sora-2-pro\",\"prompt\":\"x\",\"seconds\":\"4\",\"size\":\"1792x1024\"}");

            Assert.True(response.Status == 200, response.Raw);
            Assert.Equal(1.20m, Assert.Single(sandbox.Server.Ledger.Find(provider: "NewApi")).Amount);
        }

        [Fact]
        public async Task A_model_without_a_Sora_channel_finds_none()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await CreateAsync(sandbox, "{\"model\":\"kling-v1\",\"prompt\":\"x\"}");

            Assert.Equal(400, response.Status);
            Assert.Equal("model_not_found", response.Error.GetProperty("code").GetString());
            Assert.Contains("kling-v1", response.Error.GetProperty("message").GetString());
        }

        [Fact]
        public async Task An_upstream_refusal_passes_through_as_fail_to_fetch_task_with_OpenAIs_body()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await CreateAsync(sandbox, "{\"model\":\"sora-2\",\"prompt\":\"x\",\"seconds\":\"7\"}");

            string upstream = NewApiGateway.TaskError(response, 400, "fail_to_fetch_task");
            using var raw = JsonDocument.Parse(upstream);
            Assert.Equal("seconds", raw.RootElement.GetProperty("error").GetProperty("param").GetString());
            Assert.Empty(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Fact]
        public async Task An_unknown_video_and_another_tokens_video_are_400_task_not_exist()
        {
            const string other = "sk-sandbox-newapi-other-0000000000000000";
            await using var sandbox = await TestSandbox.StartAsync(o => o.NewApi.Keys.Add(new SandboxKey { Key = other, Balance = 10m }));
            string id = (await CreateAsync(sandbox)).Json.GetProperty("id").GetString()!;

            NewApiGateway.TaskError(await NewApiGateway.GetAsync(sandbox, "v1/videos/task_doesnotexist"), 400, "task_not_exist");
            NewApiGateway.TaskError(await NewApiGateway.GetAsync(sandbox, "v1/videos/" + id, other), 400, "task_not_exist");
        }
    }
}
