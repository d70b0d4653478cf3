using System;
using System.Linq;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>
    /// NanoGPT's key format (docs <c>authentication.mdx</c>): new keys are <c>sk-nano-&lt;uuid&gt;</c>, legacy keys a
    /// plain UUID (<c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>); both are accepted. The key is sent as <c>x-api-key</c>
    /// (the header the video endpoints document), never as <c>Authorization</c>.
    /// </summary>
    internal static class NanoGptApiKey
    {
        /// <summary>The public prefix of current keys, the only part of a key that messages may show.</summary>
        public const string Prefix = "sk-nano-";

        /// <summary>The header the key travels in.</summary>
        public const string Header = "x-api-key";

        /// <summary>What a key looks like, for messages.</summary>
        public const string Expected = "a NanoGPT key starts with sk-nano- (legacy keys are a plain UUID such as 0b8f…-…)";

        /// <summary>
        /// Null for a trimmed <paramref name="key"/> of <c>sk-nano-</c> followed by visible ASCII, or a legacy UUID;
        /// otherwise why not (naming NanoGPT and the expected format, never quoting the key). A SmartlyQ key
        /// (<c>sqk_…</c>) is called out as such: the usual mistake when switching providers.
        /// </summary>
        public static string? FormatError(string key)
        {
            if (string.IsNullOrEmpty(key)) return "ApiKey is empty: " + Expected + ".";
            // Visible ASCII only: the key goes into a header verbatim, where CR/LF would start a header of its own.
            if (key.Any(c => c <= ' ' || c >= '\u007F'))
                return "ApiKey is malformed: " + Expected + ", with no spaces, control characters or line breaks.";
            if (key.StartsWith("sqk_", StringComparison.Ordinal))
                return "ApiKey is a SmartlyQ key (sqk_…), not a NanoGPT one: " + Expected + ".";
            if (key.StartsWith(Prefix, StringComparison.Ordinal))
                return key.Length > Prefix.Length ? null : "ApiKey is malformed: " + Expected + ", followed by the key's characters.";
            return IsUuid(key) ? null : "ApiKey is malformed: " + Expected + ".";
        }

        /// <summary>The credential of a key that passed <see cref="FormatError"/>: <c>x-api-key</c>, its <c>sk-nano-</c> prefix visible.</summary>
        public static ApiCredential CredentialFor(string key) => ApiCredential.Header(Header, key, Prefix);

        /// <summary>8-4-4-4-12 hex digits.</summary>
        private static bool IsUuid(string key)
        {
            if (key.Length != 36) return false;
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                bool dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : !Uri.IsHexDigit(c)) return false;
            }
            return true;
        }
    }
}
