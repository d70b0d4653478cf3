using System;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>A4F's line in the <see cref="ProviderRegistry"/>.</summary>
    internal static class A4FProvider
    {
        /// <summary>Registry name written on every model, job and error.</summary>
        public const string Name = "A4F";

        /// <summary><c>https://api.a4f.co/v1</c>; <c>video/generations</c> and <c>models</c> are relative to it.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://api.a4f.co/v1");

        /// <summary><c>A4F</c> at <c>https://api.a4f.co/v1</c>, key from <c>A4F_API_KEY</c>, keys <c>ddc-a4f-&lt;32 hex&gt;</c> as Bearer.</summary>
        public static ProviderEntry Entry { get; } = new ProviderEntry
        {
            Name = Name,
            DefaultBaseUri = DefaultBaseUri,
            ApiKeyEnvironmentVariable = "A4F_API_KEY",
            KeyFormatError = A4FApiKey.FormatError,
            Credential = A4FApiKey.CredentialFor,
            Create = settings => new A4FClient(settings, TimeProvider.System),
            KeyHelp = "Create a key on https://www.a4f.co (it starts with ddc-a4f-); video generation needs the Pro or Ultra plan.",
        };
    }
}
