using System;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>Kling's line in the <see cref="ProviderRegistry"/>.</summary>
    internal static class KlingProvider
    {
        /// <summary>Registry name written on every model, job and error.</summary>
        public const string Name = "Kling";

        /// <summary>
        /// Kling's official API for servers outside China, <c>https://api-singapore.klingai.com</c> (it replaced
        /// <c>https://api.klingai.com</c>); every path (<c>v1/videos/text2video</c>, <c>v1/videos/image2video</c>) is
        /// relative to it. A new-api gateway's Kling routes are at <c>https://&lt;gateway&gt;/kling</c>.
        /// </summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://api-singapore.klingai.com");

        /// <summary>
        /// <c>Kling</c> at <c>https://api-singapore.klingai.com</c>. Two ways to authenticate: a gateway token
        /// (<c>-ApiKey</c>, or <c>KLING_API_KEY</c>) sent as <c>Authorization: Bearer</c>; or the official access key and
        /// secret key as <c>-Credential</c> (user name = access key, password = secret key), which sign every request
        /// with a short-lived HS256 JWT (<see cref="KlingJwt"/>). Every key is live.
        /// </summary>
        public static ProviderEntry Entry { get; } = new ProviderEntry
        {
            Name = Name,
            DefaultBaseUri = DefaultBaseUri,
            ApiKeyEnvironmentVariable = "KLING_API_KEY",
            KeyFormatError = KlingApiKey.FormatError,
            Credential = KlingApiKey.CredentialFor,
            KeyPairCredential = KlingApiKey.KeyPairCredentialFor,
            Create = settings => new KlingClient(settings, TimeProvider.System),
            KeyHelp = "For Kling's official API pass -Credential with the access key as user name and the secret key as password "
                      + "(https://app.klingai.com/global/dev); for a new-api gateway pass its token as -ApiKey or set KLING_API_KEY.",
        };
    }
}
