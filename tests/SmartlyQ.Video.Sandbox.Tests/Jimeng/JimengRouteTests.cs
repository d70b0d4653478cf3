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

namespace SmartlyQ.Video.Sandbox.Tests.Jimeng
{
    /// <summary>The gateway's Jimeng route (<c>POST /newapi/jimeng/?Action=…</c>) as a client sees it, with the gateway's one key.</summary>
    public class JimengRouteTests
    {
        private const string SubmitPath = "jimeng/?Action=CVSync2AsyncSubmitTask&Version=2022-08-31";
        private const string ResultPath = "jimeng/?Action=CVSync2AsyncGetResult&Version=2022-08-31";
        private const string V30Ten = "{\"req_key\":\"jimeng_v30\",\"prompt\":\"A lighthouse at dawn\",\"frames\":241,\"seed\":7}";

        private static Task<ApiResponse> Post(TestSandbox sandbox, string path, string body, string? key = NewApiGateway.Key) =>
            NewApiGateway.SendAsync(sandbox, HttpMethod.Post, path, body, key);

        private static Task<ApiResponse> Result(TestSandbox sandbox, string taskId) => Post(sandbox, ResultPath, "{\"task_id\":\"" + taskId + "\"}");

        private static async Task<string> SubmitTask(TestSandbox sandbox, string body = V30Ten)
        {
            var response = await Post(sandbox, SubmitPath, body);
            Assert.True(response.Status == 200, response.Raw);
            return response.Json.GetProperty("task_id").GetString()!;
        }

        private static async Task<ApiResponse> WaitFor(TestSandbox sandbox, string taskId, string status)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                var response = await Result(sandbox, taskId);
                Assert.True(response.Status == 200, response.Raw);
                if (response.Data.GetProperty("status").GetString() == status) return response;
                if (DateTime.UtcNow > deadline) Assert.Fail($"Task {taskId} did not reach '{status}'; last body: {response.Raw}");
                await Task.Delay(50);
            }
        }

        [Fact]
        public async Task Submit_with_the_gateways_key_is_200_with_a_task_id_charged_under_Jimeng_by_its_frames()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await Post(sandbox, SubmitPath, V30Ten);

            Assert.True(response.Status == 200, response.Raw);
            string id = response.Json.GetProperty("id").GetString()!;
            Assert.Matches("^task_[0-9A-Za-z]{32}$", id);
            Assert.Equal("queued", response.Json.GetProperty("status").GetString());
            Assert.Equal("jimeng_v30", response.Json.GetProperty("model").GetString());
            Assert.False(string.IsNullOrEmpty(response.Header("X-Oneapi-Request-Id")));
            var charge = Assert.Single(sandbox.Server.Ledger.Find(provider: "Jimeng"));
            Assert.Equal((id, "charge", 0.60m, "USD"), (charge.JobUid, charge.Kind, charge.Amount, charge.Currency)); // 10 s at 0.06
            Assert.Empty(sandbox.Server.Ledger.Find(provider: "NewApi"));
        }

        [Fact]
        public async Task GetResult_is_a_POST_answered_with_the_TaskDto_envelope_and_Volcengines_answer_inside_up_to_a_video_that_needs_no_token()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingDuration = TimeSpan.FromMilliseconds(400));
            string id = await SubmitTask(sandbox);

            var running = await WaitFor(sandbox, id, "IN_PROGRESS");
            Assert.Equal("success", running.Json.GetProperty("code").GetString());
            Assert.Equal("51", running.Data.GetProperty("platform").GetString());
            Assert.Equal("generating", running.Data.GetProperty("data").GetProperty("data").GetProperty("status").GetString());

            var done = (await WaitFor(sandbox, id, "SUCCESS")).Data;
            JsonElement upstream = done.GetProperty("data");
            Assert.Equal(10000, upstream.GetProperty("code").GetInt32());
            Assert.Equal("done", upstream.GetProperty("data").GetProperty("status").GetString());
            string url = done.GetProperty("result_url").GetString()!;
            Assert.Equal(url, upstream.GetProperty("data").GetProperty("video_url").GetString());

            using var http = new HttpClient();
            var bytes = await http.GetByteArrayAsync(url);
            Assert.Equal(sandbox.Server.GetVideoSha256(id), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        [Fact]
        public async Task A_task_is_also_found_by_the_task_relays_fetch_as_on_a_real_gateway()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            string id = await SubmitTask(sandbox);

            var fetched = await NewApiGateway.GetAsync(sandbox, "v1/video/generations/" + id);

            Assert.Equal(200, fetched.Status);
            Assert.Equal(id, fetched.Data.GetProperty("task_id").GetString());
        }

        [Fact]
        public async Task The_converters_400s_name_what_is_missing_in_the_middleware_envelope()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var noAction = await Post(sandbox, "jimeng/?Version=2022-08-31", V30Ten);
            var badBody = await Post(sandbox, SubmitPath, "not json");
            var noTask = await Post(sandbox, ResultPath, "{}");

            Assert.Equal(400, noAction.Status);
            Assert.StartsWith("Action query parameter is required (request id: ", noAction.Error.GetProperty("message").GetString());
            Assert.Equal("new_api_error", noAction.Error.GetProperty("type").GetString());
            Assert.Equal(400, badBody.Status);
            Assert.StartsWith("Invalid request body", badBody.Error.GetProperty("message").GetString());
            Assert.Equal(400, noTask.Status);
            Assert.StartsWith("task_id is required for CVSync2AsyncGetResult", noTask.Error.GetProperty("message").GetString());
        }

        [Fact]
        public async Task An_unknown_task_is_400_task_not_exist()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await Result(sandbox, "task_doesnotexist");

            NewApiGateway.TaskError(response, 400, "task_not_exist");
        }

        [Fact]
        public async Task Refusals_cost_nothing_unknown_req_key_no_prompt_and_Jimengs_own_as_a_500_with_its_code()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var unknown = await Post(sandbox, SubmitPath, "{\"req_key\":\"jimeng_nope\",\"prompt\":\"x\"}");
            var noPrompt = await Post(sandbox, SubmitPath, "{\"req_key\":\"jimeng_v30\"}");
            var badFrames = await Post(sandbox, SubmitPath, "{\"req_key\":\"jimeng_v30\",\"prompt\":\"x\",\"frames\":100}");
            var noImage = await Post(sandbox, SubmitPath, "{\"req_key\":\"jimeng_vgfm_i2v_l20\",\"prompt\":\"x\"}");
            var badBase64 = await Post(sandbox, SubmitPath, "{\"req_key\":\"jimeng_vgfm_i2v_l20\",\"prompt\":\"x\",\"binary_data_base64\":[\"data:image/png;base64,AAAA\"]}");

            Assert.Equal(400, unknown.Status);
            Assert.Equal("model_not_found", unknown.ErrorCode);
            NewApiGateway.TaskError(noPrompt, 400, "invalid_request");
            Assert.Contains("frames", NewApiGateway.TaskError(badFrames, 500, "50400"));
            NewApiGateway.TaskError(noImage, 500, "50400");
            NewApiGateway.TaskError(badBase64, 500, "50400");
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task An_image_task_with_bare_base64_is_accepted()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await Post(sandbox, SubmitPath, "{\"req_key\":\"jimeng_vgfm_i2v_l20\",\"prompt\":\"x\",\"binary_data_base64\":[\"" + Convert.ToBase64String(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) + "\"]}");

            Assert.True(response.Status == 200, response.Raw);
        }

        [Fact]
        public async Task A_wrong_token_is_401_and_a_GET_or_a_direct_action_path_is_404_Invalid_URL()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var wrong = await Post(sandbox, SubmitPath, V30Ten, key: "sk-not-a-gateway-token");
            var get = await NewApiGateway.GetAsync(sandbox, "jimeng/");
            var direct = await Post(sandbox, "jimeng/CVSync2AsyncSubmitTask", V30Ten);

            Assert.Equal(401, wrong.Status);
            Assert.Equal(404, get.Status);
            Assert.Equal("Invalid URL (GET /jimeng/)", get.Error.GetProperty("message").GetString());
            Assert.Equal(404, direct.Status);
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Chaos_names_each_action_and_the_submit_is_in_the_generate_group()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            string id = await SubmitTask(sandbox);
            sandbox.Server.SetChaos(new ChaosOptions { Routes = { [JimengRouteNames.GetResult] = new ChaosRouteOptions { RateLimitBurstRate = 1 } } });

            var poll = await Result(sandbox, id);
            var submit = await Post(sandbox, SubmitPath, V30Ten);
            sandbox.Server.SetChaos(new ChaosOptions { Routes = { ["generate"] = new ChaosRouteOptions { AcceptThenDropRate = 1 } } });
            var dropped = await Assert.ThrowsAnyAsync<Exception>(() => Post(sandbox, SubmitPath, V30Ten));

            Assert.Equal(429, poll.Status);
            Assert.Equal("", poll.Raw);
            Assert.Equal(200, submit.Status);
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.AcceptThenDrop]);
            Assert.Equal(3, sandbox.Server.Ledger.Find(provider: "Jimeng").Count(e => e.Kind == "charge"));
        }

        [Fact]
        public async Task Request_statistics_count_a_submit_as_generate_and_a_result_query_as_jobs_for_the_gateways_key()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            string id = await SubmitTask(sandbox);
            await Result(sandbox, id);
            await Result(sandbox, id);

            var counts = sandbox.Server.Stats.ForKey(NewApiGateway.Key);

            Assert.Equal(1, counts.Group("generate"));
            Assert.Equal(2, counts.Group("jobs"));
            Assert.Equal(3, counts.Requests);
        }

        [Fact]
        public async Task The_sandbox_lists_Jimeng_with_the_gateways_key_and_no_rate_limit_headers()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var jimeng = sandbox.Server.Providers.Single(p => p.Name == "Jimeng");

            Assert.Equal(SandboxServer.NewApiKey, jimeng.ApiKey);
            Assert.False(jimeng.RateLimitHeaders);
        }
    }
}
