using System;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.NanoGPT;
using SmartlyQ.Video.Core.Transport;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>NanoGPT's registry line and key format: sk-nano-… or a legacy UUID, sent as x-api-key.</summary>
    public class NanoGptKeyAndRegistryTests
    {
        [Fact]
        public void The_registry_lists_NanoGPT_at_its_documented_root_with_its_environment_variable()
        {
            ProviderEntry entry = Assert.IsType<ProviderEntry>(ProviderRegistry.Find("nanogpt"));

            Assert.Equal("NanoGPT", entry.Name);
            Assert.Equal("https://nano-gpt.com/api", entry.DefaultBaseUri?.AbsoluteUri);
            Assert.Equal("NANOGPT_API_KEY", entry.ApiKeyEnvironmentVariable);
            Assert.Contains("nano-gpt.com/api", entry.KeyHelp);
            Assert.Null(entry.IsTestKey);
        }

        [Theory]
        [InlineData("sk-nano-00000000-0000-4000-8000-000000000000")] // the sandbox's key
        [InlineData("sk-nano-3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c")]
        [InlineData("3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c")] // legacy: a plain UUID
        [InlineData("3F2A9C1E-8B7D-4E6F-A5C4-1D2E3F4A5B6C")]
        public void Documented_key_formats_pass(string key)
            => Assert.Null(NanoGptProvider.Entry.KeyFormatError(key));

        [Theory]
        [InlineData("not-a-key-0123456789abcdef", "sk-nano-")]
        [InlineData("sqk_live_0123456789abcdef", "SmartlyQ key")]
        [InlineData("sk-proj-0123456789abcdef", "sk-nano-")]
        [InlineData("sk-nano-", "sk-nano-")]
        [InlineData("sk-nano-abc\r\nX-Evil: 1", "control characters")]
        [InlineData("3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6", "sk-nano-")] // one digit short of a UUID
        public void Other_keys_are_refused_naming_NanoGPT_and_the_format_without_echoing_the_key(string key, string expected)
        {
            string? problem = NanoGptProvider.Entry.KeyFormatError(key);

            Assert.NotNull(problem);
            Assert.Contains("NanoGPT", problem);
            Assert.Contains(expected, problem);
            if (key.Length > 8) Assert.DoesNotContain(key.Substring(key.Length - 8), problem);
        }

        [Fact]
        public void The_key_travels_as_x_api_key_and_shows_only_its_prefix()
        {
            ApiCredential credential = NanoGptProvider.Entry.Credential(NanoGptHarness.Key);

            Assert.Equal("x-api-key", credential.HeaderName);
            Assert.Equal("sk-nano-…", credential.Masked);
            Assert.Equal("x-api-key: sk-nano-…", credential.ToString());
        }

        [Fact]
        public void A_legacy_key_is_masked_entirely()
            => Assert.Equal("…", NanoGptProvider.Entry.Credential("3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c").Masked);

        [Fact]
        public void A_plain_http_base_uri_to_a_remote_host_is_refused_naming_BaseUri()
        {
            var ex = Assert.Throws<ArgumentException>(() => NanoGptProvider.Entry.Create(new ProviderSettings
            {
                BaseUri = new Uri("http://nano-gpt.com/api"),
                Credential = NanoGptProvider.Entry.Credential(NanoGptHarness.Key),
            }));
            Assert.Equal("BaseUri", ex.ParamName);
        }
    }
}
