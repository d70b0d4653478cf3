using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary>Every error of the OpenAI emulator is OpenAI's envelope with the status, code and param a client branches on.</summary>
    public class OpenAIErrorTests
    {
        [Fact]
        public async Task Missing_key_is_401_and_a_wrong_or_other_providers_key_is_401_invalid_api_key()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            OpenAIApi.Error(await sandbox.GetAsync(OpenAIApi.Videos, key: null), 401, null);
            var wrong = OpenAIApi.Error(await sandbox.GetAsync(OpenAIApi.Videos, "sk-wrong-key-0000000000000000"), 401, "invalid_api_key");
            Assert.DoesNotContain("sk-wrong-key-0000000000000000", wrong.GetProperty("message").GetString());
            // A SmartlyQ key is not an OpenAI key, and the OpenAI key is not a SmartlyQ key.
            OpenAIApi.Error(await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"x\"}", SandboxServer.LiveKey), 401, "invalid_api_key");
            ApiAssert.Error(await sandbox.GetAsync("v1/me", OpenAIApi.Key), 401, "UNAUTHORIZED");
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Theory]
        [InlineData("{}", "prompt", "missing_required_parameter")]
        [InlineData("{\"prompt\":\"\"}", "prompt", "string_below_min_length")]
        [InlineData("{\"prompt\":42}", "prompt", "invalid_type")]
        [InlineData("{\"prompt\":\"x\",\"seconds\":\"5\"}", "seconds", "invalid_value")]
        [InlineData("{\"prompt\":\"x\",\"size\":\"640x480\"}", "size", "invalid_value")]
        [InlineData("{\"prompt\":\"x\",\"size\":\"1792x1024\"}", "size", "invalid_value")]
        [InlineData("{\"prompt\":\"x\",\"model\":\"sora-2\",\"size\":\"1920x1080\"}", "size", "invalid_value")]
        [InlineData("{\"prompt\":\"x\",\"model\":\"sora-3\"}", "model", "invalid_value")]
        [InlineData("{\"prompt\":\"x\",\"n\":2}", "n", "unknown_parameter")]
        [InlineData("{\"prompt\":\"x\",\"input_reference\":\"https://example.com/a.png\"}", "input_reference", "invalid_type")]
        [InlineData("{\"prompt\":\"x\",\"input_reference\":{}}", "input_reference", "invalid_value")]
        [InlineData("{\"prompt\":\"x\",\"input_reference\":{\"image_url\":\"https://example.com/a.png\",\"file_id\":\"file-1\"}}", "input_reference", "invalid_value")]
        [InlineData("{\"prompt\":\"x\",\"input_reference\":{\"image_url\":\"not a url\"}}", "input_reference.image_url", "invalid_value")]
        [InlineData("{\"prompt\":\"x\",\"input_reference\":{\"file_id\":\"abc\"}}", "input_reference.file_id", "invalid_value")]
        public async Task Invalid_create_bodies_are_400_naming_the_param(string body, string param, string code)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            OpenAIApi.Error(await OpenAIApi.CreateAsync(sandbox, body), 400, code, param);

            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Integer_seconds_is_the_real_400_message()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var error = OpenAIApi.Error(await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"x\",\"seconds\":8}"), 400, "invalid_type", "seconds");

            Assert.Equal("Invalid type for 'seconds': expected one of '4', '8', or '12', but got an integer instead.", error.GetProperty("message").GetString());
        }

        [Theory]
        [InlineData("sora-2", "720x1280", "16")]
        [InlineData("sora-2", "1280x720", "20")]
        [InlineData("sora-2-pro", "1920x1080", "4")]
        [InlineData("sora-2-pro", "1080x1920", "8")]
        [InlineData("sora-2-pro-2025-10-06", "1024x1792", "12")]
        [InlineData("sora-2-2025-12-08", "1280x720", "4")]
        public async Task Sizes_and_lengths_per_model_follow_the_research_sheet(string model, string size, string seconds)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await OpenAIApi.CreateAsync(sandbox, $"{{\"prompt\":\"x\",\"model\":\"{model}\",\"size\":\"{size}\",\"seconds\":\"{seconds}\"}}");

            Assert.True(response.Status == 200, response.Raw);
            Assert.Equal(size, response.Json.GetProperty("size").GetString());
        }

        [Fact]
        public async Task Unparsable_json_and_unsupported_content_types_are_400()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            OpenAIApi.Error(await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":"), 400, null);
            OpenAIApi.Error(await OpenAIApi.PostRawAsync(sandbox, OpenAIApi.Videos, "prompt=x", "text/plain"), 400, "unsupported_content_type");
            using var badFile = new MultipartFormDataContent { { new StringContent("x"), "prompt" } };
            var pdf = new ByteArrayContent(new byte[] { 1, 2, 3 });
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            badFile.Add(pdf, "input_reference", "a.pdf");
            OpenAIApi.Error(await OpenAIApi.PostMultipartAsync(sandbox, OpenAIApi.Videos, badFile), 400, "invalid_value", "input_reference");
        }

        [Fact]
        public async Task Unknown_ids_are_404_video_not_found_on_every_route_and_other_keys_videos_are_unknown()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.OpenAI.Keys.Add(new SandboxKey { Key = "sk-sandbox-second-key" }));
            var mine = await OpenAIApi.CreateIdAsync(sandbox);
            var unknown = "video_" + new string('a', 48);

            foreach (var (method, path) in new[]
            {
                (HttpMethod.Get, unknown), (HttpMethod.Delete, unknown), (HttpMethod.Get, unknown + "/content"),
            })
            {
                OpenAIApi.Error(await sandbox.SendAsync(method, OpenAIApi.Videos + "/" + path, OpenAIApi.Key), 404, "video_not_found", "video_id");
            }
            OpenAIApi.Error(await sandbox.GetAsync(OpenAIApi.Videos + "/" + mine, "sk-sandbox-second-key"), 404, "video_not_found", "video_id");
            Assert.Empty((await sandbox.GetAsync(OpenAIApi.Videos, "sk-sandbox-second-key")).Json.GetProperty("data").EnumerateArray());
        }

        [Fact]
        public async Task Content_before_completion_is_400_video_not_ready_and_a_bad_variant_is_400()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.QueuedDuration = TimeSpan.FromMinutes(5));
            var id = await OpenAIApi.CreateIdAsync(sandbox);

            OpenAIApi.Error(await sandbox.GetAsync(OpenAIApi.Videos + "/" + id + "/content", OpenAIApi.Key), 400, "video_not_ready", "video_id");
            OpenAIApi.Error(await sandbox.GetAsync(OpenAIApi.Videos + "/" + id + "/content?variant=poster", OpenAIApi.Key), 400, "invalid_value", "variant");
        }

        [Fact]
        public async Task Unknown_routes_and_methods_answer_in_OpenAIs_envelope()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var route = OpenAIApi.Error(await sandbox.GetAsync("openai/v1/images", OpenAIApi.Key), 404, null);
            Assert.Equal("Invalid URL (GET /v1/images)", route.GetProperty("message").GetString());
            OpenAIApi.Error(await sandbox.SendAsync(HttpMethod.Put, OpenAIApi.Videos, OpenAIApi.Key), 405, null);
        }

        [Fact]
        public async Task Invalid_keys_in_configuration_fail_at_start()
        {
            var options = new SandboxOptions();
            options.OpenAI.Keys.Add(new SandboxKey { Key = "not-an-sk-key" });
            await Assert.ThrowsAnyAsync<ArgumentException>(() => SandboxServer.StartAsync(options));

            var clash = new SandboxOptions();
            clash.OpenAI.Keys.Add(new SandboxKey { Key = SandboxServer.OpenAIKey });
            await Assert.ThrowsAnyAsync<ArgumentException>(() => SandboxServer.StartAsync(clash));
        }
    }
}
