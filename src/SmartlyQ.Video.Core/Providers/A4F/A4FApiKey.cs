using System;
using System.Linq;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// A4F's key format (inferred from public client code, research sheet §5): <c>ddc-a4f-</c> followed by 32 lower-case
    /// hex digits, sent as <c>Authorization: Bearer</c>.
    /// </summary>
    internal static class A4FApiKey
    {
        /// <summary>The public prefix, the only part of a key that messages may show.</summary>
        public const string Prefix = "ddc-a4f-";

        /// <summary>Hex digits after the prefix.</summary>
        public const int HexLength = 32;

        /// <summary>What a key looks like, for messages.</summary>
        public const string Expected = "an A4F key is ddc-a4f- followed by 32 hex digits";

        /// <summary>
        /// Null for a trimmed <paramref name="key"/> of <c>ddc-a4f-</c> and 32 hex digits; otherwise why not (naming A4F
        /// and the expected format, never quoting the key). A SmartlyQ key (<c>sqk_…</c>) is called out as such.
        /// </summary>
        public static string? FormatError(string key)
        {
            if (string.IsNullOrEmpty(key)) return "ApiKey is empty: " + Expected + ".";
            if (key.Any(c => c <= ' ' || c >= '\u007F'))
                return "ApiKey is malformed: " + Expected + ", with no spaces, control characters or line breaks.";
            if (key.StartsWith("sqk_", StringComparison.Ordinal))
                return "ApiKey is a SmartlyQ key (sqk_…), not an A4F one: " + Expected + ".";
            if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length != Prefix.Length + HexLength
                || !key.Skip(Prefix.Length).All(Uri.IsHexDigit))
                return "ApiKey is malformed: " + Expected + ".";
            return null;
        }

        /// <summary>Bearer, its <c>ddc-a4f-</c> prefix visible.</summary>
        public static ApiCredential CredentialFor(string key) => ApiCredential.Bearer(key, Prefix);
    }
}
