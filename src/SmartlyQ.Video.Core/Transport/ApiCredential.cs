using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// How requests prove the key: <c>Authorization: Bearer &lt;secret&gt;</c> (<see cref="Bearer"/>), a named header
    /// such as <c>x-api-key: &lt;secret&gt;</c> (<see cref="Header"/>), or <c>Authorization: Bearer &lt;token&gt;</c> with a
    /// token computed per request from a key id and its secret (<see cref="SignedBearer"/>, e.g. a short-lived signed
    /// token); such tokens are redacted like the secret. The secret is held as a read-only
    /// <see cref="SecureString"/> and revealed only to build the header; <see cref="ToString"/>, <see cref="Masked"/> and
    /// <see cref="Fingerprint"/> never contain it.
    /// </summary>
    public sealed class ApiCredential
    {
        // A visible prefix must leave this much of the key hidden.
        private const int ShortestHiddenPart = 4;
        // Tokens a signed credential made lately: redacted like the secret (a token is a credential while it lives).
        private const int RememberedTokens = 8;
        private readonly SecureString _secret;
        private readonly string? _keyId;
        private readonly Func<string, string, string>? _mint;
        private readonly object _tokensLock = new object();
        private readonly string?[] _tokens = new string?[RememberedTokens];
        private int _nextToken;

        private ApiCredential(SecureString secret, string? headerName, string masked, string fingerprint, string? keyId = null, Func<string, string, string>? mint = null)
        {
            _secret = secret;
            _keyId = keyId;
            _mint = mint;
            HeaderName = headerName;
            Masked = masked;
            Fingerprint = fingerprint;
        }

        /// <summary>The header that carries the secret; null for <c>Authorization: Bearer</c>.</summary>
        public string? HeaderName { get; }

        /// <summary>The key's public prefix and an ellipsis, e.g. <c>sqk_live_…</c> or <c>sk-proj-…</c>; <c>…</c> when none was given.</summary>
        public string Masked { get; }

        /// <summary>A short non-secret hash of the key (<c>sha256:</c> and 12 hex digits), to tell keys apart in journals.</summary>
        public string Fingerprint { get; }

        /// <summary>
        /// <c>Authorization: Bearer <paramref name="secret"/></c>. <paramref name="visiblePrefix"/> is the key format's
        /// public prefix (e.g. <c>sqk_live_</c>) that <see cref="Masked"/> and redacted text may show; it is used only when
        /// the secret starts with it and leaves at least 4 characters hidden. Throws <see cref="ArgumentException"/> naming
        /// <c>ApiKey</c> when the secret is empty or holds anything but visible ASCII (a space, control character or
        /// line break would corrupt the header); the message never contains the secret.
        /// </summary>
        public static ApiCredential Bearer(string secret, string? visiblePrefix = null) => Create(null, secret, visiblePrefix);

        /// <summary>
        /// <c><paramref name="name"/>: <paramref name="secret"/></c>, e.g. <c>x-api-key</c>. Throws
        /// <see cref="ArgumentException"/> naming <c>HeaderName</c> for a name that is not an HTTP token or is
        /// <c>Authorization</c> (use <see cref="Bearer"/>), and as <see cref="Bearer"/> for the secret.
        /// </summary>
        public static ApiCredential Header(string name, string secret, string? visiblePrefix = null)
        {
            if (string.IsNullOrEmpty(name) || !IsToken(name))
                throw new ArgumentException("HeaderName must be an HTTP header name such as x-api-key.", "HeaderName");
            return Create(name, secret, visiblePrefix);
        }

        /// <summary>
        /// <c>Authorization: Bearer &lt;token&gt;</c> where the token is <paramref name="mint"/>(key id, secret), called for
        /// every request (it may cache a token until near its expiry). For APIs that sign short-lived tokens with a key
        /// pair: <paramref name="keyId"/> names the key (not secret; <see cref="Masked"/> shows its first 4 characters when
        /// it is at least 8 long) and <paramref name="secret"/> signs (never shown). Throws <see cref="ArgumentException"/>
        /// naming <c>Credential</c> when the key id is empty or holds anything but visible ASCII, and as <see cref="Bearer"/>
        /// for the secret. A minted token that is not visible ASCII fails the request with
        /// <see cref="InvalidOperationException"/>, without quoting it.
        /// </summary>
        public static ApiCredential SignedBearer(string keyId, string secret, Func<string, string, string> mint)
        {
            if (mint == null) throw new ArgumentNullException(nameof(mint));
            string id = (keyId ?? "").Trim();
            if (id.Length == 0) throw new ArgumentException("Credential has no user name: it is the key id (access key) that names the key.", "Credential");
            foreach (char c in id)
                if (c <= ' ' || c >= '\u007F')
                    throw new ArgumentException("Credential's user name is malformed: a key id is visible ASCII characters, with no spaces, control characters or line breaks.", "Credential");
            ApiCredential plain = Create(null, secret, null);
            string masked = (id.Length >= 8 ? id.Substring(0, 4) : "") + "…";
            return new ApiCredential(plain._secret, null, masked, FingerprintOf(id + "\n" + SecureText.Reveal(plain._secret)), id, mint);
        }

        /// <summary>True for a <see cref="SignedBearer"/> credential, whose header value is computed per request.</summary>
        public bool IsSigned => _mint != null;

        /// <summary><c>Bearer sqk_live_…</c> or <c>x-api-key: sk-nano-…</c>: the scheme and the masked key only.</summary>
        public override string ToString() => (HeaderName == null ? "Bearer " : HeaderName + ": ") + Masked;

        /// <summary>Adds the credential's header to <paramref name="request"/>.</summary>
        internal void Apply(HttpRequestMessage request)
        {
            // Typed, not parsed from text: a parse failure's message would quote the key; its characters were checked.
            if (_mint != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Mint());
            else if (HeaderName == null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Reveal());
            else request.Headers.TryAddWithoutValidation(HeaderName, Reveal());
        }

        /// <summary>
        /// <paramref name="text"/> with the secret replaced by <see cref="Masked"/>, and the part after its public prefix
        /// (as secret as the whole key) by <c>…</c>.
        /// </summary>
        internal string Redact(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            string secret = Reveal();
            string result = text.Replace(secret, Masked);
            int prefix = Masked.Length - 1;
            if (secret.Length > prefix + 3) result = result.Replace(secret.Substring(prefix), "…");
            if (_mint != null)
                lock (_tokensLock)
                    foreach (string? token in _tokens)
                        if (!string.IsNullOrEmpty(token)) result = result.Replace(token, "…");
            return result;
        }

        private static ApiCredential Create(string? headerName, string secret, string? visiblePrefix)
        {
            string trimmed = (secret ?? "").Trim();
            if (trimmed.Length == 0) throw new ArgumentException("ApiKey is empty.", "ApiKey");
            foreach (char c in trimmed)
                if (c <= ' ' || c >= '\u007F')
                    throw new ArgumentException("ApiKey is malformed: a key is visible ASCII characters, with no spaces, control characters or line breaks.", "ApiKey");

            var secure = new SecureString();
            foreach (char c in trimmed) secure.AppendChar(c);
            secure.MakeReadOnly();
            bool showPrefix = !string.IsNullOrEmpty(visiblePrefix) && trimmed.StartsWith(visiblePrefix, StringComparison.Ordinal)
                              && trimmed.Length - visiblePrefix!.Length >= ShortestHiddenPart;
            return new ApiCredential(secure, headerName, (showPrefix ? visiblePrefix : "") + "…", FingerprintOf(trimmed));
        }

        private static string FingerprintOf(string secret)
        {
            using (SHA256 sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(secret));
                var text = new StringBuilder("sha256:");
                for (int i = 0; i < 6; i++) text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                return text.ToString();
            }
        }

        private static bool IsToken(string name)
        {
            foreach (char c in name)
                if (c <= ' ' || c >= '\u007F' || "()<>@,;:\\\"/[]?={}".IndexOf(c) >= 0) return false;
            return !string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase);
        }

        private string Reveal() => SecureText.Reveal(_secret);

        /// <summary>A token from the signer, checked (it goes into a header) and remembered for redaction.</summary>
        private string Mint()
        {
            string token = _mint!(_keyId!, Reveal()) ?? "";
            foreach (char c in token)
                if (c <= ' ' || c >= '\u007F') throw new InvalidOperationException("The signed token is malformed (not visible ASCII); the request was not sent.");
            if (token.Length == 0) throw new InvalidOperationException("The signer made an empty token; the request was not sent.");
            lock (_tokensLock)
            {
                if (Array.IndexOf(_tokens, token) < 0)
                {
                    _tokens[_nextToken] = token;
                    _nextToken = (_nextToken + 1) % RememberedTokens;
                }
            }
            return token;
        }
    }
}
