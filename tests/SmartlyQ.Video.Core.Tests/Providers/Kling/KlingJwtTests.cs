using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmartlyQ.Video.Core.Providers.Kling;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.Kling
{
    /// <summary>The token Kling's official API takes: an HS256 JWT any JWT library would accept, reused until near its expiry.</summary>
    public class KlingJwtTests
    {
        internal const string AccessKey = "AKtestaccesskey0001";
        internal const string SecretKey = "SK" + TestKeys.SecretPart + "secretkey";

        /// <summary>The token's header and payload, after checking its signature with <paramref name="secret"/> as RFC 7519 says.</summary>
        internal static (JsonElement Header, JsonElement Payload) Verify(string token, string secret)
        {
            string[] parts = token.Split('.');
            Assert.Equal(3, parts.Length);
            using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret)))
            {
                byte[] expected = hmac.ComputeHash(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
                Assert.Equal(expected, FromBase64Url(parts[2]));
            }
            return (JsonDocument.Parse(FromBase64Url(parts[0])).RootElement, JsonDocument.Parse(FromBase64Url(parts[1])).RootElement);
        }

        private static byte[] FromBase64Url(string text)
        {
            Assert.DoesNotContain('=', text);
            string padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return Convert.FromBase64String(padded);
        }

        [Fact]
        public void The_token_is_HS256_signed_with_the_secret_key_and_names_the_access_key_as_issuer_for_30_minutes()
        {
            var now = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

            string token = KlingJwt.Sign(AccessKey, SecretKey, now);

            var (header, payload) = Verify(token, SecretKey);
            Assert.Equal("HS256", header.GetProperty("alg").GetString());
            Assert.Equal("JWT", header.GetProperty("typ").GetString());
            Assert.Equal(AccessKey, payload.GetProperty("iss").GetString());
            Assert.Equal(now.ToUnixTimeSeconds() + 1800, payload.GetProperty("exp").GetInt64());
            Assert.Equal(now.ToUnixTimeSeconds() - 5, payload.GetProperty("nbf").GetInt64());
            Assert.DoesNotContain(TestKeys.SecretPart, token);
        }

        [Fact]
        public void A_token_signed_with_another_secret_does_not_verify()
        {
            string token = KlingJwt.Sign(AccessKey, SecretKey, DateTimeOffset.UtcNow);

            Assert.ThrowsAny<Exception>(() => Verify(token, SecretKey + "x"));
        }

        [Fact]
        public void The_issuer_reuses_its_token_until_a_minute_before_expiry_then_signs_a_new_one()
        {
            var clock = new RecordingTimeProvider();
            var issuer = new KlingTokenIssuer(clock);

            string first = issuer.Token(AccessKey, SecretKey);
            clock.Advance(TimeSpan.FromMinutes(28));
            string reused = issuer.Token(AccessKey, SecretKey);
            clock.Advance(TimeSpan.FromSeconds(61));
            string renewed = issuer.Token(AccessKey, SecretKey);

            Assert.Equal(first, reused);
            Assert.NotEqual(first, renewed);
            long exp = Verify(renewed, SecretKey).Payload.GetProperty("exp").GetInt64();
            Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds() + 1800, exp);
        }

        [Fact]
        public void The_key_pair_credential_shows_neither_the_secret_nor_a_token_it_made()
        {
            var credential = KlingApiKey.KeyPairCredentialFor(AccessKey, SecretKey);
            var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, "https://api.test/v1/videos/text2video/x");
            credential.Apply(request);
            string token = request.Headers.Authorization!.Parameter!;

            string redacted = credential.Redact("echo " + token + " and " + SecretKey);

            Assert.Equal("Bearer", request.Headers.Authorization.Scheme);
            Assert.DoesNotContain(token, redacted);
            Assert.DoesNotContain(TestKeys.SecretPart, redacted);
            Assert.DoesNotContain(TestKeys.SecretPart, credential.ToString());
            Assert.True(credential.IsSigned);
        }
    }
}
