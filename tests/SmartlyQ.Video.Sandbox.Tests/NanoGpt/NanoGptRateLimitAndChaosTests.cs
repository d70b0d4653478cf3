using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NanoGpt
{
    /// <summary>The shared limiter, statistics and chaos on the NanoGPT routes, in NanoGPT's shapes (no rate-limit headers, Retry-After on 429).</summary>
    public class NanoGptRateLimitAndChaosTests
    {
        [Fact]
        public async Task Over_the_limit_is_an_OpenAI_style_429_with_retry_after_and_no_rate_limit_headers_anywhere()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => { o.RateLimitPermits = 2; o.RateLimitWindow = TimeSpan.FromSeconds(30); });
            var answers = new List<ApiResponse>
            {
                await NanoGptApi.GenerateAsync(sandbox),
                await NanoGptApi.GetAsync(sandbox, "video/status"),
            };

            var limited = await NanoGptApi.GetAsync(sandbox, "video/status?requestId=x");
            answers.Add(limited);

            var error = NanoGptApi.OpenAIStyleError(limited, 429, "rate_limit_error");
            Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
            Assert.InRange(int.Parse(limited.Header("Retry-After")!), 1, 31);
            foreach (var answer in answers)
            {
                Assert.DoesNotContain(answer.Message.Headers, h => h.Key.StartsWith("X-RateLimit", StringComparison.OrdinalIgnoreCase));
            }
            Assert.Equal(1, sandbox.Server.Stats.ForKey(NanoGptApi.Key).RateLimited);
            // The key's own window: SmartlyQ's keys are unaffected.
            ApiAssert.Success(await sandbox.GetAsync("v1/me"));
        }

        [Fact]
        public async Task Requests_are_counted_per_key_and_group()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var runId = await NanoGptApi.SubmitAsync(sandbox);
            await NanoGptApi.WaitForStatusAsync(sandbox, runId, "COMPLETED");
            await NanoGptApi.GetAsync(sandbox, "generate-video/content?runId=" + runId);
            await NanoGptApi.GetAsync(sandbox, "v1/video-models");
            await NanoGptApi.SendAsync(sandbox, HttpMethod.Post, "check-balance");
            await NanoGptApi.GetAsync(sandbox, "v1/video-models", key: null);

            var mine = sandbox.Server.Stats.ForKey(NanoGptApi.Key);
            Assert.Equal(1, mine.Group("generate"));
            Assert.True(mine.Group("jobs") >= 1);
            Assert.Equal(1, mine.Group("files"));
            Assert.Equal(1, mine.Group("models"));
            Assert.Equal(1, mine.Group("account"));
            Assert.Equal(1, sandbox.Server.Stats.Anonymous.Group("models"));
        }

        [Fact]
        public async Task Injected_server_errors_use_the_error_status_message_shape_or_a_gateway_page_and_create_nothing()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { ServerErrorRate = 1, Seed = 3 });
            var json = 0;
            for (var i = 0; i < 12; i++)
            {
                var response = await NanoGptApi.GenerateAsync(sandbox);
                Assert.Contains(response.Status, new[] { 500, 502, 503 });
                if (response.Message.Content.Headers.ContentType?.MediaType == "text/html") continue;
                NanoGptApi.Error(response, response.Status);
                json++;
            }
            var models = await NanoGptApi.GetAsync(sandbox, "v1/video-models");
            if (models.Message.Content.Headers.ContentType?.MediaType != "text/html")
                NanoGptApi.OpenAIStyleError(models, models.Status, "server_error");

            Assert.True(json > 0);
            sandbox.Server.Chaos.Disable();
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task A_rate_limit_burst_is_429_with_retry_after_and_accept_then_drop_still_charges_the_run()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions
            {
                RateLimitRetryAfterSeconds = 4,
                Routes =
                {
                    [NanoGptRouteNames.Status] = new ChaosRouteOptions { RateLimitBurstRate = 1 },
                    [NanoGptRouteNames.Generate] = new ChaosRouteOptions { AcceptThenDropRate = 1 },
                },
            });

            var burst = await NanoGptApi.GetAsync(sandbox, "video/status?requestId=x");
            NanoGptApi.OpenAIStyleError(burst, 429, "rate_limit_error");
            Assert.Equal("4", burst.Header("Retry-After"));

            await Assert.ThrowsAsync<HttpRequestException>(() => NanoGptApi.GenerateAsync(sandbox));
            var run = Assert.Single(sandbox.Server.Ledger.Find(provider: "NanoGPT"));
            sandbox.Server.Chaos.Disable();
            Assert.Equal(200, (await NanoGptApi.GetAsync(sandbox, "video/status?requestId=" + run.JobUid)).Status);
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.AcceptThenDrop]);
        }

        [Fact]
        public async Task Truncated_content_resumes_with_range_to_the_exact_file()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var runId = await NanoGptApi.SubmitAsync(sandbox);
            var url = (await NanoGptApi.WaitForStatusAsync(sandbox, runId, "COMPLETED")).Json.GetProperty("videoUrl").GetString()!;
            var expected = sandbox.Server.GetVideoLength(runId);
            sandbox.Server.SetChaos(new ChaosOptions { Routes = { [NanoGptRouteNames.Content] = new ChaosRouteOptions { TruncatedDownloadRate = 1 } } });

            using var http = new HttpClient { BaseAddress = sandbox.Server.RootUri };
            using var file = new MemoryStream();
            var attempts = 0;
            while (file.Length < expected)
            {
                Assert.True(attempts++ < 200, "resuming did not converge");
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add("x-api-key", NanoGptApi.Key);
                if (file.Length > 0) request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(file.Length, null);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(file.Length > 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK, response.StatusCode);
                var before = file.Length;
                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync();
                    await body.CopyToAsync(file);
                }
                catch (Exception ex) when (ex is IOException || ex is HttpRequestException) { }
                Assert.True(file.Length > before);
            }

            Assert.True(attempts >= 2);
            Assert.Equal(sandbox.Server.GetVideoSha256(runId), Convert.ToHexStringLower(SHA256.HashData(file.ToArray())));
        }
    }
}
