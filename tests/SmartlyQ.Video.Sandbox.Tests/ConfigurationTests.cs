using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class ConfigurationTests
    {
        private static SandboxOptions Bind(params string[] args) =>
            SandboxApp.BindOptions(new ConfigurationBuilder().AddCommandLine(args).Build());

        [Fact]
        public void Without_configuration_the_defaults_apply()
        {
            var options = Bind();
            Assert.Equal(new[] { SandboxServer.LiveKey, SandboxServer.TestKey }, options.Keys.ConvertAll(k => k.Key));
            Assert.All(options.Keys, k => Assert.Equal(100m, k.Balance));
            Assert.Equal(new[] { "kling-v2-1", "pixverse-v4-5", "veo-3", "seedance-1-pro" }, options.Models.ConvertAll(m => m.Model));
            Assert.Equal(60, options.RateLimitPermits);
            Assert.Null(options.ProcessingDurationMax);
        }

        [Fact]
        public void Command_line_values_bind_and_configured_keys_replace_the_defaults()
        {
            var options = Bind(
                "--Sandbox:FailureRate=0.2", "--Sandbox:Seed=9", "--Sandbox:QueuedDuration=00:00:00.250",
                "--Sandbox:ProcessingDuration=00:00:01", "--Sandbox:ProcessingDurationMax=00:00:04", "--Sandbox:InitialJobStatus=queued", "--Sandbox:ErrorCodeStyle=docs",
                "--Sandbox:RateLimitPermits=5", "--Sandbox:RateLimitWindow=00:00:10", "--Sandbox:VideoSizeBytes=1048576",
                "--Sandbox:Keys:0:Key=sqk_test_custom", "--Sandbox:Keys:0:Scopes:0=videos:read", "--Sandbox:Keys:0:Balance=5");

            Assert.Equal(0.2, options.FailureRate);
            Assert.Equal(9, options.Seed);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.QueuedDuration);
            Assert.Equal(TimeSpan.FromSeconds(1), options.ProcessingDuration);
            Assert.Equal(TimeSpan.FromSeconds(4), options.ProcessingDurationMax);
            Assert.Equal("queued", options.InitialJobStatus);
            Assert.Equal("docs", options.ErrorCodeStyle);
            Assert.Equal(5, options.RateLimitPermits);
            Assert.Equal(TimeSpan.FromSeconds(10), options.RateLimitWindow);
            Assert.Equal(1048576, options.VideoSizeBytes);
            var key = Assert.Single(options.Keys);
            Assert.Equal("sqk_test_custom", key.Key);
            Assert.Equal(new[] { "videos:read" }, key.Scopes);
            Assert.Equal(5m, key.Balance);
            Assert.Equal(4, options.Models.Count);
        }

        [Theory]
        [InlineData("InitialJobStatus")]
        [InlineData("ErrorCodeStyle")]
        [InlineData("FailureRate")]
        [InlineData("KeyPrefix")]
        [InlineData("RateLimitPermits")]
        [InlineData("ProcessingDurationMax")]
        public async Task Invalid_options_fail_at_start(string what)
        {
            var options = new SandboxOptions();
            switch (what)
            {
                case "InitialJobStatus": options.InitialJobStatus = "waiting"; break;
                case "ErrorCodeStyle": options.ErrorCodeStyle = "legacy"; break;
                case "FailureRate": options.FailureRate = 1.5; break;
                case "KeyPrefix": options.Keys.Add(new SandboxKey { Key = "abc_123" }); break;
                case "RateLimitPermits": options.RateLimitPermits = 0; break;
                case "ProcessingDurationMax": options.ProcessingDurationMax = options.ProcessingDuration - TimeSpan.FromMilliseconds(1); break;
            }
            await Assert.ThrowsAnyAsync<ArgumentException>(() => SandboxServer.StartAsync(options));
        }

        [Fact]
        public async Task Server_exposes_root_and_v1_base_on_loopback()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var root = sandbox.Server.RootUri;
            Assert.True(root.IsLoopback);
            Assert.NotEqual(0, root.Port);
            Assert.EndsWith("/", root.AbsoluteUri);
            Assert.Equal(root.AbsoluteUri + "v1", sandbox.Server.BaseUri.AbsoluteUri.TrimEnd('/'));
        }

        [Fact]
        public async Task Two_servers_run_side_by_side_with_separate_state()
        {
            await using var a = await TestSandbox.StartAsync();
            await using var b = await TestSandbox.StartAsync();
            Assert.NotEqual(a.Server.RootUri, b.Server.RootUri);
            await a.SubmitAsync();
            Assert.Single(a.Server.Ledger.Entries);
            Assert.Empty(b.Server.Ledger.Entries);
        }
    }
}
