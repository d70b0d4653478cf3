using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Chaos
{
    /// <summary>Per-route overrides: exact route name over group over global, knob by knob.</summary>
    public class ChaosRoutingTests
    {
        private static async Task<Dictionary<string, int>> StatusesAsync(TestSandbox sandbox, string jobId)
        {
            return new Dictionary<string, int>
            {
                ["generate"] = (await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, TestSandbox.Test)).Status,
                ["get job"] = (await sandbox.GetAsync("v1/jobs/" + jobId)).Status,
                ["list jobs"] = (await sandbox.GetAsync("v1/jobs")).Status,
                ["models"] = (await sandbox.GetAsync("v1/videos/models")).Status,
                ["me"] = (await sandbox.GetAsync("v1/me")).Status,
                ["balance"] = (await sandbox.GetAsync("v1/me/balance")).Status,
            };
        }

        [Fact]
        public async Task Exact_route_override_applies_only_to_that_route()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var jobId = await sandbox.SubmitAsync();
            sandbox.Server.SetChaos(new ChaosOptions
            {
                Routes = { [ChaosRouteNames.GetJob] = new ChaosRouteOptions { RateLimitBurstRate = 1 } },
            });

            var statuses = await StatusesAsync(sandbox, jobId);

            Assert.Equal(429, statuses["get job"]);
            Assert.Equal(202, statuses["generate"]);
            Assert.Equal(200, statuses["list jobs"]);
            Assert.Equal(200, statuses["models"]);
            Assert.Equal(200, statuses["me"]);
            Assert.Equal(200, statuses["balance"]);
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.RateLimitBurst]);
        }

        [Fact]
        public async Task Group_override_covers_its_routes_and_an_exact_route_beats_its_group()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var jobId = await sandbox.SubmitAsync();
            sandbox.Server.SetChaos(new ChaosOptions
            {
                Routes =
                {
                    ["jobs"] = new ChaosRouteOptions { RateLimitBurstRate = 1 },
                    ["GET /v1/jobs"] = new ChaosRouteOptions { RateLimitBurstRate = 0 },
                    ["account"] = new ChaosRouteOptions { RateLimitBurstRate = 1 },
                },
            });

            var statuses = await StatusesAsync(sandbox, jobId);

            Assert.Equal(429, statuses["get job"]);
            Assert.Equal(200, statuses["list jobs"]);
            Assert.Equal(429, statuses["me"]);
            Assert.Equal(429, statuses["balance"]);
            Assert.Equal(202, statuses["generate"]);
            Assert.Equal(200, statuses["models"]);
        }

        [Fact]
        public async Task Override_replaces_only_the_knobs_it_sets_and_can_switch_a_global_fault_off()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions
            {
                RateLimitBurstRate = 1,
                RateLimitRetryAfterSeconds = 2,
                Routes =
                {
                    ["generate"] = new ChaosRouteOptions { RateLimitRetryAfterSeconds = 9 },
                    ["models"] = new ChaosRouteOptions { RateLimitBurstRate = 0 },
                },
            });

            var generate = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5);
            var models = await sandbox.GetAsync("v1/videos/models");
            var me = await sandbox.GetAsync("v1/me");

            Assert.Equal(429, generate.Status);
            Assert.Equal("9", generate.Header("Retry-After"));
            Assert.Equal(200, models.Status);
            Assert.Equal(429, me.Status);
            Assert.Equal("2", me.Header("Retry-After"));
        }

        [Fact]
        public async Task Route_keys_are_case_insensitive()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions
            {
                Routes = { ["MODELS"] = new ChaosRouteOptions { RateLimitBurstRate = 1 } },
            });
            Assert.Equal(429, (await sandbox.GetAsync("v1/videos/models")).Status);
        }

        [Theory]
        [InlineData("unknown route")]
        [InlineData("rate above 1")]
        [InlineData("negative rate in a route")]
        [InlineData("NaN rate")]
        [InlineData("negative delay")]
        [InlineData("negative retry-after")]
        public async Task Invalid_chaos_settings_fail_at_start_and_at_run_time_without_replacing_the_old_ones(string what)
        {
            var bad = new ChaosOptions();
            switch (what)
            {
                case "unknown route": bad.Routes["GET /v1/ledger"] = new ChaosRouteOptions { ServerErrorRate = 1 }; break;
                case "rate above 1": bad.ServerErrorRate = 1.5; break;
                case "negative rate in a route": bad.Routes["files"] = new ChaosRouteOptions { TruncatedDownloadRate = -0.1 }; break;
                case "NaN rate": bad.ConnectionResetRate = double.NaN; break;
                case "negative delay": bad.SlowResponseDelay = TimeSpan.FromSeconds(-1); break;
                case "negative retry-after": bad.RateLimitRetryAfterSeconds = -1; break;
            }

            await Assert.ThrowsAnyAsync<ArgumentException>(() => SandboxServer.StartAsync(new SandboxOptions { Chaos = bad }));

            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { RateLimitBurstRate = 1 });
            Assert.ThrowsAny<ArgumentException>(() => sandbox.Server.SetChaos(bad));
            Assert.Equal(1, sandbox.Server.Chaos.Options.RateLimitBurstRate);
            Assert.Equal(429, (await sandbox.GetAsync("v1/me")).Status);
        }
    }
}
