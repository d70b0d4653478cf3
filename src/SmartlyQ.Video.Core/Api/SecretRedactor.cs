using System;

namespace SmartlyQ.Video.Core.Api
{
    /// <summary>
    /// Removes the API key from text that came from elsewhere (an API error message that echoes the header,
    /// an exception message in a log line) before it reaches an exception or the log.
    /// </summary>
    internal sealed class SecretRedactor
    {
        private const int PrefixLength = 9; // "sqk_live_" and "sqk_test_"
        private readonly ApiKey _key;

        public SecretRedactor(ApiKey key)
        {
            _key = key;
        }

        public string Redact(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            string bearer = _key.ToBearerValue();
            string secret = bearer.Substring("Bearer ".Length);
            string result = text.Replace(secret, _key.ToString());

            // The part after the prefix alone is as secret as the whole key.
            if (secret.Length > PrefixLength + 3)
                result = result.Replace(secret.Substring(PrefixLength), "…");
            return result;
        }

        public string? RedactOrNull(string? text) => text == null ? null : Redact(text);
    }
}
