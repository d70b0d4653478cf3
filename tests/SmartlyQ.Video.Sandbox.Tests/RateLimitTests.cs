using System;
using System.Collections.Generic;
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
        public async Task Ledger_and_downloads_without_a_key_are_outside_the_limit()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await TestSandbox.StartAsync(o => { o.RateLimitPermits = 1; o.TimeProvider = clock; });
            var id = await sandbox.SubmitAsync();
            clock.Advance(TimeSpan.FromSeconds(1));
            ApiAssert.Error(await sandbox.GetAsync("v1/me"), 429, "RATE_LIMIT_EXCEEDED");

            var ledger = await sandbox.GetAsync("sandbox/ledger", key: null);
            Assert.Equal(200, ledger.Status);
            Assert.Null(ledger.Header("X-RateLimit-Limit"));

            // Like a CDN URL: no key, no limit, no headers; a key the sandbox does not know is ignored, not refused.
            for (var i = 0; i < 3; i++)
            {
                var file = await sandbox.GetAsync("files/" + id + ".mp4", key: null);
                Assert.Equal(200, file.Status);
                Assert.Null(file.Header("X-RateLimit-Limit"));
            }
            var unknownKey = await sandbox.GetAsync("files/" + id + ".mp4", key: "sqk_live_not_a_sandbox_key");
            Assert.Equal(200, unknownKey.Status);
            Assert.Null(unknownKey.Header("X-RateLimit-Limit"));
        }

        [Fact]
        public async Task Downloads_with_a_valid_key_spend_that_keys_budget_and_carry_the_headers()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await TestSandbox.StartAsync(o => { o.RateLimitPermits = 4; o.TimeProvider = clock; });
            var id = await sandbox.SubmitAsync();                                   // 3 left
            clock.Advance(TimeSpan.FromSeconds(1));
            var path = "files/" + id + ".mp4";

            var full = await sandbox.GetAsync(path);                                // 2 left
            Assert.Equal(200, full.Status);
            Assert.Equal("video/mp4", full.Message.Content.Headers.ContentType?.MediaType);
            Assert.Equal(4, HeaderLong(full, "X-RateLimit-Limit"));
            Assert.Equal(2, HeaderLong(full, "X-RateLimit-Remaining"));
            Assert.InRange(HeaderLong(full, "X-RateLimit-Reset"), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 62);

            var range = await sandbox.SendAsync(HttpMethod.Get, path, headers: new Dictionary<string, string> { ["Range"] = "bytes=10-19" }); // 1 left
            Assert.Equal(206, range.Status);
            Assert.Equal(1, HeaderLong(range, "X-RateLimit-Remaining"));
            var head = await sandbox.SendAsync(HttpMethod.Head, path);              // 0 left
            Assert.Equal(200, head.Status);
            Assert.Equal(0, HeaderLong(head, "X-RateLimit-Remaining"));

            var limited = await sandbox.GetAsync(path);
            ApiAssert.Error(limited, 429, "RATE_LIMIT_EXCEEDED");
            Assert.InRange(HeaderLong(limited, "Retry-After"), 1, 61);
            Assert.Equal(0, HeaderLong(limited, "X-RateLimit-Remaining"));
            // One budget for the key: the API is out too, the other key and keyless downloads are not.
            ApiAssert.Error(await sandbox.GetAsync("v1/jobs/" + id), 429, "RATE_LIMIT_EXCEEDED");
            Assert.Equal(200, (await sandbox.GetAsync(path, key: null)).Status);
            var otherKey = await sandbox.GetAsync(path, TestSandbox.Test);
            Assert.Equal(200, otherKey.Status);
            Assert.Equal(3, HeaderLong(otherKey, "X-RateLimit-Remaining"));
        }
    }
}
