using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// The token Kling's official API takes as <c>Authorization: Bearer</c> (Kling API docs, general information):
    /// a JWT with header <c>{"alg":"HS256","typ":"JWT"}</c> and payload <c>{"iss":&lt;access key&gt;,"exp":now+1800,
    /// "nbf":now−5}</c> (Unix seconds), signed with HMAC-SHA256 keyed by the secret key's UTF-8 bytes. Our own small
    /// signer (no JWT package: its assemblies clash with Az.Accounts and Microsoft.Graph in one PowerShell session).
    /// </summary>
    internal static class KlingJwt
    {
        /// <summary>How long a token is valid: 1800 s, as the docs' sample.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1800);

        /// <summary>How far before now a token becomes valid (clock skew): 5 s, as the docs' sample.</summary>
        public static readonly TimeSpan NotBeforeSkew = TimeSpan.FromSeconds(5);

        private static readonly byte[] HeaderJson = Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

        /// <summary>The signed token for <paramref name="accessKey"/> at <paramref name="now"/>; it expires at now + <see cref="Lifetime"/>.</summary>
        public static string Sign(string accessKey, string secretKey, DateTimeOffset now)
        {
            if (string.IsNullOrEmpty(accessKey)) throw new ArgumentException("The access key is empty.", nameof(accessKey));
            if (string.IsNullOrEmpty(secretKey)) throw new ArgumentException("The secret key is empty.", nameof(secretKey));
            long seconds = now.ToUnixTimeSeconds();
            byte[] payload;
            using (var buffer = new MemoryStream())
            {
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteString("iss", accessKey);
                    json.WriteNumber("exp", seconds + (long)Lifetime.TotalSeconds);
                    json.WriteNumber("nbf", seconds - (long)NotBeforeSkew.TotalSeconds);
                    json.WriteEndObject();
                }
                payload = buffer.ToArray();
            }
            string signingInput = Base64Url(HeaderJson) + "." + Base64Url(payload);
            using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secretKey)))
                return signingInput + "." + Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(signingInput)));
        }

        /// <summary>Base64url without padding (RFC 7515 §2).</summary>
        internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
