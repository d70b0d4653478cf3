using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NanoGpt
{
    /// <summary>NanoGPT's error shapes and statuses, as a client branches on them.</summary>
    public class NanoGptErrorTests
    {
        [Fact]
        public async Task Keys_are_read_from_x_api_key_or_bearer_and_anything_else_is_401()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var bearer = await sandbox.PostAsync(NanoGptApi.Base + "generate-video", NanoGptApi.Veo5, NanoGptApi.Key);
            Assert.Equal(202, bearer.Status);
            NanoGptApi.Error(await NanoGptApi.GenerateAsync(sandbox, key: null), 401);
            NanoGptApi.Error(await NanoGptApi.GenerateAsync(sandbox, key: "sk-nano-wrong"), 401);
            NanoGptApi.Error(await NanoGptApi.GenerateAsync(sandbox, key: SandboxServer.LiveKey), 401);
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "video/status?requestId=x", key: SandboxServer.OpenAIKey), 401);
            Assert.Single(sandbox.Server.Ledger.Entries);
        }

        [Theory]
        [InlineData("{")]
        [InlineData("[1]")]
        [InlineData("{\"prompt\":\"x\"}")]
        [InlineData("{\"model\":\"veo3-unknown\",\"prompt\":\"x\"}")]
        [InlineData("{\"model\":\"veo2-video\"}")]
        [InlineData("{\"model\":\"veo2-video\",\"prompt\":\"x\",\"duration\":5}")]
        [InlineData("{\"model\":\"veo2-video\",\"prompt\":\"x\",\"duration\":\"60\"}")]
        [InlineData("{\"model\":\"veo2-video\",\"prompt\":\"x\",\"aspect_ratio\":\"1:1\"}")]
        [InlineData("{\"model\":\"veo2-video\",\"prompt\":\"x\",\"resolution\":\"4k\"}")]
        [InlineData("{\"model\":\"veo2-video\",\"prompt\":\"x\",\"imageUrl\":\"http://example.com/a.jpg\"}")]
        [InlineData("{\"model\":\"sora-2\",\"prompt\":\"x\",\"seconds\":\"5\"}")]
        [InlineData("{\"model\":\"sora-2\",\"prompt\":\"x\",\"orientation\":\"sideways\"}")]
        public async Task Invalid_submissions_are_400_error_message_and_charge_nothing(string body)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            NanoGptApi.Error(await NanoGptApi.GenerateAsync(sandbox, body), 400);

            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Not_enough_balance_is_the_legacy_402_with_the_required_balance()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.NanoGpt.Keys[0].Balance = 0.1m);

            var response = await NanoGptApi.GenerateAsync(sandbox);

            Assert.Equal(402, response.Status);
            Assert.Equal("Insufficient balance", response.Json.GetProperty("error").GetString());
            Assert.Equal(0.35m, response.Json.GetProperty("requiredBalance").GetDecimal());
            Assert.Equal(402, response.Json.GetProperty("status").GetInt32());
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Status_needs_an_id_unknown_is_404_and_another_accounts_run_is_403()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.NanoGpt.Keys.Add(new SandboxKey { Key = "3f2a9c1e-0000-4000-8000-000000000001", Balance = 10 }));
            var theirs = await NanoGptApi.SubmitAsync(sandbox, key: "3f2a9c1e-0000-4000-8000-000000000001");
            var smartlyq = await sandbox.SubmitAsync();

            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "video/status"), 400);
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "generate-video/status"), 400);
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "video/status?requestId=vid_00000000000000"), 404);
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "video/status?requestId=" + smartlyq), 404);
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "video/status?requestId=" + theirs), 403);
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "generate-video/content?runId=" + theirs), 403);
            Assert.Equal(200, (await NanoGptApi.GetAsync(sandbox, "video/status?requestId=" + theirs, "3f2a9c1e-0000-4000-8000-000000000001")).Status);
        }

        [Fact]
        public async Task Content_before_completion_and_bad_variants_are_400()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.QueuedDuration = TimeSpan.FromMinutes(5));
            var runId = await NanoGptApi.SubmitAsync(sandbox);

            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "generate-video/content?runId=" + runId), 400);
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "generate-video/content?runId=" + runId + "&variant=gif"), 400);
            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "generate-video/content"), 400);
        }

        [Fact]
        public async Task Unknown_routes_are_404_in_the_shape_of_their_surface()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            NanoGptApi.Error(await NanoGptApi.GetAsync(sandbox, "generate-image"), 404);
            NanoGptApi.OpenAIStyleError(await NanoGptApi.GetAsync(sandbox, "v1/chat/completions"), 404, "invalid_request_error");
        }
    }
}
