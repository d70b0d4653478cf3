using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    /// <summary><c>GET /sandbox/providers</c> and <see cref="SandboxServer.ProviderBaseUri"/>: one base URI and key per emulated API.</summary>
    public class ProvidersTests
    {
        // A read-only call per provider, relative to its base URI, that needs the key.
        private static readonly Dictionary<string, string> Probe = new Dictionary<string, string>
        {
            ["SmartlyQ"] = "me",
            ["OpenAI"] = "videos",
            ["NanoGPT"] = "generate-video/recover",
            ["NewApi"] = "models",
            ["A4F"] = "models",
        };

        // The APIs whose answers state their rate limit; the others send no limit headers at all.
        private static readonly string[] WithLimitHeaders = { "SmartlyQ", "OpenAI" };

        // Every emulated API in listing order: the new-api gateway lists each dialect it serves, with its one key.
        private static readonly string[] Listed = { "SmartlyQ", "OpenAI", "NanoGPT", "NewApi", "Kling", "Jimeng", "A4F" };

        // The APIs without jobs: one request answers with the video itself.
        private static readonly string[] Synchronous = { "A4F" };

        [Fact]
        public async Task Lists_every_provider_with_exactly_name_baseUri_apiKey_rateLimitHeaders_and_synchronous_and_each_pair_works_as_a_client_would_use_it()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await sandbox.GetAsync("sandbox/providers", key: null);

            Assert.Equal(200, response.Status);
            var providers = response.Json.EnumerateArray().ToList();
            Assert.Equal(Listed, providers.Select(p => p.GetProperty("name").GetString()));
            foreach (var provider in providers)
            {
                Assert.Equal(new[] { "apiKey", "baseUri", "name", "rateLimitHeaders", "synchronous" }, provider.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
                var name = provider.GetProperty("name").GetString()!;
                var baseUri = new Uri(provider.GetProperty("baseUri").GetString()!);
                var key = provider.GetProperty("apiKey").GetString()!;
                Assert.Equal(WithLimitHeaders.Contains(name), provider.GetProperty("rateLimitHeaders").GetBoolean());
                Assert.Equal(Synchronous.Contains(name), provider.GetProperty("synchronous").GetBoolean());
                Assert.Equal(sandbox.Server.ProviderBaseUri(name), baseUri);
                Assert.Equal(sandbox.Server.RootUri.Authority, baseUri.Authority);
                Assert.False(baseUri.AbsolutePath.EndsWith('/'), "a base URI has no trailing slash");

                using var http = new HttpClient();
                if (!Probe.TryGetValue(name, out var probe))
                {
                    // A dialect without a read-only call of its own: its key is still the gateway's, taken on any route.
                    using var keyed = new HttpRequestMessage(HttpMethod.Get, baseUri + "/sandbox-no-such-route");
                    keyed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    Assert.NotEqual(401, (int)(await http.SendAsync(keyed)).StatusCode);
                    Assert.Equal(401, (int)(await http.GetAsync(baseUri + "/sandbox-no-such-route")).StatusCode);
                    continue;
                }
                using var request = new HttpRequestMessage(HttpMethod.Get, baseUri + "/" + probe);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var answer = await http.SendAsync(request);
                Assert.True((int)answer.StatusCode == 200, $"{name}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }

        [Fact]
        public async Task SmartlyQ_stays_at_v1_and_the_server_API_names_the_same_uris()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            Assert.Equal(sandbox.Server.BaseUri, sandbox.Server.ProviderBaseUri(SandboxProviderNames.SmartlyQ));
            Assert.Equal(new Uri(sandbox.Server.RootUri, "v1"), sandbox.Server.BaseUri);
            Assert.Equal(new Uri(sandbox.Server.RootUri, "openai/v1"), sandbox.Server.ProviderBaseUri("openai"));
            Assert.Equal(SandboxServer.OpenAIKey, sandbox.Server.Providers.Single(p => p.Name == "OpenAI").ApiKey);
            Assert.Equal(new Uri(sandbox.Server.RootUri, "nanogpt/api"), sandbox.Server.ProviderBaseUri(SandboxProviderNames.NanoGpt));
            Assert.Equal(SandboxServer.NanoGptKey, sandbox.Server.Providers.Single(p => p.Name == "NanoGPT").ApiKey);
            Assert.Equal(new Uri(sandbox.Server.RootUri, "newapi/v1"), sandbox.Server.ProviderBaseUri(SandboxProviderNames.NewApi));
            Assert.Equal(new Uri(sandbox.Server.RootUri, "newapi/kling"), sandbox.Server.ProviderBaseUri(SandboxProviderNames.Kling));
            Assert.Equal(new Uri(sandbox.Server.RootUri, "newapi/jimeng"), sandbox.Server.ProviderBaseUri(SandboxProviderNames.Jimeng));
            Assert.All(sandbox.Server.Providers.Where(p => p.BaseUri.AbsolutePath.StartsWith("/newapi/", StringComparison.Ordinal)), p => Assert.Equal(SandboxServer.NewApiKey, p.ApiKey));
            Assert.Equal(new Uri(sandbox.Server.RootUri, "a4f/v1"), sandbox.Server.ProviderBaseUri(SandboxProviderNames.A4F));
            Assert.Equal(SandboxServer.A4FKey, sandbox.Server.Providers.Single(p => p.Name == "A4F").ApiKey);
            Assert.Throws<ArgumentException>(() => sandbox.Server.ProviderBaseUri("Acme"));
        }

        [Fact]
        public async Task The_first_configured_key_is_the_one_offered()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.OpenAI.Keys.Insert(0, new SandboxKey { Key = "sk-custom-first" }));

            var listed = (await sandbox.GetAsync("sandbox/providers", key: null)).Json.EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == "OpenAI");

            Assert.Equal("sk-custom-first", listed.GetProperty("apiKey").GetString());
        }
    }
}
