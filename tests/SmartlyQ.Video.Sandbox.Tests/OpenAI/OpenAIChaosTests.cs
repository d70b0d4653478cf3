using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary>The shared chaos knobs on the OpenAI routes, every injected error in OpenAI's envelope.</summary>
    public class OpenAIChaosTests
    {
        private static HttpRequestMessage Create(string body = "{\"prompt\":\"x\"}")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, OpenAIApi.Videos) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAIApi.Key);
            return request;
        }

        [Fact]
        public async Task Server_errors_are_OpenAI_server_errors_or_gateway_pages_and_create_nothing()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { ServerErrorRate = 1, Seed = 7 });
            var statuses = new HashSet<int>();
            var json = 0;
            for (var i = 0; i < 20; i++)
            {
                using var request = Create();
                using var response = await sandbox.Http.SendAsync(request);
                var parsed = new ApiResponse(response, await response.Content.ReadAsStringAsync());
                statuses.Add(parsed.Status);
                if (response.Content.Headers.ContentType?.MediaType == "text/html") continue;
                OpenAIApi.Error(parsed, parsed.Status, null, type: "server_error");
                json++;
            }

            Assert.Equal(new[] { 500, 502, 503 }, statuses.OrderBy(s => s));
            Assert.True(json > 0);
            Assert.Equal(20, sandbox.Server.Chaos.Injected[ChaosFaultKinds.ServerError]);
            sandbox.Server.Chaos.Disable();
            Assert.Empty(sandbox.Server.Ledger.Entries);
            Assert.Empty((await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key)).Json.GetProperty("data").EnumerateArray());
        }

        [Fact]
        public async Task Rate_limit_burst_is_an_OpenAI_429_with_retry_after_and_no_remaining_requests()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions
            {
                RateLimitRetryAfterSeconds = 2,
                Routes = { [OpenAIRouteNames.List] = new ChaosRouteOptions { RateLimitBurstRate = 1 } },
            });

            var limited = await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key);

            OpenAIApi.Error(limited, 429, "rate_limit_exceeded", type: "requests");
            Assert.Equal("2", limited.Header("retry-after"));
            Assert.Equal("0", limited.Header("x-ratelimit-remaining-requests"));
            // Only the listed route is faulted.
            Assert.Equal(200, (await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"x\"}")).Status);
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.RateLimitBurst]);
        }

        [Fact]
        public async Task Connection_reset_is_a_network_error_and_nothing_is_created()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { ConnectionResetRate = 1 });

            using var request = Create();
            await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.Http.SendAsync(request));

            sandbox.Server.Chaos.Disable();
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Accept_then_drop_creates_and_charges_the_video_but_the_client_gets_no_answer()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { AcceptThenDropRate = 1 });

            using var request = Create();
            await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.Http.SendAsync(request));
            // A refused request created nothing, so it is delivered.
            OpenAIApi.Error(await OpenAIApi.CreateAsync(sandbox, "{}"), 400, "missing_required_parameter", "prompt");

            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.AcceptThenDrop]);
            sandbox.Server.Chaos.Disable();
            var listed = (await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key)).Json.GetProperty("data");
            var video = Assert.Single(listed.EnumerateArray());
            Assert.Single(sandbox.Server.Ledger.Find(jobUid: video.GetProperty("id").GetString()));
        }

        [Fact]
        public async Task Truncated_content_declares_the_full_length_then_cuts_and_range_resumes_to_the_exact_file()
        {
            await using var sandbox = await TestSandbox.StartAsync(OpenAIApi.Fast);
            var id = await OpenAIApi.CreateIdAsync(sandbox);
            await OpenAIApi.WaitForStatusAsync(sandbox, id, "completed");
            var expected = sandbox.Server.GetVideoLength(id);
            sandbox.Server.SetChaos(new ChaosOptions { Routes = { [ChaosRouteNames.FilesGroup] = new ChaosRouteOptions { TruncatedDownloadRate = 1 } } });

            using var file = new MemoryStream();
            var attempts = 0;
            while (file.Length < expected)
            {
                Assert.True(attempts++ < 200, "resuming did not converge");
                using var request = new HttpRequestMessage(HttpMethod.Get, OpenAIApi.Videos + "/" + id + "/content");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAIApi.Key);
                if (file.Length > 0) request.Headers.Range = new RangeHeaderValue(file.Length, null);
                using var response = await sandbox.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(file.Length > 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(expected - file.Length, response.Content.Headers.ContentLength);
                var before = file.Length;
                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync();
                    await body.CopyToAsync(file);
                }
                catch (Exception ex) when (ex is IOException || ex is HttpRequestException) { }
                Assert.True(file.Length > before, "an answer brought no bytes");
            }

            Assert.True(attempts >= 2);
            Assert.Equal(sandbox.Server.GetVideoSha256(id), Convert.ToHexStringLower(SHA256.HashData(file.ToArray())));
            Assert.True(sandbox.Server.Chaos.Injected[ChaosFaultKinds.TruncatedDownload] >= 1);
        }
    }
}
