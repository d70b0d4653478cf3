using System;
using System.Linq;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>OpenAI's line in the <see cref="ProviderRegistry"/> (also any new-api gateway's <c>/v1/videos</c>, with <c>-BaseUri</c>).</summary>
    internal static class OpenAIProvider
    {
        /// <summary>Registry name.</summary>
        public const string Name = "OpenAI";

        /// <summary>The public API root.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://api.openai.com/v1");

        private const string KeyPrefix = "sk-";

        /// <summary>
        /// <c>OpenAI</c> at <c>https://api.openai.com/v1</c>, key from <c>OPENAI_API_KEY</c>, keys <c>sk-…</c> (project keys
        /// <c>sk-proj-…</c>, gateway tokens <c>sk-…</c>) sent as <c>Authorization: Bearer</c>.
        /// </summary>
        public static ProviderEntry Entry { get; } = new ProviderEntry
        {
            Name = Name,
            DefaultBaseUri = DefaultBaseUri,
            ApiKeyEnvironmentVariable = "OPENAI_API_KEY",
            KeyFormatError = FormatError,
            Credential = key => ApiCredential.Bearer(key, KeyPrefix),
            Create = settings => new OpenAIVideoClient(settings, TimeProvider.System),
            KeyHelp = "Create a key at https://platform.openai.com/api-keys (it starts with sk-); a gateway gives its own sk- token.",
        };

        /// <summary>Null for <c>sk-</c> followed by visible ASCII; otherwise why not, never quoting the key.</summary>
        internal static string? FormatError(string key)
        {
            if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal))
                return "ApiKey is malformed: an OpenAI key (or a gateway's token) starts with sk-.";
            // Visible ASCII only: the key goes into a header verbatim, where CR/LF would start a header of its own.
            if (key.Length == KeyPrefix.Length || key.Any(c => c <= ' ' || c >= '\u007F'))
                return "ApiKey is malformed: expected sk- followed by the key's characters (visible ASCII), with no spaces, control characters or line breaks.";
            return null;
        }
    }
}
