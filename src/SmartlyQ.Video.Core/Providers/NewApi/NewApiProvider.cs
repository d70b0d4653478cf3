using System;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>The new-api gateway's task endpoint (<c>/v1/video/generations</c>) as a line in the <see cref="ProviderRegistry"/>.</summary>
    internal static class NewApiProvider
    {
        /// <summary>Registry name written on every model, job and error.</summary>
        public const string Name = "NewApi";

        /// <summary>
        /// A placeholder, not an API: a new-api gateway is self-hosted, so there is no public root. The reserved
        /// <c>.invalid</c> host (RFC 2606) can never resolve; <see cref="NewApiClient"/> refuses it with
        /// <see cref="MissingBaseUriMessage"/>, so <c>Connect-SmartlyQ -Provider NewApi</c> without <c>-BaseUri</c> fails
        /// before anything is sent.
        /// </summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://your-gateway.invalid/v1");

        /// <summary>The error for a connection without a base URI (or with the placeholder).</summary>
        public const string MissingBaseUriMessage =
            "BaseUri is required for NewApi: a new-api gateway is self-hosted and has no public address; pass -BaseUri https://your-gateway/v1 (the gateway's root with /v1).";

        /// <summary>
        /// <c>NewApi</c>, no default root (<see cref="DefaultBaseUri"/> is a placeholder Connect refuses), key from
        /// <c>NEWAPI_API_KEY</c>: any token the gateway issued (<c>sk-…</c> typically), sent as <c>Authorization: Bearer</c>.
        /// </summary>
        public static ProviderEntry Entry { get; } = new ProviderEntry
        {
            Name = Name,
            DefaultBaseUri = DefaultBaseUri,
            ApiKeyEnvironmentVariable = "NEWAPI_API_KEY",
            KeyFormatError = NewApiApiKey.FormatError,
            Credential = NewApiApiKey.CredentialFor,
            Create = settings => new NewApiClient(settings, TimeProvider.System),
            KeyHelp = "Create a token in the gateway's dashboard (Tokens page); it usually starts with sk-.",
        };
    }
}
