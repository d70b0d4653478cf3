using System;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>NanoGPT's line in the <see cref="ProviderRegistry"/>.</summary>
    internal static class NanoGptProvider
    {
        /// <summary>Registry name written on every model, job, balance and error.</summary>
        public const string Name = "NanoGPT";

        /// <summary>The OpenAPI server, <c>https://nano-gpt.com/api</c>; every path (<c>generate-video</c>, <c>video/status</c>, <c>v1/video-models</c>, <c>check-balance</c>) is relative to it.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://nano-gpt.com/api");

        /// <summary>
        /// <c>NanoGPT</c> at <c>https://nano-gpt.com/api</c>, key from <c>NANOGPT_API_KEY</c>, keys <c>sk-nano-…</c> or a
        /// legacy UUID sent as <c>x-api-key</c>. Every key is live (NanoGPT has no test keys).
        /// </summary>
        public static ProviderEntry Entry { get; } = new ProviderEntry
        {
            Name = Name,
            DefaultBaseUri = DefaultBaseUri,
            ApiKeyEnvironmentVariable = "NANOGPT_API_KEY",
            KeyFormatError = NanoGptApiKey.FormatError,
            Credential = NanoGptApiKey.CredentialFor,
            Create = settings => new NanoGptClient(settings, TimeProvider.System),
            KeyHelp = "Create a key on https://nano-gpt.com/api (it starts with sk-nano-; legacy keys are a plain UUID).",
        };
    }
}
