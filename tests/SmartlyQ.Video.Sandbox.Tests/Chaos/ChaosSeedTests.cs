using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Chaos
{
    /// <summary>A seeded run makes the same fault decisions for the same request order.</summary>
    public class ChaosSeedTests
    {
        private static ChaosOptions Mixed(int? seed) => new ChaosOptions
        {
            ServerErrorRate = 0.25, RateLimitBurstRate = 0.2, ConnectionResetRate = 0.1, Seed = seed,
        };

        /// <summary>40 sequential requests; each outcome is the status code, or "reset".</summary>
        private static async Task<string> OutcomesAsync(TestSandbox sandbox)
        {
            var outcomes = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    var response = i % 3 == 0
                        ? await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, TestSandbox.Test)
                        : await sandbox.GetAsync(i % 3 == 1 ? "v1/me" : "v1/jobs");
                    outcomes.Add(response.Status.ToString());
                }
                catch (HttpRequestException)
                {
                    outcomes.Add("reset");
                }
            }
            return string.Join(",", outcomes);
        }

        [Fact]
        public async Task Same_seed_gives_the_same_decisions_on_separate_servers()
        {
            string first, second;
            await using (var a = await TestSandbox.StartAsync(o => o.Chaos = Mixed(2024))) first = await OutcomesAsync(a);
            await using (var b = await TestSandbox.StartAsync(o => o.Chaos = Mixed(2024))) second = await OutcomesAsync(b);

            Assert.Equal(first, second);
            foreach (var expected in new[] { "reset", "429", "202", "200" }) Assert.Contains(expected, first);
            Assert.Matches("50[023]", first);
        }

        [Fact]
        public async Task Setting_a_seed_at_run_time_restarts_the_sequence_and_another_seed_differs()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Server.SetChaos(Mixed(99));
            var first = await OutcomesAsync(sandbox);
            sandbox.Server.SetChaos(Mixed(99));
            var again = await OutcomesAsync(sandbox);
            sandbox.Server.SetChaos(Mixed(100));
            var other = await OutcomesAsync(sandbox);

            Assert.Equal(first, again);
            Assert.NotEqual(first, other);
        }

        [Fact]
        public async Task Sandbox_seed_is_the_fallback_chaos_seed()
        {
            string first, second;
            await using (var a = await TestSandbox.StartAsync(o => { o.Seed = 5; o.Chaos = Mixed(null); })) first = await OutcomesAsync(a);
            await using (var b = await TestSandbox.StartAsync(o => { o.Seed = 5; o.Chaos = Mixed(null); })) second = await OutcomesAsync(b);
            Assert.Equal(first, second);
        }
    }
}
