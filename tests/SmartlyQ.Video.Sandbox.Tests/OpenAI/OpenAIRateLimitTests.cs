using System;
using System.Globalization;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Providers.OpenAI;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary>The shared per-key fixed window, reported in OpenAI's <c>x-ratelimit-*-requests</c> headers.</summary>
    public class OpenAIRateLimitTests
    {
        private const string DurationPattern = @"^(\d+ms|(\d+h)?(\d+m)?\d+(\.\d{1,3})?s)$";

        private static long Long(ApiResponse response, string name)
        {
            var value = response.Header(name);
            Assert.False(value == null, $"{name} missing on {response.Status}: {response.Raw}");
            return long.Parse(value!, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        [Theory]
        [InlineData(850, "850ms")]
        [InlineData(1000, "1s")]
        [InlineData(1500, "1.5s")]
        [InlineData(17280, "17.28s")]
        [InlineData(360_000, "6m0s")]
        [InlineData(3_723_000, "1h2m3s")]
        [InlineData(0, "0ms")]
        public void Reset_durations_are_written_like_OpenAIs(int milliseconds, string expected)
        {
            Assert.Equal(expected, OpenAIDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
        }

        [Fact]
        public async Task Every_answer_carries_the_headers_and_over_the_limit_is_429_with_retry_after()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => { o.RateLimitPermits = 3; o.RateLimitWindow = TimeSpan.FromMinutes(6); });

            var answers = new[]
            {
                await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"x\"}"),         // 200
                await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"\"}"),          // 400
                await sandbox.GetAsync(OpenAIApi.Videos + "/video_nope", OpenAIApi.Key), // 404
            };
            var remaining = 2L;
            foreach (var answer in answers)
            {
                Assert.Equal(3, Long(answer, "x-ratelimit-limit-requests"));
                Assert.Equal(remaining--, Long(answer, "x-ratelimit-remaining-requests"));
                Assert.Matches(DurationPattern, answer.Header("x-ratelimit-reset-requests"));
                Assert.Matches(@"^(5m\d+(\.\d+)?s|6m0s)$", answer.Header("x-ratelimit-reset-requests"));
                Assert.Null(answer.Header("X-RateLimit-Limit"));
                Assert.Null(answer.Header("retry-after"));
            }

            var limited = await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key);
            OpenAIApi.Error(limited, 429, "rate_limit_exceeded", type: "requests");
            Assert.InRange(Long(limited, "retry-after"), 1, 361);
            Assert.Equal(0, Long(limited, "x-ratelimit-remaining-requests"));
            Assert.Matches(DurationPattern, limited.Header("x-ratelimit-reset-requests"));
            Assert.Equal(1, sandbox.Server.Stats.ForKey(OpenAIApi.Key).RateLimited);
        }

        [Fact]
        public async Task The_OpenAI_key_has_its_own_window_next_to_the_SmartlyQ_keys()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.RateLimitPermits = 2);
            await sandbox.GetAsync("v1/me");
            await sandbox.GetAsync("v1/me");
            ApiAssert.Error(await sandbox.GetAsync("v1/me"), 429, "RATE_LIMIT_EXCEEDED");

            var openai = await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key);
            Assert.Equal(200, openai.Status);
            Assert.Equal(1, Long(openai, "x-ratelimit-remaining-requests"));
        }

        [Fact]
        public async Task Requests_are_counted_per_key_and_group()
        {
            await using var sandbox = await TestSandbox.StartAsync(OpenAIApi.Fast);
            var id = await OpenAIApi.CreateIdAsync(sandbox);                                   // generate
            await OpenAIApi.WaitForStatusAsync(sandbox, id, "completed");                      // jobs ×n
            await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key);                           // jobs
            await sandbox.GetAsync(OpenAIApi.Videos + "/" + id + "/content", OpenAIApi.Key);   // files
            await sandbox.PostAsync(OpenAIApi.Videos + "/" + id + "/remix", "{\"prompt\":\"y\"}", OpenAIApi.Key); // generate
            await sandbox.GetAsync("openai/v1/models", OpenAIApi.Key);                         // other
            await sandbox.GetAsync(OpenAIApi.Videos, key: null);                               // anonymous

            var mine = sandbox.Server.Stats.ForKey(OpenAIApi.Key);
            Assert.Equal(2, mine.Group("generate"));
            Assert.Equal(1, mine.Group("files"));
            Assert.Equal(1, mine.Group("other"));
            Assert.True(mine.Group("jobs") >= 2);
            Assert.Equal(1, sandbox.Server.Stats.Anonymous.Requests);
            Assert.Equal(0, sandbox.Server.Stats.ForKey(SandboxServer.LiveKey).Requests);
        }
    }
}
