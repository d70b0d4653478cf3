using System;
using System.Linq;

namespace SmartlyQ.Video.Core.Providers.Jimeng
{
    /// <summary>
    /// The key of the Jimeng provider: a new-api token (research-2026-12/new-api-gateway.md §2), not Volcengine's
    /// AK/SK pair (the gateway signs upstream). Any visible ASCII text is accepted, as for NewApi.
    /// </summary>
    internal static class JimengApiKey
    {
        /// <summary>What a key looks like, for messages.</summary>
        public const string Expected = "a Jimeng key is the new-api gateway's token, usually sk-…";

        /// <summary>
        /// Null for a trimmed, non-empty <paramref name="key"/> of visible ASCII that is neither a SmartlyQ key nor a
        /// Volcengine <c>AK|SK</c> pair; otherwise why not, naming Jimeng and the expected format, never quoting the key.
        /// </summary>
        public static string? FormatError(string key)
        {
            if (string.IsNullOrEmpty(key)) return "ApiKey is empty: " + Expected + ".";
            // The key goes into a header verbatim, where CR/LF would start a header of its own.
            if (key.Any(c => c <= ' ' || c >= '\u007F'))
                return "ApiKey is malformed: " + Expected + ", with no spaces, control characters or line breaks.";
            if (key.StartsWith("sqk_", StringComparison.Ordinal))
                return "ApiKey is a SmartlyQ key (sqk_…), not a Jimeng one: " + Expected + ".";
            // ak|sk is the gateway's channel key; sent as a Bearer token it would only be refused (and would travel needlessly).
            if (key.IndexOf('|') >= 0)
                return "ApiKey looks like a Volcengine AK|SK pair: that is the gateway's channel key; " + Expected + ".";
            return null;
        }
    }
}
