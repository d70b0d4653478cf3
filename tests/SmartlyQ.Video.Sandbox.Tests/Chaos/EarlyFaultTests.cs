using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Chaos
{
    /// <summary>Faults answered before the endpoint runs: 5xx, 429, reset, slow. None of them may leave a job or a charge behind.</summary>
    public class EarlyFaultTests
    {
        private static async Task AssertNothingHappenedAsync(TestSandbox sandbox)
        {
            sandbox.Server.Chaos.Disable();
            Assert.Empty(sandbox.Server.Ledger.Entries);
            foreach (var key in new[] { TestSandbox.Live, TestSandbox.Test })
                Assert.Equal(0, (await sandbox.GetAsync("v1/jobs", key)).Json.GetProperty("pagination").GetProperty("total").GetInt32());
        }

        [Fact]
        public async Task Server_errors_are_500_502_or_503_with_the_envelope_or_a_gateway_page_and_no_side_effects()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { ServerErrorRate = 1, Seed = 7 });
            var statuses = new HashSet<int>();
            var html = 0;
            var json = 0;
            for (var i = 0; i < 30; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/videos/generate") { Content = new StringContent(Bodies.Kling5) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", i % 2 == 0 ? TestSandbox.Live : TestSandbox.Test);
                using var response = await sandbox.Http.SendAsync(request);
                var status = (int)response.StatusCode;
                var raw = await response.Content.ReadAsStringAsync();
                Assert.Contains(status, new[] { 500, 502, 503 });
                statuses.Add(status);
                if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    Assert.NotEqual(500, status);
                    Assert.Contains($"<title>{status} ", raw);
                    html++;
                }
                else
                {
                    var parsed = new ApiResponse(response, raw);
                    ApiAssert.Error(parsed, status, "INTERNAL_ERROR");
                    json++;
                }
            }

            Assert.Equal(new[] { 500, 502, 503 }, statuses.OrderBy(s => s));
            Assert.True(html > 0 && json > 0, $"expected both body kinds, got {html} HTML and {json} JSON");
            Assert.Equal(30, sandbox.Server.Chaos.Injected[ChaosFaultKinds.ServerError]);
            await AssertNothingHappenedAsync(sandbox);
        }

        [Theory]
        [InlineData("openapi", "RATE_LIMIT_EXCEEDED")]
        [InlineData("docs", "RATE_LIMITED")]
        public async Task Rate_limit_burst_is_429_with_the_configured_retry_after_whatever_the_pace(string style, string code)
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.ErrorCodeStyle = style;
                o.Chaos = new ChaosOptions { RateLimitBurstRate = 1, RateLimitRetryAfterSeconds = 3 };
            });

            var response = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, TestSandbox.Test);

            ApiAssert.Error(response, 429, code);
            Assert.Equal("3", response.Header("Retry-After"));
            Assert.Equal("0", response.Header("X-RateLimit-Remaining"));
            Assert.Equal(3, response.Error.GetProperty("details").GetProperty("retry_after").GetInt32());
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.RateLimitBurst]);
            await AssertNothingHappenedAsync(sandbox);
        }

        [Fact]
        public async Task Retry_after_defaults_to_one_second()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { RateLimitBurstRate = 1 });
            var response = await sandbox.GetAsync("v1/me");
            Assert.Equal(429, response.Status);
            Assert.Equal("1", response.Header("Retry-After"));
        }

        [Fact]
        public async Task Connection_reset_is_a_network_error_on_the_client_and_nothing_happens()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { ConnectionResetRate = 1 });

            await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "reset-1"));
            await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, TestSandbox.Test));
            await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.GetAsync("v1/jobs"));

            Assert.Equal(3, sandbox.Server.Chaos.Injected[ChaosFaultKinds.ConnectionReset]);
            await AssertNothingHappenedAsync(sandbox);
            // The idempotency key was never reserved, so the retry runs normally.
            ApiAssert.Success(await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "reset-1"), 202);
            Assert.Single(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Slow_response_still_answers_and_a_client_that_gives_up_first_creates_nothing()
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
                o.Chaos = new ChaosOptions { SlowResponseRate = 1, SlowResponseDelay = TimeSpan.FromSeconds(1) });

            using (var impatient = new HttpClient { BaseAddress = sandbox.Server.RootUri, Timeout = TimeSpan.FromMilliseconds(200) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/videos/generate") { Content = new StringContent(Bodies.Kling5) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSandbox.Live);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.SendAsync(request));
            }
            // Wait past the delay: had the server ignored the disconnect, the job would exist by now.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.Empty(sandbox.Server.Ledger.Entries);

            sandbox.Server.SetChaos(new ChaosOptions { SlowResponseRate = 1, SlowResponseDelay = TimeSpan.FromMilliseconds(200) });
            ApiAssert.Success(await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5), 202);
            Assert.Equal(2, sandbox.Server.Chaos.Injected[ChaosFaultKinds.SlowResponse]);
            Assert.Single(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Rate_zero_injects_nothing()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions
            {
                ServerErrorRate = 0, RateLimitBurstRate = 0, ConnectionResetRate = 0, AcceptThenDropRate = 0,
                SlowResponseRate = 0, TruncatedDownloadRate = 0, WrongContentLengthRate = 0, Seed = 1,
            });
            Assert.False(sandbox.Server.Chaos.Enabled);

            for (var i = 0; i < 20; i++)
            {
                ApiAssert.Success(await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, TestSandbox.Test), 202);
                ApiAssert.Success(await sandbox.GetAsync("v1/jobs", TestSandbox.Test));
            }
            Assert.All(sandbox.Server.Chaos.Injected.Values, count => Assert.Equal(0, count));
        }

        [Fact]
        public async Task Sandbox_routes_are_never_faulted()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions
            {
                ServerErrorRate = 1, ConnectionResetRate = 1, RateLimitBurstRate = 1, TruncatedDownloadRate = 1,
            });

            Assert.Equal(200, (await sandbox.GetAsync("sandbox/ledger", key: null)).Status);
            Assert.Equal(200, (await sandbox.GetAsync("sandbox/chaos", key: null)).Status);
            Assert.Equal(404, (await sandbox.GetAsync("sandbox/files/job_000000000000/sha256", key: null)).Status);
            // Unmatched paths are not faulted either: the 404 envelope comes through.
            ApiAssert.Error(await sandbox.GetAsync("v1/nothing-here"), 404, "RESOURCE_NOT_FOUND");
            Assert.All(sandbox.Server.Chaos.Injected.Values, count => Assert.Equal(0, count));
        }
    }
}
