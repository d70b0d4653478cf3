using System;

namespace SmartlyQ.Video.Core.Providers.Jimeng
{
    /// <summary>Jimeng (Volcengine's CVSync2Async video API) through a new-api gateway's <c>/jimeng/</c> route, as a line in the <see cref="ProviderRegistry"/>.</summary>
    internal static class JimengProvider
    {
        /// <summary>Registry name written on every model, job and error.</summary>
        public const string Name = "Jimeng";

        /// <summary>The key's environment variable: a new-api token, as for NewApi (one deployment, one token).</summary>
        public const string ApiKeyVariable = "JIMENG_API_KEY";

        /// <summary>The client's error for settings without a base URI (Connect itself stops earlier, with <see cref="BaseUriHelp"/>).</summary>
        public const string MissingBaseUriMessage =
            "BaseUri is required for Jimeng: Jimeng is reached through a self-hosted new-api gateway, which has no public address; pass -BaseUri https://your-gateway/ (the gateway's root; the client adds /jimeng/).";

        /// <summary>What to pass as -BaseUri: the gateway's root (a base ending in <c>/jimeng</c> or <c>/v1</c> is taken as that root too).</summary>
        public const string BaseUriHelp = "the new-api gateway's root, e.g. https://your-gateway/ (the client adds /jimeng/)";

        /// <summary>
        /// <c>Jimeng</c>, no default root (Connect without -BaseUri fails with <c>BaseUriRequired</c>), key from
        /// <c>JIMENG_API_KEY</c>: a token of the gateway (<c>sk-…</c> typically), sent as <c>Authorization: Bearer</c>.
        /// </summary>
        public static ProviderEntry Entry { get; } = new ProviderEntry
        {
            Name = Name,
            DefaultBaseUri = null,
            BaseUriHelp = BaseUriHelp,
            ApiKeyEnvironmentVariable = ApiKeyVariable,
            KeyFormatError = JimengApiKey.FormatError,
            Credential = NewApi.NewApiApiKey.CredentialFor,
            Create = settings => new JimengClient(settings, TimeProvider.System),
            KeyHelp = "Create a token in the new-api gateway's dashboard (Tokens page); it usually starts with sk-. Jimeng's own Volcengine AK/SK pair is the gateway's business, not the client's.",
        };
    }
}
