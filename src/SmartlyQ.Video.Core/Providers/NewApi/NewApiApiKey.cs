using System;
using System.Linq;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// A new-api token (research-2026-12/new-api-gateway.md §2): read from <c>Authorization</c>, <c>Bearer </c>
    /// optional, a leading <c>sk-</c> stripped by the gateway. Tokens are issued by each deployment, so any visible
    /// ASCII text is accepted; <c>sk-</c> is typical and is the only part messages may show.
    /// </summary>
    internal static class NewApiApiKey
    {
        /// <summary>The usual public prefix of a gateway token.</summary>
        public const string Prefix = "sk-";

        /// <summary>What a key looks like, for messages.</summary>
        public const string Expected = "a new-api token is the gateway's token, usually sk-…";

        /// <summary>
        /// Null for a trimmed, non-empty <paramref name="key"/> of visible ASCII that is not a SmartlyQ key; otherwise
        /// why not, naming NewApi and the expected format, never quoting the key.
        /// </summary>
        public static string? FormatError(string key)
        {
            if (string.IsNullOrEmpty(key)) return "ApiKey is empty: " + Expected + ".";
            // The key goes into a header verbatim, where CR/LF would start a header of its own.
            if (key.Any(c => c <= ' ' || c >= '\u007F'))
                return "ApiKey is malformed: " + Expected + ", with no spaces, control characters or line breaks.";
            if (key.StartsWith("sqk_", StringComparison.Ordinal))
                return "ApiKey is a SmartlyQ key (sqk_…), not a NewApi one: " + Expected + ".";
            return null;
        }

        /// <summary>Bearer, with <c>sk-</c> visible when the token has it.</summary>
        public static ApiCredential CredentialFor(string key)
            => ApiCredential.Bearer(key, key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length > Prefix.Length ? Prefix : null);
    }
}
