using System;
using System.Linq;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// A4F's key format (inferred from public client code, research sheet §5): <c>ddc-a4f-</c> followed by 32 characters,
    /// hex digits in every key seen. The rule takes any 32 letters and digits: the format is inferred, and refusing a
    /// real key would be worse than letting A4F refuse a wrong one. Sent as <c>Authorization: Bearer</c>.
    /// </summary>
    internal static class A4FApiKey
    {
        /// <summary>The public prefix, the only part of a key that messages may show.</summary>
        public const string Prefix = "ddc-a4f-";

        /// <summary>Characters after the prefix.</summary>
        public const int HexLength = 32;

        /// <summary>What a key looks like, for messages.</summary>
        public const string Expected = "an A4F key is ddc-a4f- followed by 32 letters and digits (hex in the keys A4F issues)";

        /// <summary>
        /// Null for a trimmed <paramref name="key"/> of <c>ddc-a4f-</c> and 32 ASCII letters and digits; otherwise why not (naming A4F
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
                || !key.Skip(Prefix.Length).All(c => c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'))
                return "ApiKey is malformed: " + Expected + ".";
            return null;
        }

        /// <summary>Bearer, its <c>ddc-a4f-</c> prefix visible.</summary>
        public static ApiCredential CredentialFor(string key) => ApiCredential.Bearer(key, Prefix);
    }
}
