using System;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>SmartlyQ's line in the <see cref="ProviderRegistry"/>.</summary>
    internal static class SmartlyQProvider
    {
        /// <summary>
        /// <c>SmartlyQ</c> at <c>https://api.smartlyq.com/v1</c>, key from <c>SMARTLYQ_API_KEY</c>, keys
        /// <c>sqk_live_…</c> (charged) or <c>sqk_test_…</c> (free) sent as <c>Authorization: Bearer</c>.
        /// </summary>
        public static ProviderEntry Entry { get; } = new ProviderEntry
        {
            Name = WireMapper.Provider,
            DefaultBaseUri = SmartlyQClientOptions.DefaultBaseUri,
            ApiKeyEnvironmentVariable = "SMARTLYQ_API_KEY",
            KeyFormatError = ApiKey.FormatError,
            Credential = ApiKey.CredentialFor,
            Create = settings => new SmartlyQClient(settings, TimeProvider.System),
            KeyHelp = "Create a key in the SmartlyQ Developer Dashboard (it starts with sqk_live_ or sqk_test_).",
            IsTestKey = key => ApiKey.ModeOf(key) == ApiKeyMode.Test,
        };
    }
}
