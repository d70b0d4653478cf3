using System;
using System.Linq;
using System.Runtime.InteropServices;
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
            string plain = Reveal(key);
            return FromPlainText(plain);
        }

        /// <summary>As <see cref="FromSecureString"/>, from text (environment variable <c>SMARTLYQ_API_KEY</c>).</summary>
        public static ApiKey FromPlainText(string key)
        {
            string trimmed = (key ?? "").Trim();
            if (trimmed.Length == 0)
                throw new ArgumentException("ApiKey is empty. Pass -ApiKey, -Credential, or set SMARTLYQ_API_KEY to a key that starts with sqk_live_ or sqk_test_.", "ApiKey");
            ApiKeyMode mode;
            if (trimmed.StartsWith(LivePrefix, StringComparison.Ordinal)) mode = ApiKeyMode.Live;
            else if (trimmed.StartsWith(TestPrefix, StringComparison.Ordinal)) mode = ApiKeyMode.Test;
            else throw new ArgumentException("ApiKey is malformed: a SmartlyQ key starts with sqk_live_ or sqk_test_.", "ApiKey");
            // Visible ASCII only: the key goes into a header verbatim, where CR/LF would start a header of its own.
            if (trimmed.Length == (mode == ApiKeyMode.Live ? LivePrefix : TestPrefix).Length || trimmed.Any(c => c <= ' ' || c >= '\u007F'))
                throw new ArgumentException("ApiKey is malformed: expected sqk_live_ or sqk_test_ followed by the key's characters (visible ASCII), with no spaces, control characters or line breaks.", "ApiKey");

            var secure = new SecureString();
            foreach (char c in trimmed) secure.AppendChar(c);
            secure.MakeReadOnly();
            return new ApiKey(secure, mode);
        }

        /// <summary>The key as <c>Authorization: Bearer</c>, its <c>sqk_live_</c>/<c>sqk_test_</c> prefix the only visible part.</summary>
        internal ApiCredential ToCredential() => ApiCredential.Bearer(Reveal(_secret), Mode == ApiKeyMode.Live ? LivePrefix : TestPrefix);

        /// <summary><c>sqk_live_…</c> or <c>sqk_test_…</c>: the prefix only.</summary>
        public override string ToString() => (Mode == ApiKeyMode.Live ? LivePrefix : TestPrefix) + "…";

        private static string Reveal(SecureString secure)
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                // With the length: without it the text would end at the first NUL, and a key with a NUL would be sent cut short instead of refused.
                return Marshal.PtrToStringUni(ptr, secure.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
