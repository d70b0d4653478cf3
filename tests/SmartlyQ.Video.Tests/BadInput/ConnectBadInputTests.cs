using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>One bad Connect-SmartlyQ call: the key (-ApiKey, or SMARTLYQ_API_KEY when ApiKey is null) and the base URI.</summary>
    public sealed class ConnectCase
    {
        public ConnectCase(string name, string? apiKey, string? environmentKey, Func<SandboxServer, Uri> baseUri, string errorId, ErrorKind category, string field, string? secret, params string[] mentions)
        {
            Name = name;
            ApiKey = apiKey;
            EnvironmentKey = environmentKey;
            BaseUri = baseUri;
            ErrorId = errorId;
            Category = category;
            Field = field;
            Secret = secret;
            Mentions = mentions;
        }

        public string Name { get; }
        public string? ApiKey { get; }
        public string? EnvironmentKey { get; }
        public Func<SandboxServer, Uri> BaseUri { get; }
        public string ErrorId { get; }
        public ErrorKind Category { get; }

        /// <summary>The field the message must name.</summary>
        public string Field { get; }

        /// <summary>Text of the key that must never appear in the error (null: nothing secret to leak).</summary>
        public string? Secret { get; }

        public string[] Mentions { get; }

        public override string ToString() => Name;
    }

    /// <summary>
    /// Connect-SmartlyQ: bad keys and bad base URIs against the sandbox. Each is a terminating error that names the
    /// field, never echoes the key, and leaves the ledger and the wallet untouched.
    /// </summary>
    public sealed class ConnectBadInputTests : IClassFixture<SandboxFixture>
    {
        private const string Live = SandboxServer.LiveKey;
        private static readonly Func<SandboxServer, Uri> Sandbox = s => s.BaseUri;
        private readonly SandboxFixture _fixture;

        public ConnectBadInputTests(SandboxFixture fixture) => _fixture = fixture;

        public static readonly ConnectCase[] All =
        {
            Key("empty -ApiKey", "", null, "ApiKey is empty"),
            Key("whitespace-only -ApiKey", " \t ", null, "ApiKey is empty"),
            Key("-ApiKey without the sqk_ prefix", "mysecretvalue123", "mysecretvalue123", "ApiKey is malformed", "sqk_live_ or sqk_test_"),
            Key("-ApiKey with an upper-case prefix", "SQK_LIVE_Upper0123456789", "Upper0123456789", "ApiKey is malformed"),
            Key("-ApiKey that is only the live prefix", "sqk_live_", null, "ApiKey is malformed"),
            Key("-ApiKey that is only the test prefix", "sqk_test_", null, "ApiKey is malformed"),
            Key("-ApiKey with a space inside", "sqk_live_has space0123", "has space0123", "ApiKey is malformed", "no spaces"),
            Key("-ApiKey with a line break inside", "sqk_live_line\nbreak0123", "break0123", "ApiKey is malformed"),
            Key("-ApiKey of a bearer header pasted whole", "Bearer sqk_live_pasted0123456789", "pasted0123456789", "ApiKey is malformed"),
            new ConnectCase("malformed key in SMARTLYQ_API_KEY", null, "env-secret-0123456789", Sandbox, "ApiKeyInvalid", ErrorKind.InvalidArgument, "ApiKey", "env-secret-0123456789", "malformed"),
            new ConnectCase("no -ApiKey and no SMARTLYQ_API_KEY", null, null, Sandbox, "ApiKeyInvalid", ErrorKind.InvalidArgument, "ApiKey", null, "-ApiKey", "SMARTLYQ_API_KEY"),
            new ConnectCase("unknown well-formed key (401)", "sqk_live_unknown0123456789", null, Sandbox, "UNAUTHORIZED", ErrorKind.AuthenticationError, "API key", "unknown0123456789", "HTTP 401"),
            new ConnectCase("unknown well-formed test key (401)", "sqk_test_unknown9876543210", null, Sandbox, "UNAUTHORIZED", ErrorKind.AuthenticationError, "API key", "unknown9876543210", "HTTP 401"),
            Base("plain http to a remote host", s => new Uri("http://api.smartlyq.com/v1"), null, "must use https", "loopback"),
            Base("plain http to a private-network address", s => new Uri("http://192.168.1.10:8080/v1"), null, "must use https", "loopback"),
            Base("plain http to a host that only starts with localhost", s => new Uri("http://localhost.evil.example/v1"), null, "must use https", "loopback"),
            Base("plain http to 0.0.0.0", s => new Uri("http://0.0.0.0:" + s.BaseUri.Port + "/v1"), null, "must use https"),
            Base("ftp: scheme", s => new Uri("ftp://127.0.0.1:" + s.BaseUri.Port + "/v1"), null, "must use https", "ftp:"),
            Base("file: scheme", s => new Uri("file:///tmp/v1"), null, "must use https", "file:"),
            Base("relative base URI", s => new Uri("v1", UriKind.Relative), null, "absolute"),
            Base("user name and password in the base URI", s => new Uri("http://user:hunter2secret@127.0.0.1:" + s.BaseUri.Port + "/v1"), "hunter2secret", "user name or password"),
            Base("query string in the base URI", s => new Uri(s.BaseUri + "?api_key=sqk_live_query0123456789"), "query0123456789", "query"),
        };

        public static TheoryData<string> Cases => new TheoryData<string>(All.Select(c => c.Name));

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Bad_key_or_base_uri_is_a_terminating_error_naming_the_field_without_the_key_and_costs_nothing(string name)
        {
            ConnectCase bad = All.Single(c => c.Name == name);
            LedgerMark mark = _fixture.MarkLedger();
            var sink = new FakeSink();

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect(bad, sink));

            Assert.Equal(bad.ErrorId, ex.Error.ErrorId);
            Assert.Equal(bad.Category, ex.Error.Category);
            Assert.Contains(bad.Field, ex.Message, StringComparison.OrdinalIgnoreCase);
            if (ex.Error.Exception is ArgumentException argument && bad.Field != "API key")
                Assert.Equal(bad.Field, argument.ParamName);
            foreach (string mention in bad.Mentions) Assert.Contains(mention, ex.Message);
            Assert.Empty(sink.Output);

            if (bad.Secret != null)
            {
                Assert.DoesNotContain(bad.Secret, ex.ToString());
                Assert.DoesNotContain(bad.Secret, ex.Error.RecommendedAction ?? "");
                Assert.All(sink.Verbose, line => Assert.DoesNotContain(bad.Secret, line));
            }

            // Nothing was charged, and the good connection still works with its balance untouched.
            Assert.Empty(mark.Since());
            var balanceSink = new FakeSink();
            await GetBalanceOperation.RunAsync(_fixture.Connection, balanceSink, CancellationToken.None);
            Assert.Equal(100m, Assert.Single(balanceSink.OutputOf<WalletBalance>()).Balance);
        }

        [Theory]
        [InlineData("-ApiKey without the sqk_ prefix")]
        [InlineData("-ApiKey with a space inside")]
        [InlineData("malformed key in SMARTLYQ_API_KEY")]
        [InlineData("unknown well-formed key (401)")]
        public async Task Error_record_target_of_a_refused_key_holds_no_key_text(string name)
        {
            ConnectCase bad = All.Single(c => c.Name == name);
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect(bad));

            Assert.DoesNotContain(bad.Secret!, ex.Error.TargetObject?.ToString() ?? "");
        }

        [Theory]
        [InlineData("user name and password in the base URI")]
        [InlineData("query string in the base URI")]
        public async Task Error_record_target_of_a_refused_base_uri_holds_no_credentials(string name)
        {
            ConnectCase bad = All.Single(c => c.Name == name);
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect(bad));

            Assert.Equal("BaseUriRejected", ex.Error.ErrorId);
            Assert.DoesNotContain(bad.Secret!, ex.Error.TargetObject?.ToString() ?? "");
        }

        private Task<Core.Connections.SmartlyQConnection> Connect(ConnectCase bad, FakeSink? sink = null)
            => ConnectOperation.ConnectAsync(new ConnectParameters
            {
                ApiKey = bad.ApiKey == null ? null : TestSecrets.Secure(bad.ApiKey),
                BaseUri = bad.BaseUri(_fixture.Sandbox),
                PassThru = true,
                GetEnvironmentVariable = variable => variable == ProviderRegistry.Find("SmartlyQ")!.ApiKeyEnvironmentVariable ? bad.EnvironmentKey : null,
                RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            }, sink ?? new FakeSink(), CancellationToken.None);

        private static ConnectCase Key(string name, string key, string? secret, params string[] mentions)
            => new ConnectCase(name, key, null, Sandbox, "ApiKeyInvalid", ErrorKind.InvalidArgument, "ApiKey", secret, mentions);

        /// <summary>Always with the live key: its text must not leak either. <paramref name="secret"/>: a credential written into the URI.</summary>
        private static ConnectCase Base(string name, Func<SandboxServer, Uri> baseUri, string? secret, params string[] mentions)
            => new ConnectCase(name, Live, null, baseUri, "BaseUriRejected", ErrorKind.InvalidArgument, "BaseUri", secret ?? Live, mentions);
    }
}
