using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NanoGpt
{
    /// <summary>The NanoGPT emulator from submit to download, as a client sees it.</summary>
    public class NanoGptVideoTests
    {
        [Fact]
        public async Task Submit_is_202_with_runId_cost_and_remaining_balance_debited_from_the_key()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NanoGptApi.GenerateAsync(sandbox);

            Assert.Equal(202, response.Status);
            var body = response.Json;
            var runId = body.GetProperty("runId").GetString()!;
            Assert.Matches("^vid_[0-9a-z]{14}$", runId);
            Assert.Equal(runId, body.GetProperty("id").GetString());
            Assert.Equal("pending", body.GetProperty("status").GetString());
            Assert.Equal("veo2-video", body.GetProperty("model").GetString());
            Assert.Equal(0.35m, body.GetProperty("cost").GetDecimal());
            Assert.Equal("USD", body.GetProperty("paymentSource").GetString());
            Assert.Equal(99.65m, body.GetProperty("remainingBalance").GetDecimal());
            Assert.Equal(JsonValueKind.String, body.GetProperty("prechargeLabel").ValueKind);
            Assert.StartsWith("req_", response.Header("X-Request-ID"));

            var charge = Assert.Single(sandbox.Server.Ledger.Find(provider: "NanoGPT"));
            Assert.Equal((runId, "charge", 0.35m, "USD"), (charge.JobUid, charge.Kind, charge.Amount, charge.Currency));
            var balance = await NanoGptApi.SendAsync(sandbox, HttpMethod.Post, "check-balance");
            Assert.Equal("99.65000000", balance.Json.GetProperty("usd_balance").GetString());
        }

        [Fact]
        public async Task Status_goes_IN_QUEUE_IN_PROGRESS_COMPLETED_in_both_shapes_with_a_relative_url_that_needs_the_key()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingDuration = TimeSpan.FromMilliseconds(600));
            var runId = await NanoGptApi.SubmitAsync(sandbox);

            var queuedOrLater = await NanoGptApi.GetAsync(sandbox, "video/status?requestId=" + runId);
            Assert.Equal(runId, queuedOrLater.Json.GetProperty("requestId").GetString());
            Assert.Equal("veo2-video", queuedOrLater.Json.GetProperty("model").GetString());
            var inProgress = await NanoGptApi.WaitForStatusAsync(sandbox, runId, "IN_PROGRESS");
            Assert.Equal("processing", inProgress.Json.GetProperty("status").GetString());
            Assert.InRange(inProgress.Json.GetProperty("data").GetProperty("progress").GetInt32(), 0, 99);
            Assert.Equal(JsonValueKind.Null, inProgress.Json.GetProperty("videoUrl").ValueKind);

            var completed = (await NanoGptApi.WaitForStatusAsync(sandbox, runId, "COMPLETED")).Json;
            var data = completed.GetProperty("data");
            Assert.Equal(runId, data.GetProperty("requestId").GetString());
            Assert.Equal(0.35m, data.GetProperty("cost").GetDecimal());
            var url = data.GetProperty("output").GetProperty("video").GetProperty("url").GetString()!;
            Assert.StartsWith("/nanogpt/api/generate-video/content?", url);
            Assert.Contains("runId=" + runId, url);
            Assert.Equal("completed", completed.GetProperty("status").GetString());
            Assert.Equal(url, completed.GetProperty("videoUrl").GetString());
            Assert.Equal(100, completed.GetProperty("progress").GetInt32());
            ApiAssert.IsoUtc(completed.GetProperty("createdAt").GetString());
            ApiAssert.IsoUtc(completed.GetProperty("completedAt").GetString());

            // A client resolves the relative URL against its base URI (origin) and sends its key.
            var absolute = new Uri(sandbox.Server.ProviderBaseUri("NanoGPT"), url);
            using var http = new HttpClient();
            using var withKey = new HttpRequestMessage(HttpMethod.Get, absolute);
            withKey.Headers.Add("x-api-key", NanoGptApi.Key);
            using var file = await http.SendAsync(withKey);
            var bytes = await file.Content.ReadAsByteArrayAsync();
            Assert.Equal(200, (int)file.StatusCode);
            Assert.Equal("video/mp4", file.Content.Headers.ContentType?.MediaType);
            Assert.Equal(sandbox.Server.GetVideoSha256(runId), Convert.ToHexStringLower(SHA256.HashData(bytes)));

            using var ranged = new HttpRequestMessage(HttpMethod.Get, absolute);
            ranged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NanoGptApi.Key);
            ranged.Headers.Range = new RangeHeaderValue(10, 19);
            using var part = await http.SendAsync(ranged);
            Assert.Equal(206, (int)part.StatusCode);
            Assert.Equal(bytes.Skip(10).Take(10), await part.Content.ReadAsByteArrayAsync());

            using var withoutKey = await http.GetAsync(absolute);
            Assert.Equal(401, (int)withoutKey.StatusCode);

            var thumbnail = await NanoGptApi.GetAsync(sandbox, "generate-video/content?runId=" + runId + "&variant=thumbnail");
            Assert.Equal("image/webp", thumbnail.Message.Content.Headers.ContentType?.MediaType);
        }

        [Fact]
        public async Task A_failed_run_reports_FAILED_with_its_error_and_the_balance_is_refunded()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.FailureRate = 1);
            var runId = await NanoGptApi.SubmitAsync(sandbox);

            var failed = (await NanoGptApi.WaitForStatusAsync(sandbox, runId, "FAILED")).Json;

            var data = failed.GetProperty("data");
            Assert.False(string.IsNullOrEmpty(data.GetProperty("error").GetString()));
            Assert.False(data.GetProperty("isNSFWError").GetBoolean());
            Assert.False(string.IsNullOrEmpty(data.GetProperty("userFriendlyError").GetString()));
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.String, failed.GetProperty("error").ValueKind);
            Assert.Equal(new[] { "charge", "refund" }, sandbox.Server.Ledger.Find(jobUid: runId).Select(e => e.Kind));
            var balance = await NanoGptApi.SendAsync(sandbox, HttpMethod.Post, "check-balance");
            Assert.Equal("100.00000000", balance.Json.GetProperty("usd_balance").GetString());
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "generate-video/content?runId=" + runId), 400);
        }

        [Fact]
        public async Task The_deprecated_status_endpoint_and_the_runId_alias_answer_too()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var runId = await NanoGptApi.SubmitAsync(sandbox);
            await NanoGptApi.WaitForStatusAsync(sandbox, runId, "COMPLETED");

            Assert.Equal("COMPLETED", (await NanoGptApi.GetAsync(sandbox, "video/status?runId=" + runId)).Json.GetProperty("data").GetProperty("status").GetString());
            foreach (var query in new[] { "?runId=" + runId + "&model=veo2-video", "?runId=" + runId + "&modelSlug=veo2-video", "?runId=" + runId })
            {
                var legacy = await NanoGptApi.GetAsync(sandbox, "generate-video/status" + query);
                Assert.Equal(200, legacy.Status);
                var data = legacy.Json.GetProperty("data");
                Assert.Equal("COMPLETED", data.GetProperty("status").GetString());
                Assert.Equal(runId, data.GetProperty("request_id").GetString());
                Assert.StartsWith("/nanogpt/api/generate-video/content?", data.GetProperty("output").GetProperty("video").GetProperty("url").GetString());
            }
        }

        [Fact]
        public async Task Recover_lists_the_keys_recent_runs_newest_first_with_limit_and_model_filter()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var first = await NanoGptApi.SubmitAsync(sandbox);
            var second = await NanoGptApi.SubmitAsync(sandbox, "{\"model\":\"kling-v21-standard\",\"prompt\":\"x\"}");
            var third = await NanoGptApi.SubmitAsync(sandbox);

            var all = await NanoGptApi.GetAsync(sandbox, "generate-video/recover");
            Assert.Equal(new[] { third, second, first }, all.Json.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
            var limited = await NanoGptApi.GetAsync(sandbox, "generate-video/recover?limit=1");
            Assert.Equal(third, limited.Json.GetProperty("data").EnumerateArray().Single().GetProperty("id").GetString());
            var veo = await NanoGptApi.GetAsync(sandbox, "generate-video/recover?model=veo2-video");
            Assert.Equal(new[] { third, first }, veo.Json.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "generate-video/recover?limit=51"), 400);
        }

        [Theory]
        [InlineData("{\"model\":\"sora-2\",\"prompt\":\"x\",\"seconds\":\"8\",\"orientation\":\"portrait\"}", 0.8)]
        [InlineData("{\"model\":\"veo2-video\",\"prompt\":\"x\",\"duration\":\"6s\",\"aspect_ratio\":\"9:16\"}", 0.42)]
        [InlineData("{\"model\":\"seedance-lite-video\",\"prompt\":\"x\",\"resolution\":\"1080p\"}", 1.8)]
        [InlineData("{\"model\":\"kling-v21-standard\",\"imageUrl\":\"https://example.com/a.jpg\"}", 0.25)]
        [InlineData("{\"model\":\"kling-v21-standard\",\"prompt\":\"x\",\"imageDataUrl\":\"data:image/png;base64,iVBORw0KGgo=\",\"unknown_extra\":true}", 0.25)]
        public async Task Model_options_are_accepted_and_priced(string body, double cost)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NanoGptApi.GenerateAsync(sandbox, body);

            Assert.True(response.Status == 202, response.Raw);
            Assert.Equal((decimal)cost, response.Json.GetProperty("cost").GetDecimal());
        }
    }
}
