using System;
using System.Linq;
using System.Security;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// A SmartlyQ API key (<c>sqk_live_*</c> or <c>sqk_test_*</c>), held as a read-only <see cref="SecureString"/>.
    /// <see cref="ToString"/> shows only the prefix; the plain key is revealed only to build the
    /// <c>Authorization</c> header.
    /// </summary>
    public sealed class ApiKey
    {
        private const string LivePrefix = "sqk_live_";
        private const string TestPrefix = "sqk_test_";
        private readonly SecureString _secret;

        private ApiKey(SecureString secret, ApiKeyMode mode)
        {
            _secret = secret;
            Mode = mode;
        }

        /// <summary>Live keys spend real credits; test keys charge nothing.</summary>
        public ApiKeyMode Mode { get; }

        /// <summary>
        /// Wraps <paramref name="key"/> (copied, then made read-only).
        /// Throws <see cref="ArgumentException"/> naming <c>ApiKey</c> when it is empty, lacks the
        /// <c>sqk_live_</c>/<c>sqk_test_</c> prefix, or has anything but visible ASCII characters (a space, control
        /// character or line break would corrupt the <c>Authorization</c> header); the message never contains the key.
        /// </summary>
        public static ApiKey FromSecureString(SecureString key)
        {
            if (key == null) throw new ArgumentNullException(nameof(key));
            string plain = SecureText.Reveal(key);
            return FromPlainText(plain);
        }

        /// <summary>As <see cref="FromSecureString"/>, from text (environment variable <c>SMARTLYQ_API_KEY</c>).</summary>
        public static ApiKey FromPlainText(string key)
        {
            string trimmed = (key ?? "").Trim();
            if (trimmed.Length == 0)
                throw new ArgumentException("ApiKey is empty. Pass -ApiKey, -Credential, or set SMARTLYQ_API_KEY to a key that starts with sqk_live_ or sqk_test_.", "ApiKey");
            if (FormatError(trimmed) is string problem) throw new ArgumentException(problem, "ApiKey");
            ApiKeyMode mode = ModeOf(trimmed);

            var secure = new SecureString();
            foreach (char c in trimmed) secure.AppendChar(c);
            secure.MakeReadOnly();
            return new ApiKey(secure, mode);
        }

        /// <summary>
        /// SmartlyQ's key format rule (the registry entry's): null for a trimmed <paramref name="key"/> of
        /// <c>sqk_live_</c> or <c>sqk_test_</c> and visible ASCII after it; otherwise why not, never quoting the key.
        /// </summary>
        internal static string? FormatError(string key)
        {
            if (!key.StartsWith(LivePrefix, StringComparison.Ordinal) && !key.StartsWith(TestPrefix, StringComparison.Ordinal))
                return "ApiKey is malformed: a SmartlyQ key starts with sqk_live_ or sqk_test_.";
            // Visible ASCII only: the key goes into a header verbatim, where CR/LF would start a header of its own.
            if (key.Length == LivePrefix.Length || key.Any(c => c <= ' ' || c >= '\u007F'))
                return "ApiKey is malformed: expected sqk_live_ or sqk_test_ followed by the key's characters (visible ASCII), with no spaces, control characters or line breaks.";
            return null;
        }

        /// <summary>Test for a key that starts with <c>sqk_test_</c>, Live otherwise.</summary>
        internal static ApiKeyMode ModeOf(string key) => key.StartsWith(TestPrefix, StringComparison.Ordinal) ? ApiKeyMode.Test : ApiKeyMode.Live;

        /// <summary>The credential of a key that passed <see cref="FormatError"/>: Bearer, with its <c>sqk_live_</c>/<c>sqk_test_</c> prefix visible.</summary>
        internal static ApiCredential CredentialFor(string key) => ApiCredential.Bearer(key, ModeOf(key) == ApiKeyMode.Live ? LivePrefix : TestPrefix);

        /// <summary>The key as <c>Authorization: Bearer</c>, its <c>sqk_live_</c>/<c>sqk_test_</c> prefix the only visible part.</summary>
        internal ApiCredential ToCredential() => CredentialFor(SecureText.Reveal(_secret));

        /// <summary><c>sqk_live_…</c> or <c>sqk_test_…</c>: the prefix only.</summary>
        public override string ToString() => (Mode == ApiKeyMode.Live ? LivePrefix : TestPrefix) + "…";
    }
}
