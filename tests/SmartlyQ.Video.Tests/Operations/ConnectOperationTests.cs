using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    public class ConnectOperationTests
    {
        private const string Secret = "sqk_live_TOPSECRET0123456789";
        private const string MeJson = "{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ada\",\"email\":\"ada@example.test\",\"workspaces\":[{\"id\":42,\"name\":\"Default\"}],\"api_key\":{\"prefix\":\"sqk_live_\",\"mode\":\"live\",\"scopes\":[\"videos:write\"]}},\"meta\":{\"request_id\":\"req_1\"}}";
        private readonly MockHttpMessageHandler _http = new MockHttpMessageHandler();
        private readonly FakeSink _sink = new FakeSink();

        private Task<SmartlyQConnection> Connect(SecureString? key = null, string? environmentKey = null, Uri? baseUri = null, bool passThru = false, string? provider = null)
            => ConnectOperation.ConnectAsync(new ConnectParameters
            {
                Provider = provider,
                ApiKey = key,
                BaseUri = baseUri ?? new Uri("https://api.example.test/v1"),
                PassThru = passThru,
                GetEnvironmentVariable = name => name == "SMARTLYQ_API_KEY" ? environmentKey : null,
                Handler = _http,
                RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            }, _sink, CancellationToken.None);

        [Fact]
        public async Task Checks_the_key_with_GET_me_and_shows_live_mode_and_account_but_never_the_key()
        {
            _http.Expect(HttpMethod.Get, "https://api.example.test/v1/me").WithHeaders("Authorization", "Bearer " + Secret).Respond("application/json", MeJson);

            SmartlyQConnection connection = await Connect(TestSecrets.Secure(Secret), passThru: true);

            _http.VerifyNoOutstandingExpectation();
            Assert.Equal(ApiKeyMode.Live, connection.KeyMode);
            Assert.False(connection.IsTestKey);
            Assert.Equal("Ada", connection.Account.Name);
            Assert.Same(connection, Assert.Single(_sink.Output));
            Assert.DoesNotContain("TOPSECRET", connection.ToString());
            Assert.All(_sink.Verbose, line => Assert.DoesNotContain("TOPSECRET", line));
        }

        [Fact]
        public async Task The_provider_is_found_by_name_in_the_registry_and_the_connection_shows_it()
        {
            _http.Expect(HttpMethod.Get, "https://api.example.test/v1/me").Respond("application/json", MeJson);

            SmartlyQConnection connection = await Connect(TestSecrets.Secure(Secret), provider: "smartlyq");

            Assert.Equal("SmartlyQ", connection.Provider);
            Assert.StartsWith("SmartlyQ https://api.example.test/v1 (Live key, Ada)", connection.ToString());
            Assert.Contains("Checking the live SmartlyQ key at https://api.example.test/v1", _sink.Verbose);
        }

        [Fact]
        public async Task An_unknown_provider_is_refused_naming_the_known_ones()
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect(TestSecrets.Secure(Secret), provider: "Acme"));

            Assert.Equal("UnknownProvider", ex.Error.ErrorId);
            // Every registered provider, in registry order (SmartlyQ first).
            Assert.StartsWith("Provider 'Acme' is not known; known providers: " + string.Join(", ", ProviderRegistry.All.Select(p => p.Name)) + ".", ex.Error.Exception.Message);
            Assert.Contains("SmartlyQ, ", ex.Error.Exception.Message);
            Assert.Equal("Provider", ((ArgumentException)ex.Error.Exception).ParamName);
        }

        [Fact]
        public async Task A_self_hosted_gateway_without_BaseUri_is_refused_before_any_request_saying_what_to_pass()
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => ConnectOperation.ConnectAsync(new ConnectParameters
            {
                Provider = "NewApi",
                ApiKey = TestSecrets.Secure("sk-gateway-token-0000"),
                Handler = _http,
            }, _sink, CancellationToken.None));

            Assert.Equal("BaseUriRequired", ex.Error.ErrorId);
            Assert.Equal("BaseUri", ((ArgumentException)ex.Error.Exception).ParamName);
            Assert.Contains("NewApi has no public default address", ex.Error.Exception.Message);
            Assert.Contains("https://your-gateway/v1", ex.Error.Exception.Message);
            Assert.DoesNotContain("sk-gateway-token", ex.Error.Exception.Message);
            Assert.Equal(0, _http.GetMatchCount(_http.Fallback));
        }

        [Fact]
        public void The_registry_holds_SmartlyQ_with_its_root_key_variable_and_key_rule()
        {
            // SmartlyQ is the first entry (the default); other providers follow it.
            ProviderEntry entry = ProviderRegistry.All[0];
            Assert.Equal(ProviderRegistry.DefaultName, entry.Name);

            Assert.Same(entry, ProviderRegistry.Find("SMARTLYQ"));
            Assert.Null(ProviderRegistry.Find("Acme-not-registered-here"));
            Assert.Equal(new Uri("https://api.smartlyq.com/v1"), entry.DefaultBaseUri);
            Assert.Equal("SMARTLYQ_API_KEY", entry.ApiKeyEnvironmentVariable);
            Assert.Null(entry.KeyFormatError("sqk_test_abc123"));
            Assert.Equal("ApiKey is malformed: a SmartlyQ key starts with sqk_live_ or sqk_test_.", entry.KeyFormatError("sk-proj-abc123"));
            Assert.True(entry.IsTestKey!("sqk_test_abc123"));
            Assert.Equal("Bearer sqk_live_…", entry.Credential("sqk_live_abc123").ToString());
        }

        [Fact]
        public void The_registry_holds_OpenAI_with_its_root_key_variable_and_key_rule()
        {
            ProviderEntry entry = ProviderRegistry.Find("openai")!;

            Assert.Equal("OpenAI", entry.Name);
            Assert.Equal(new Uri("https://api.openai.com/v1"), entry.DefaultBaseUri);
            Assert.Equal("OPENAI_API_KEY", entry.ApiKeyEnvironmentVariable);
            Assert.Null(entry.KeyFormatError("sk-proj-abc123"));
            Assert.Equal("ApiKey is malformed: an OpenAI key (or a gateway's token) starts with sk-.", entry.KeyFormatError("sqk_live_abc123"));
            Assert.NotNull(entry.KeyFormatError("sk-"));
            Assert.NotNull(entry.KeyFormatError("sk-abc\r\nX-Evil: 1"));
            Assert.Null(entry.IsTestKey);
            Assert.Equal("Bearer sk-…", entry.Credential("sk-proj-abc123").ToString());
        }

        [Fact]
        public async Task Without_a_parameter_the_key_comes_from_SMARTLYQ_API_KEY()
        {
            _http.Expect("https://api.example.test/v1/me").WithHeaders("Authorization", "Bearer sqk_test_fromenv123").Respond("application/json", MeJson);

            SmartlyQConnection connection = await Connect(environmentKey: "sqk_test_fromenv123");

            Assert.Equal(ApiKeyMode.Test, connection.KeyMode);
            Assert.Empty(_sink.Output);
        }

        [Fact]
        public async Task No_key_anywhere_is_a_terminating_error_saying_where_to_put_one()
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect());

            Assert.Equal("ApiKeyInvalid", ex.Error.ErrorId);
            Assert.Contains("SMARTLYQ_API_KEY", ex.Message);
            Assert.Contains("-ApiKey", ex.Message);
        }

        [Theory]
        [InlineData("   ")]
        [InlineData("mysecretvalue")]
        [InlineData("sqk_live_")]
        [InlineData("sqk_live_has space")]
        public async Task Empty_or_malformed_key_is_refused_without_echoing_it(string key)
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect(TestSecrets.Secure(key)));

            Assert.Equal("ApiKeyInvalid", ex.Error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Error.Category);
            Assert.DoesNotContain("mysecretvalue", ex.Message);
            Assert.DoesNotContain("has space", ex.Message);
        }

        [Fact]
        public async Task Rejected_key_is_an_authentication_error_without_the_key()
        {
            _http.When("https://api.example.test/v1/me").Respond(HttpStatusCode.Unauthorized, "application/json",
                "{\"success\":false,\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Missing or invalid API key.\"},\"meta\":{\"request_id\":\"req_401\"}}");

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect(TestSecrets.Secure(Secret)));

            Assert.Equal("UNAUTHORIZED", ex.Error.ErrorId);
            Assert.Equal(ErrorKind.AuthenticationError, ex.Error.Category);
            Assert.Equal("req_401", ex.Error.RequestId);
            Assert.DoesNotContain("TOPSECRET", ex.Message);
            Assert.DoesNotContain("TOPSECRET", ex.ToString());
        }

        [Fact]
        public async Task Plain_http_to_a_remote_host_is_refused_before_sending_the_key()
        {
            MockedRequest anyRequest = _http.When("*").Respond("application/json", MeJson);

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect(TestSecrets.Secure(Secret), baseUri: new Uri("http://api.example.test/v1")));

            Assert.Equal("BaseUriRejected", ex.Error.ErrorId);
            Assert.Contains("https", ex.Message);
            Assert.Equal(0, _http.GetMatchCount(anyRequest));
        }

        [Fact]
        public async Task Retry_count_from_Connect_bounds_the_attempts_of_later_calls()
        {
            _http.When("https://api.example.test/v1/me").Respond("application/json", MeJson);
            MockedRequest balance = _http.When("https://api.example.test/v1/me/balance").Respond(System.Net.HttpStatusCode.BadGateway);
            SmartlyQConnection connection = await ConnectOperation.ConnectAsync(new ConnectParameters
            {
                ApiKey = TestSecrets.Secure(Secret), BaseUri = new Uri("https://api.example.test/v1"), Handler = _http,
                RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaximumRetryCount = 2,
            }, _sink, CancellationToken.None);

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => GetBalanceOperation.RunAsync(connection, _sink, CancellationToken.None));

            Assert.Equal(3, _http.GetMatchCount(balance));
            Assert.Equal(ErrorKind.ConnectionError, ex.Error.Category);
        }

        [Fact]
        public async Task Out_of_range_setting_is_refused_naming_it()
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => ConnectOperation.ConnectAsync(new ConnectParameters
            {
                ApiKey = TestSecrets.Secure(Secret), BaseUri = new Uri("https://api.example.test/v1"), Handler = _http, MaximumRetryCount = -1,
            }, _sink, CancellationToken.None));

            Assert.Equal("InvalidConnectionSetting", ex.Error.ErrorId);
            Assert.Contains("MaxRetries", ex.Message);
        }

        [Fact]
        public void Without_any_connection_cmdlets_say_to_run_Connect_SmartlyQ()
        {
            var ex = Assert.Throws<OperationTerminatedException>(() => ConnectionGuard.Require(null, null));

            Assert.Equal("NotConnected", ex.Error.ErrorId);
            Assert.Contains("Run Connect-SmartlyQ", ex.Message);
        }

        [Fact]
        public void Explicit_connection_wins_over_the_runspace_default()
        {
            var provider = new FakeVideoProvider();
            SmartlyQConnection mine = FakeConnection.For(provider), theDefault = FakeConnection.For(provider);

            Assert.Same(mine, ConnectionGuard.Require(mine, theDefault));
            Assert.Same(theDefault, ConnectionGuard.Require(null, theDefault));
        }
    }
}
