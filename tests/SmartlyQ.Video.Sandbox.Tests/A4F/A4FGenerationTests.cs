using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.A4F
{
    /// <summary>
    /// The A4F emulator at <c>/a4f/v1</c>: the synchronous generation answers with the video as base64 (streamed, with
    /// its length announced), validation per the documented table, A4F's error envelope, the model list, and a cut in the
    /// middle of the base64.
    /// </summary>
    public class A4FGenerationTests
    {
        private const string Key = SandboxServer.A4FKey;
        private const string Kling = "{\"model\":\"provider-2/kling-v2.1\",\"prompt\":\"A lighthouse at dawn\",\"quality\":\"720p\",\"duration\":5,\"ratio\":\"16:9\"}";

        private static Task<TestSandbox> Start(Action<SandboxOptions>? change = null) => TestSandbox.StartAsync(o =>
        {
            o.QueuedDuration = TimeSpan.FromMilliseconds(50);
            o.ProcessingDuration = TimeSpan.FromMilliseconds(100);
            change?.Invoke(o);
        });

        private static Task<ApiResponse> Generate(TestSandbox sandbox, string body = Kling, string? key = Key, string? clientId = null)
            => sandbox.SendAsync(HttpMethod.Post, "a4f/v1/video/generations", key, body,
                clientId == null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-Client-Request-Id"] = clientId });

        private static void A4FError(ApiResponse response, int status, string type, string? param = null)
        {
            Assert.True(status == response.Status, $"Expected {status}, got {response.Status}: {response.Raw}");
            JsonElement error = response.Json.GetProperty("error");
            Assert.Equal(type, error.GetProperty("type").GetString());
            Assert.Equal(type, error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
            if (param != null) Assert.Equal(param, error.GetProperty("param").GetString());
        }

        [Fact]
        public async Task A_generation_answers_with_the_video_as_base64_of_the_announced_length_charged_once()
        {
            await using var sandbox = await Start();
            string id = "a4f_" + new string('a', 32);

            var response = await Generate(sandbox, clientId: id);

            Assert.True(response.Status == 200, response.Raw);
            Assert.Equal(response.Raw.Length, response.Message.Content.Headers.ContentLength);
            Assert.True(response.Json.GetProperty("created").GetInt64() > 1_700_000_000);
            JsonElement item = Assert.Single(response.Json.GetProperty("data").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, item.GetProperty("url").ValueKind);
            byte[] video = Convert.FromBase64String(item.GetProperty("b64_json").GetString()!);
            Assert.Equal("ftyp", Encoding.ASCII.GetString(video, 4, 4));
            Assert.Equal(sandbox.Server.GetVideoSha256(id), Convert.ToHexStringLower(SHA256.HashData(video)));
            Assert.Single(sandbox.Server.Ledger.Entries, e => e.Kind == SandboxLedgerEntry.ChargeKind && e.Provider == "A4F");
        }

        [Fact]
        public async Task A_200_MB_video_is_streamed_whole()
        {
            await using var sandbox = await Start(o => o.VideoSizeBytes = 200L * 1024 * 1024);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox.Server.RootUri, "a4f/v1/video/generations"))
            {
                Content = new StringContent(Kling, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

            using var answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using Stream body = await answer.Content.ReadAsStreamAsync();
            long total = 0;
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) total += read;

            Assert.Equal(200, (int)answer.StatusCode);
            Assert.Equal(answer.Content.Headers.ContentLength, total);
            Assert.True(total > 200L * 1024 * 1024 * 4 / 3, "the base64 of 200 MB");
        }

        [Theory]
        [InlineData("{\"prompt\":\"p\",\"quality\":\"720p\",\"duration\":5}", "invalid_request_error", "model")]
        [InlineData("{\"model\":\"provider-2/kling-v2.1\",\"quality\":\"720p\",\"duration\":5}", "invalid_request_error", "prompt")]
        [InlineData("{\"model\":\"provider-2/kling-v2.1\",\"prompt\":\"p\",\"duration\":5}", "invalid_request_error", "quality")]
        [InlineData("{\"model\":\"provider-2/kling-v2.1\",\"prompt\":\"p\",\"quality\":\"720p\",\"duration\":\"5\"}", "invalid_request_error", "duration")]
        [InlineData("{\"model\":\"provider-2/kling-v2.1\",\"prompt\":\"p\",\"quality\":\"720p\",\"duration\":9}", "invalid_request_error", "duration")]
        [InlineData("{\"model\":\"provider-2/kling-v2.1\",\"prompt\":\"p\",\"quality\":\"720p\",\"duration\":5,\"ratio\":\"2:1\"}", "invalid_request_error", "ratio")]
        [InlineData("{\"model\":\"provider-2/sora-2\",\"prompt\":\"p\",\"quality\":\"720p\",\"duration\":5}", "n_exceeds_model_limit", "duration")]
        [InlineData("{\"model\":\"provider-2/seedance-lite\",\"prompt\":\"p\",\"quality\":\"720p\",\"duration\":5}", "n_exceeds_model_limit", "quality")]
        [InlineData("{\"model\":\"no-such-model\",\"prompt\":\"p\",\"quality\":\"720p\",\"duration\":5}", "invalid_request_error", "model")]
        public async Task A_body_outside_the_documented_limits_is_a_400_in_A4Fs_envelope_that_charges_nothing(string body, string type, string param)
        {
            await using var sandbox = await Start();

            A4FError(await Generate(sandbox, body), 400, type, param);

            Assert.DoesNotContain(sandbox.Server.Ledger.Entries, e => e.Provider == "A4F");
        }

        [Theory]
        [InlineData(null)]
        [InlineData("ddc-a4f-ffffffffffffffffffffffffffffffff")]
        public async Task A_missing_or_unknown_key_is_401_invalid_api_key_on_every_route(string? key)
        {
            await using var sandbox = await Start();

            A4FError(await Generate(sandbox, key: key), 401, "invalid_api_key");
            A4FError(await sandbox.SendAsync(HttpMethod.Get, "a4f/v1/models", key), 401, "invalid_api_key");
        }

        [Fact]
        public async Task A_generation_the_provider_fails_is_500_provider_error()
        {
            await using var sandbox = await Start(o => o.FailureRate = 1);

            A4FError(await Generate(sandbox), 500, "provider_error");
        }

        [Fact]
        public async Task The_model_list_names_the_video_models_with_their_type_and_filters_by_type()
        {
            await using var sandbox = await Start();

            var all = await sandbox.SendAsync(HttpMethod.Get, "a4f/v1/models", Key);
            var video = await sandbox.SendAsync(HttpMethod.Get, "a4f/v1/models?type=video/generations", Key);

            Assert.Equal("list", all.Json.GetProperty("object").GetString());
            var ids = video.Json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToArray();
            Assert.Contains("provider-2/kling-v2.1", ids);
            Assert.Equal(7, ids.Length);
            Assert.True(all.Json.GetProperty("data").GetArrayLength() > ids.Length);
            Assert.All(video.Json.GetProperty("data").EnumerateArray(), m => Assert.Equal("video/generations", m.GetProperty("type").GetString()));
        }

        [Fact]
        public async Task Chaos_can_cut_the_answer_in_the_middle_of_the_base64_after_the_charge()
        {
            await using var sandbox = await Start(o => o.Chaos = new ChaosOptions { Routes = new Dictionary<string, ChaosRouteOptions> { [A4FRouteNames.Generate] = new ChaosRouteOptions { TruncatedDownloadRate = 1 } }, Seed = 3 });
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox.Server.RootUri, "a4f/v1/video/generations"))
            {
                Content = new StringContent(Kling, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                using var answer = await http.SendAsync(request);
                await answer.Content.ReadAsStringAsync();
            });

            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.TruncatedDownload]);
            Assert.Single(sandbox.Server.Ledger.Entries, e => e.Kind == SandboxLedgerEntry.ChargeKind && e.Provider == "A4F");
        }
    }
}
