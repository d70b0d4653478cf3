using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using SmartlyQ.Video.Sandbox.Tests.NanoGpt;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    /// <summary>The OpenAI and NanoGPT sections of the command-line configuration (<c>Sandbox:OpenAI</c>, <c>Sandbox:NanoGpt</c>).</summary>
    public class ProviderConfigurationTests
    {
        private static SandboxOptions Bind(params string[] args) =>
            SandboxApp.BindOptions(new ConfigurationBuilder().AddCommandLine(args).Build());

        [Fact]
        public void Without_configuration_each_provider_has_its_built_in_key()
        {
            var options = Bind();

            Assert.Equal(SandboxServer.OpenAIKey, Assert.Single(options.OpenAI.Keys).Key);
            Assert.Equal(1000, options.OpenAI.PollAfterMs);
            Assert.Equal(0m, options.OpenAI.PricePerSecond);
            var nano = Assert.Single(options.NanoGpt.Keys);
            Assert.Equal((SandboxServer.NanoGptKey, 100m), (nano.Key, nano.Balance));
        }

        [Fact]
        public async Task Configured_provider_keys_replace_the_built_in_ones_and_work()
        {
            var options = Bind(
                "--Sandbox:OpenAI:Keys:0:Key=sk-configured", "--Sandbox:OpenAI:PollAfterMs=200", "--Sandbox:OpenAI:PricePerSecond=0.1",
                "--Sandbox:NanoGpt:Keys:0:Key=3f2a9c1e-0000-4000-8000-00000000abcd", "--Sandbox:NanoGpt:Keys:0:Balance=5");

            Assert.Equal("sk-configured", Assert.Single(options.OpenAI.Keys).Key);
            Assert.Equal(200, options.OpenAI.PollAfterMs);
            Assert.Equal(0.1m, options.OpenAI.PricePerSecond);
            var nano = Assert.Single(options.NanoGpt.Keys);
            Assert.Equal(("3f2a9c1e-0000-4000-8000-00000000abcd", 5m), (nano.Key, nano.Balance));

            await using var sandbox = await TestSandbox.StartAsync(o => { o.OpenAI = options.OpenAI; o.NanoGpt = options.NanoGpt; });
            var created = await sandbox.PostAsync("openai/v1/videos", "{\"prompt\":\"x\",\"seconds\":\"8\"}", "sk-configured");
            Assert.Equal("200", created.Header("openai-poll-after-ms"));
            Assert.Equal(401, (await sandbox.GetAsync("openai/v1/videos", SandboxServer.OpenAIKey)).Status);
            var run = await NanoGptApi.GenerateAsync(sandbox, key: "3f2a9c1e-0000-4000-8000-00000000abcd");
            Assert.Equal(4.65m, run.Json.GetProperty("remainingBalance").GetDecimal());
            Assert.Equal(0.8m, Assert.Single(sandbox.Server.Ledger.Find(provider: "OpenAI")).Amount);
        }

        [Theory]
        [InlineData("negative poll")]
        [InlineData("negative price")]
        [InlineData("negative balance")]
        [InlineData("empty key")]
        public async Task Invalid_provider_settings_fail_at_start(string what)
        {
            var options = new SandboxOptions();
            switch (what)
            {
                case "negative poll": options.OpenAI.PollAfterMs = -1; break;
                case "negative price": options.OpenAI.PricePerSecond = -0.1m; break;
                case "negative balance": options.NanoGpt.Keys[0].Balance = -1; break;
                case "empty key": options.NanoGpt.Keys.Add(new SandboxKey { Key = " " }); break;
            }

            await Assert.ThrowsAnyAsync<ArgumentException>(() => SandboxServer.StartAsync(options));
        }
    }
}
