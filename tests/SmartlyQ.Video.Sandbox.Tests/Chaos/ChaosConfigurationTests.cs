using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Chaos
{
    /// <summary>Section <c>Sandbox:Chaos</c> binds like every other option.</summary>
    public class ChaosConfigurationTests
    {
        private static SandboxOptions Bind(params string[] args) =>
            SandboxApp.BindOptions(new ConfigurationBuilder().AddCommandLine(args).Build());

        [Fact]
        public void Chaos_is_off_by_default()
        {
            var chaos = Bind().Chaos;
            Assert.False(chaos.IsEnabled());
            Assert.Equal(1, chaos.RateLimitRetryAfterSeconds);
            Assert.Equal(TimeSpan.FromSeconds(2), chaos.SlowResponseDelay);
            Assert.Empty(chaos.Routes);
            Assert.Null(chaos.Seed);
        }

        [Fact]
        public void Global_knobs_seed_and_route_overrides_bind_from_the_command_line()
        {
            var chaos = Bind(
                "--Sandbox:Chaos:ServerErrorRate=0.1", "--Sandbox:Chaos:RateLimitBurstRate=0.05",
                "--Sandbox:Chaos:RateLimitRetryAfterSeconds=4", "--Sandbox:Chaos:ConnectionResetRate=0.02",
                "--Sandbox:Chaos:AcceptThenDropRate=0.03", "--Sandbox:Chaos:SlowResponseRate=0.04",
                "--Sandbox:Chaos:SlowResponseDelay=00:00:00.750", "--Sandbox:Chaos:TruncatedDownloadRate=0.2",
                "--Sandbox:Chaos:WrongContentLengthRate=0.06", "--Sandbox:Chaos:Seed=42",
                "--Sandbox:Chaos:Routes:files:TruncatedDownloadRate=1",
                "--Sandbox:Chaos:Routes:GET /v1/jobs/{id}:ServerErrorRate=0.5").Chaos;

            Assert.Equal(0.1, chaos.ServerErrorRate);
            Assert.Equal(0.05, chaos.RateLimitBurstRate);
            Assert.Equal(4, chaos.RateLimitRetryAfterSeconds);
            Assert.Equal(0.02, chaos.ConnectionResetRate);
            Assert.Equal(0.03, chaos.AcceptThenDropRate);
            Assert.Equal(0.04, chaos.SlowResponseRate);
            Assert.Equal(TimeSpan.FromMilliseconds(750), chaos.SlowResponseDelay);
            Assert.Equal(0.2, chaos.TruncatedDownloadRate);
            Assert.Equal(0.06, chaos.WrongContentLengthRate);
            Assert.Equal(42, chaos.Seed);
            Assert.Equal(1, chaos.Routes["files"].TruncatedDownloadRate);
            Assert.Null(chaos.Routes["files"].ServerErrorRate);
            Assert.Equal(0.5, chaos.Routes[ChaosRouteNames.GetJob].ServerErrorRate);
        }

        [Fact]
        public async Task Bound_chaos_takes_effect_on_a_started_server()
        {
            var options = Bind("--Sandbox:Chaos:Routes:models:RateLimitBurstRate=1", "--Sandbox:Chaos:RateLimitRetryAfterSeconds=6");
            options.RateLimitPermits = 1000;
            await using var server = await SandboxServer.StartAsync(options);
            using var http = new System.Net.Http.HttpClient { BaseAddress = server.RootUri };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SandboxServer.LiveKey);

            using var models = await http.GetAsync("v1/videos/models");
            using var me = await http.GetAsync("v1/me");

            Assert.Equal(429, (int)models.StatusCode);
            Assert.Equal("6", Assert.Single(models.Headers.GetValues("Retry-After")));
            Assert.Equal(200, (int)me.StatusCode);
        }
    }
}
