using System;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>
    /// Connect-SmartlyQ -Provider Kling: -Credential's user name and password are Kling's access key and secret key,
    /// which sign a JWT per request; -ApiKey is a gateway's token sent as Bearer. Neither secret is ever shown.
    /// </summary>
    public class KlingConnectTests
    {
        private const string AccessKey = "AKconnecttest0001";
        private const string SecretKey = "SKTOPSECRET0123456789";
        private const string Probe = "https://kling.example.test/v1/videos/text2video/*";
        private readonly MockHttpMessageHandler _http = new MockHttpMessageHandler();
        private readonly FakeSink _sink = new FakeSink();

        private Task<SmartlyQConnection> Connect(string secret, string? userName) => ConnectOperation.ConnectAsync(new ConnectParameters
        {
            Provider = "Kling",
            UserName = userName,
            ApiKey = TestSecrets.Secure(secret),
            BaseUri = new Uri("https://kling.example.test"),
            Handler = _http,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }, _sink, CancellationToken.None);

        private static HttpResponseMessage NotFound() => new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("{\"code\":1203,\"message\":\"task not found\",\"request_id\":\"r1\"}", Encoding.UTF8, "application/json"),
        };

        [Fact]
        public async Task A_credential_signs_the_check_with_an_HS256_token_naming_the_access_key_and_never_shows_the_secret()
        {
            string? authorization = null;
            _http.When(HttpMethod.Get, Probe).Respond(request =>
            {
                authorization = request.Headers.Authorization?.ToString();
                return NotFound();
            });

            using SmartlyQConnection connection = await Connect(SecretKey, AccessKey);

            Assert.Equal("Kling", connection.Provider);
            Assert.NotNull(authorization);
            Assert.StartsWith("Bearer ", authorization);
            string[] parts = authorization!.Substring(7).Split('.');
            using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(SecretKey)))
                Assert.Equal(Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]))), parts[2]);
            using JsonDocument payload = JsonDocument.Parse(Convert.FromBase64String(Pad(parts[1])));
            Assert.Equal(AccessKey, payload.RootElement.GetProperty("iss").GetString());
            Assert.DoesNotContain("TOPSECRET", connection.ToString());
            Assert.DoesNotContain(parts[2], connection.ToString());
            Assert.All(_sink.Verbose, line => Assert.DoesNotContain("TOPSECRET", line));
        }

        [Fact]
        public async Task A_gateway_token_given_as_ApiKey_goes_as_Bearer()
        {
            string? authorization = null;
            _http.When(HttpMethod.Get, Probe).Respond(request =>
            {
                authorization = request.Headers.Authorization?.ToString();
                return new HttpResponseMessage(HttpStatusCode.BadRequest)
                {
                    Content = new StringContent("{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}", Encoding.UTF8, "application/json"),
                };
            });

            using SmartlyQConnection connection = await Connect("sk-gatewayTOPSECRET0000", userName: null);

            Assert.Equal("Bearer sk-gatewayTOPSECRET0000", authorization);
            Assert.DoesNotContain("TOPSECRET", connection.ToString());
        }

        [Fact]
        public async Task A_refused_key_pair_is_a_terminating_unauthorized_error_without_the_secret_or_the_token()
        {
            _http.When(HttpMethod.Get, Probe).Respond(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("{\"code\":1002,\"message\":\"Authorization is invalid\",\"request_id\":\"r2\"}", Encoding.UTF8, "application/json"),
            });

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Connect(SecretKey, AccessKey));

            Assert.Contains("Authorization is invalid", ex.Error.Exception.Message);
            Assert.DoesNotContain("TOPSECRET", ex.Error.Exception.ToString());
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static string Pad(string text)
        {
            string s = text.Replace('-', '+').Replace('_', '/');
            return s + new string('=', (4 - s.Length % 4) % 4);
        }
    }
}
