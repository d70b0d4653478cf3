using System;
using System.Linq;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// Kling's two credentials: a gateway token (new-api <c>sk-…</c>, or any token a gateway issues) sent as
    /// <c>Authorization: Bearer &lt;token&gt;</c>; and the official access key / secret key pair, which signs a JWT per
    /// request (<see cref="KlingJwt"/>, cached by <see cref="KlingTokenIssuer"/>) sent as <c>Authorization: Bearer &lt;jwt&gt;</c>.
    /// </summary>
    internal static class KlingApiKey
    {
        /// <summary>new-api's token prefix, the only part of a gateway token messages may show.</summary>
        public const string GatewayPrefix = "sk-";

        /// <summary>
        /// Null for a trimmed gateway token of visible ASCII; otherwise why not (naming Kling, never quoting the token). A
        /// SmartlyQ key (<c>sqk_…</c>) is called out as such.
        /// </summary>
        public static string? FormatError(string key)
        {
            if (string.IsNullOrEmpty(key)) return "ApiKey is empty: pass a Kling gateway token, or -Credential with the access key and secret key.";
            if (key.Any(c => c <= ' ' || c >= '\u007F'))
                return "ApiKey is malformed: a Kling gateway token is visible ASCII, with no spaces, control characters or line breaks.";
            if (key.StartsWith("sqk_", StringComparison.Ordinal))
                return "ApiKey is a SmartlyQ key (sqk_…), not a Kling gateway token.";
            return null;
        }

        /// <summary>A gateway token: Bearer, its <c>sk-</c> prefix visible.</summary>
        public static ApiCredential CredentialFor(string key) => ApiCredential.Bearer(key, GatewayPrefix);

        /// <summary>
        /// The official key pair: <paramref name="accessKey"/> (the JWT's <c>iss</c>) and <paramref name="secretKey"/> (the
        /// HS256 signing key). Each request carries a JWT valid 30 minutes, reused until a minute before it expires.
        /// </summary>
        public static ApiCredential KeyPairCredentialFor(string accessKey, string secretKey)
        {
            var issuer = new KlingTokenIssuer(TimeProvider.System);
            return ApiCredential.SignedBearer(accessKey, secretKey, issuer.Token);
        }
    }
}
