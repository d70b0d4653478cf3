using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Chaos
{
    /// <summary>Changing chaos on a running server, and reading what was injected.</summary>
    public class ChaosRuntimeTests
    {
        [Fact]
        public async Task A_batch_with_faults_then_the_same_batch_without()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { ServerErrorRate = 1 });
            var faulted = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => sandbox.PostAsync("v1/videos/generate", Bodies.Kling5)));
            Assert.All(faulted, r => Assert.True(r.Status >= 500));

            sandbox.Server.Chaos.Disable();
            Assert.False(sandbox.Server.Chaos.Enabled);
            var clean = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => sandbox.PostAsync("v1/videos/generate", Bodies.Kling5)));

            Assert.All(clean, r => Assert.Equal(202, r.Status));
            Assert.Equal(5, sandbox.Server.Ledger.Entries.Count);
            Assert.Equal(5, sandbox.Server.Chaos.Injected[ChaosFaultKinds.ServerError]);
        }

        [Fact]
        public async Task Options_are_a_copy_and_only_set_takes_effect()
        {
            var options = new ChaosOptions();
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = options);

            options.ServerErrorRate = 1; // the running server copied the options at start
            sandbox.Server.Chaos.Options.ServerErrorRate = 1;
            Assert.Equal(200, (await sandbox.GetAsync("v1/me")).Status);

            var edited = sandbox.Server.Chaos.Options;
            edited.ServerErrorRate = 1;
            sandbox.Server.SetChaos(edited);
            Assert.True(sandbox.Server.Chaos.Enabled);
            Assert.True((await sandbox.GetAsync("v1/me")).Status >= 500);
        }

        [Fact]
        public async Task Counters_list_every_kind_and_can_be_reset()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { RateLimitBurstRate = 1 });
            for (var i = 0; i < 4; i++) await sandbox.GetAsync("v1/me");

            var injected = sandbox.Server.Chaos.Injected;
            Assert.Equal(ChaosFaultKinds.All, injected.Keys);
            Assert.Equal(4, injected[ChaosFaultKinds.RateLimitBurst]);
            Assert.Equal(0, injected[ChaosFaultKinds.ServerError]);

            sandbox.Server.Chaos.ResetCounters();
            Assert.All(sandbox.Server.Chaos.Injected.Values, v => Assert.Equal(0, v));
        }

        [Fact]
        public async Task Sandbox_chaos_route_reads_replaces_and_disables_the_settings()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = new ChaosOptions { RateLimitBurstRate = 1 });
            await sandbox.GetAsync("v1/me");

            var read = await sandbox.GetAsync("sandbox/chaos", key: null);
            Assert.True(read.Json.GetProperty("enabled").GetBoolean());
            Assert.Equal(1, read.Json.GetProperty("injected").GetProperty("rate_limit_burst").GetInt64());
            Assert.Equal(0, read.Json.GetProperty("injected").GetProperty("server_error").GetInt64());
            Assert.Equal(1, read.Json.GetProperty("options").GetProperty("RateLimitBurstRate").GetDouble());

            const string body = "{\"serverErrorRate\":1,\"routes\":{\"models\":{\"ServerErrorRate\":0}},\"SlowResponseDelay\":\"00:00:00.1\"}";
            var put = await sandbox.SendAsync(HttpMethod.Put, "sandbox/chaos", key: null, body: body);
            Assert.Equal(200, put.Status);
            Assert.Equal(0, put.Json.GetProperty("options").GetProperty("RateLimitBurstRate").GetDouble());
            Assert.True((await sandbox.GetAsync("v1/me")).Status >= 500);
            Assert.Equal(200, (await sandbox.GetAsync("v1/videos/models")).Status);
            Assert.Equal(System.TimeSpan.FromMilliseconds(100), sandbox.Server.Chaos.Options.SlowResponseDelay);

            var invalid = await sandbox.SendAsync(HttpMethod.Put, "sandbox/chaos", key: null, body: "{\"ServerErrorRate\":2}");
            ApiAssert.Error(invalid, 422, "VALIDATION_ERROR");
            ApiAssert.Error(await sandbox.SendAsync(HttpMethod.Put, "sandbox/chaos", key: null, body: "{"), 400, "BAD_REQUEST");

            var off = await sandbox.SendAsync(HttpMethod.Delete, "sandbox/chaos", key: null);
            Assert.False(off.Json.GetProperty("enabled").GetBoolean());
            Assert.Equal(200, (await sandbox.GetAsync("v1/me")).Status);

            var zeroed = await sandbox.SendAsync(HttpMethod.Delete, "sandbox/chaos/injected", key: null);
            Assert.All(zeroed.Json.GetProperty("injected").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt64()));
        }
    }
}
