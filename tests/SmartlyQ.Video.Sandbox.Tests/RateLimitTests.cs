using System;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class RateLimitTests
    {
        private static long HeaderLong(ApiResponse response, string name)
        {
            var value = response.Header(name);
            Assert.False(value == null, $"{name} missing on {response.Status}: {response.Raw}");
            return long.Parse(value!, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        [Fact]
        public async Task Every_v1_response_carries_the_headers_and_remaining_counts_down()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => { o.RateLimitPermits = 20; o.RateLimitWindow = TimeSpan.FromMinutes(1); });
            var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

            var responses = new[]
            {
                await sandbox.GetAsync("v1/me"),                                                 // 200
                await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5),                     // 202
                await sandbox.PostAsync("v1/videos/generate", "{\"model\":\"x\"}"),               // 422
                await sandbox.PostAsync("v1/videos/generate", "{"),                               // 400
                await sandbox.GetAsync("v1/jobs/job_000000000000"),                               // 404
                await sandbox.SendAsync(HttpMethod.Put, "v1/me"),                                 // 405
            };

            var expectedRemaining = 19L;
            foreach (var response in responses)
            {
                Assert.Equal(20, HeaderLong(response, "X-RateLimit-Limit"));
                Assert.Equal(expectedRemaining--, HeaderLong(response, "X-RateLimit-Remaining"));
                var reset = HeaderLong(response, "X-RateLimit-Reset");
                Assert.InRange(reset, before, before + 62);
                Assert.Null(response.Header("Retry-After"));
            }
        }

        [Fact]
        public async Task Unauthenticated_and_forbidden_answers_carry_the_headers_too()
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.RateLimitPermits = 7;
                o.Keys.Add(new SandboxKey { Key = "sqk_test_noscope", Scopes = new() });
            });
            var unauthorized = await sandbox.GetAsync("v1/me", key: null);
            var forbidden = await sandbox.GetAsync("v1/jobs", "sqk_test_noscope");

            ApiAssert.Error(unauthorized, 401, "UNAUTHORIZED");
            ApiAssert.Error(forbidden, 403, "FORBIDDEN");
            Assert.Equal(7, HeaderLong(unauthorized, "X-RateLimit-Limit"));
            Assert.Equal(6, HeaderLong(forbidden, "X-RateLimit-Remaining"));
        }

        [Theory]
        [InlineData("openapi", "RATE_LIMIT_EXCEEDED")]
        [InlineData("docs", "RATE_LIMITED")]
        public async Task Over_the_limit_is_429_with_retry_after_and_the_envelope(string style, string code)
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.ErrorCodeStyle = style;
                o.RateLimitPermits = 3;
                o.RateLimitWindow = TimeSpan.FromSeconds(30);
            });
            for (var i = 0; i < 3; i++) ApiAssert.Success(await sandbox.GetAsync("v1/me"));

            var limited = await sandbox.GetAsync("v1/me");
            var limitedPost = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5);

            ApiAssert.Error(limited, 429, code);
            ApiAssert.Error(limitedPost, 429, code);
            Assert.InRange(HeaderLong(limited, "Retry-After"), 1, 31);
            Assert.Equal(0, HeaderLong(limited, "X-RateLimit-Remaining"));
            Assert.Equal(3, HeaderLong(limited, "X-RateLimit-Limit"));
            Assert.InRange(HeaderLong(limited, "X-RateLimit-Reset"), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 31);
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Each_key_has_its_own_window()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => { o.RateLimitPermits = 2; o.RateLimitWindow = TimeSpan.FromMinutes(1); });
            await sandbox.GetAsync("v1/me");
            await sandbox.GetAsync("v1/me");
            ApiAssert.Error(await sandbox.GetAsync("v1/me"), 429, "RATE_LIMIT_EXCEEDED");

            var other = await sandbox.GetAsync("v1/me", TestSandbox.Test);
            ApiAssert.Success(other);
            Assert.Equal(1, HeaderLong(other, "X-RateLimit-Remaining"));
        }

        [Fact]
        public async Task Waiting_retry_after_seconds_lets_requests_through_again()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => { o.RateLimitPermits = 2; o.RateLimitWindow = TimeSpan.FromSeconds(1); });
            ApiResponse limited;
            var attempts = 0;
            do { limited = await sandbox.GetAsync("v1/me"); }
            while (limited.Status != 429 && ++attempts < 10);
            Assert.Equal(429, limited.Status);

            var retryAfter = HeaderLong(limited, "Retry-After");
            Assert.InRange(retryAfter, 1, 2);
            await Task.Delay(TimeSpan.FromSeconds(retryAfter));

            // Small grace for the limiter's replenish timer on a busy machine; rejected attempts cost no permit.
            ApiResponse after;
            var deadline = DateTime.UtcNow.AddMilliseconds(500);
            do { after = await sandbox.GetAsync("v1/me"); }
            while (after.Status == 429 && DateTime.UtcNow < deadline && await Delay());
            ApiAssert.Success(after);
        }

        private static async Task<bool> Delay()
        {
            await Task.Delay(50);
            return true;
        }

        [Fact]
        public async Task Ledger_and_files_are_outside_the_limit()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.RateLimitPermits = 1);
            await sandbox.GetAsync("v1/me");
            ApiAssert.Error(await sandbox.GetAsync("v1/me"), 429, "RATE_LIMIT_EXCEEDED");

            var ledger = await sandbox.GetAsync("sandbox/ledger", key: null);
            Assert.Equal(200, ledger.Status);
            Assert.Null(ledger.Header("X-RateLimit-Limit"));
        }
    }
}
