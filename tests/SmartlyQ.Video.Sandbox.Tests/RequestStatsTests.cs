using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    /// <summary><see cref="SandboxServer.Stats"/>: requests per key and route group, and 429s, as the server sent them.</summary>
    public class RequestStatsTests
    {
        private static Task<TestSandbox> StartAsync(ManualTimeProvider clock, Action<SandboxOptions>? more = null) => TestSandbox.StartAsync(o =>
        {
            o.TimeProvider = clock;
            more?.Invoke(o);
        });

        private static async Task<string> CompletedFileAsync(TestSandbox sandbox, ManualTimeProvider clock)
        {
            var id = await sandbox.SubmitAsync();
            clock.Advance(TimeSpan.FromSeconds(1));
            return "files/" + id + ".mp4";
        }

        private static Dictionary<string, long> Groups(SandboxRequestCounts counts) => counts.ByGroup.ToDictionary(p => p.Key, p => p.Value);

        [Fact]
        public async Task Requests_are_counted_per_key_and_route_group_and_sandbox_routes_are_not()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock);
            Assert.Equal(0, sandbox.Server.Stats.Total.Requests);

            var file = await CompletedFileAsync(sandbox, clock);                       // generate
            var id = file["files/".Length..^".mp4".Length];
            ApiAssert.Success(await sandbox.GetAsync("v1/me"));                       // account
            ApiAssert.Success(await sandbox.GetAsync("v1/me/balance"));               // account
            ApiAssert.Success(await sandbox.GetAsync("v1/videos/models"));            // models
            ApiAssert.Success(await sandbox.GetAsync("v1/jobs/" + id));               // jobs
            ApiAssert.Success(await sandbox.GetAsync("v1/jobs"));                     // jobs
            Assert.Equal(200, (await sandbox.GetAsync(file)).Status);                 // files, with the key
            Assert.Equal(404, (await sandbox.GetAsync("v1/nothing-here")).Status);    // other
            Assert.Equal(200, (await sandbox.GetAsync(file, key: null)).Status);      // files, anonymous
            Assert.Equal(401, (await sandbox.GetAsync("v1/me", key: null)).Status);   // account, anonymous
            ApiAssert.Success(await sandbox.GetAsync("v1/me", TestSandbox.Test));     // account, the other key
            Assert.Equal(200, (await sandbox.GetAsync("sandbox/ledger", key: null)).Status);
            Assert.Equal(200, (await sandbox.GetAsync("sandbox/files/" + id + "/sha256", key: null)).Status);

            var stats = sandbox.Server.Stats;
            var live = stats.ForKey(TestSandbox.Live);
            Assert.Equal(new Dictionary<string, long> { ["generate"] = 1, ["jobs"] = 2, ["files"] = 1, ["models"] = 1, ["account"] = 2, ["other"] = 1 }, Groups(live));
            Assert.Equal(8, live.Requests);
            Assert.Equal(0, live.TooManyRequests);
            Assert.Equal(1, stats.ForKey(TestSandbox.Test).Requests);
            Assert.Equal(1, stats.ForKey(TestSandbox.Test).Group("account"));
            Assert.Equal(2, stats.Anonymous.Requests);
            Assert.Equal(1, stats.Anonymous.Group("files"));
            Assert.Equal(1, stats.Anonymous.Group("account"));
            Assert.Equal(11, stats.Total.Requests);
            Assert.Equal(new[] { TestSandbox.Live, TestSandbox.Test }, stats.ByKey.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(0, stats.ForKey("sqk_live_unknown").Requests);
            Assert.Equal(SandboxStats.Groups, live.ByGroup.Keys);
            Assert.StartsWith("requests=8 (generate=1 jobs=2 files=1", live.ToString());
        }

        [Fact]
        public async Task The_rate_limit_429s_are_counted_for_the_key_that_got_them()
        {
            await using var sandbox = await StartAsync(new ManualTimeProvider(), o => o.RateLimitPermits = 2);
            await sandbox.GetAsync("v1/me");
            await sandbox.GetAsync("v1/me");
            ApiAssert.Error(await sandbox.GetAsync("v1/me"), 429, "RATE_LIMIT_EXCEEDED");
            ApiAssert.Error(await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5), 429, "RATE_LIMIT_EXCEEDED");

            var live = sandbox.Server.Stats.ForKey(TestSandbox.Live);
            Assert.Equal(4, live.Requests);
            Assert.Equal(1, live.Group("generate"));
            Assert.Equal(2, live.TooManyRequests);
            Assert.Equal(2, live.RateLimited);
            Assert.Equal(2, sandbox.Server.Stats.Total.RateLimited);
            Assert.Equal(0, sandbox.Server.Stats.ForKey(TestSandbox.Test).TooManyRequests);
        }

        [Fact]
        public async Task Chaos_bursts_count_as_429s_but_not_as_rate_limit_rejections()
        {
            await using var sandbox = await StartAsync(new ManualTimeProvider(), o =>
                o.Chaos = new ChaosOptions { Routes = { [ChaosRouteNames.AccountGroup] = new ChaosRouteOptions { RateLimitBurstRate = 1 } } });
            Assert.Equal(429, (await sandbox.GetAsync("v1/me")).Status);
            ApiAssert.Success(await sandbox.GetAsync("v1/videos/models"));

            var live = sandbox.Server.Stats.ForKey(TestSandbox.Live);
            Assert.Equal(2, live.Requests);
            Assert.Equal(1, live.TooManyRequests);
            Assert.Equal(0, live.RateLimited);
        }

        [Fact]
        public async Task Reset_zeroes_every_counter()
        {
            await using var sandbox = await StartAsync(new ManualTimeProvider(), o => o.RateLimitPermits = 1);
            await sandbox.GetAsync("v1/me");
            await sandbox.GetAsync("v1/me");
            await sandbox.GetAsync("v1/me", key: null);
            Assert.Equal(3, sandbox.Server.Stats.Total.Requests);

            sandbox.Server.Stats.Reset();
            Assert.Equal(0, sandbox.Server.Stats.Total.Requests);
            Assert.Equal(0, sandbox.Server.Stats.Total.TooManyRequests);
            Assert.Empty(sandbox.Server.Stats.ByKey);

            await sandbox.SendAsync(HttpMethod.Get, "v1/me", TestSandbox.Test);
            Assert.Equal(1, sandbox.Server.Stats.Total.Requests);
        }
    }
}
