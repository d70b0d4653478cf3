using System;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>The new-api gateway's task endpoint (<c>/v1/video/generations</c>) as a line in the <see cref="ProviderRegistry"/>.</summary>
    internal static class NewApiProvider
    {
        /// <summary>Registry name written on every model, job and error.</summary>
        public const string Name = "NewApi";

        /// <summary>The client's error for settings without a base URI (Connect itself stops earlier, with <see cref="BaseUriHelp"/>).</summary>
        public const string MissingBaseUriMessage =
            "BaseUri is required for NewApi: a new-api gateway is self-hosted and has no public address; pass -BaseUri https://your-gateway/v1 (the gateway's root with /v1).";

        /// <summary>What to pass as -BaseUri: a new-api gateway is self-hosted, so there is no public default.</summary>
        public const string BaseUriHelp = "the gateway's root with /v1, e.g. https://your-gateway/v1";

        /// <summary>
        /// <c>NewApi</c>, no default root (Connect without -BaseUri fails with <c>BaseUriRequired</c>), key from
        /// <c>NEWAPI_API_KEY</c>: any token the gateway issued (<c>sk-…</c> typically), sent as <c>Authorization: Bearer</c>.
        /// </summary>
        public static ProviderEntry Entry { get; } = new ProviderEntry
        {
            Name = Name,
            DefaultBaseUri = null,
            BaseUriHelp = BaseUriHelp,
            ApiKeyEnvironmentVariable = "NEWAPI_API_KEY",
            KeyFormatError = NewApiApiKey.FormatError,
            Credential = NewApiApiKey.CredentialFor,
            Create = settings => new NewApiClient(settings, TimeProvider.System),
            KeyHelp = "Create a token in the gateway's dashboard (Tokens page); it usually starts with sk-.",
        };
    }
}
