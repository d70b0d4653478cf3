using System;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// One line of the <see cref="ProviderRegistry"/>: how Connect finds, checks and creates a provider. Every member
    /// without a default is required.
    /// </summary>
    public sealed class ProviderEntry
    {
        /// <summary>Registry name as <c>-Provider</c> takes it, e.g. <c>SmartlyQ</c>, <c>OpenAI</c>, <c>NanoGPT</c>.</summary>
        public string Name { get; init; } = "";

        /// <summary>
        /// The provider's public API root, used when no base URI is given, e.g. <c>https://api.openai.com/v1</c>. Null for
        /// an API that has no public address (one reached through a self-hosted gateway): Connect then needs a base URI
        /// and, without one, fails with <see cref="BaseUriHelp"/>.
        /// </summary>
        public Uri? DefaultBaseUri { get; init; }

        /// <summary>
        /// For a provider without <see cref="DefaultBaseUri"/>: what base URI to pass, e.g. "the gateway's address with
        /// /jimeng, such as https://gateway.example.com/jimeng". Null otherwise.
        /// </summary>
        public string? BaseUriHelp { get; init; }

        /// <summary>The environment variable read when no key is passed, e.g. <c>SMARTLYQ_API_KEY</c>.</summary>
        public string ApiKeyEnvironmentVariable { get; init; } = "";

        /// <summary>
        /// The key format rule: null when the (trimmed) key is fine, else a message that names the expected format
        /// (e.g. "a SmartlyQ key starts with sqk_live_ or sqk_test_") and never echoes the key.
        /// </summary>
        public Func<string, string?> KeyFormatError { get; init; } = _ => null;

        /// <summary>
        /// The credential for a (trimmed) key that passed <see cref="KeyFormatError"/>: Bearer, or the provider's header,
        /// with the format's public prefix visible. Default: <see cref="ApiCredential.Bearer"/> with no visible prefix.
        /// </summary>
        public Func<string, ApiCredential> Credential { get; init; } = key => ApiCredential.Bearer(key);

        /// <summary>
        /// The credential for a key pair: -Credential's user name (the key id, e.g. an access key) and its password (the
        /// secret that signs, e.g. a secret key), for an API whose requests carry a token signed per request (see
        /// <see cref="ApiCredential.SignedBearer"/>). Throws <see cref="ArgumentException"/> for a pair it refuses, never
        /// quoting the secret. Null (default): the provider takes no key pair, -Credential's user name is ignored and its
        /// password is the key, as with -ApiKey.
        /// </summary>
        public Func<string, string, ApiCredential>? KeyPairCredential { get; init; }

        /// <summary>Builds the provider (throws <see cref="ArgumentException"/> naming the setting it refuses, e.g. <c>BaseUri</c>).</summary>
        public Func<ProviderSettings, IVideoProvider> Create { get; init; } = null!;

        /// <summary>Where to get a key, for the error about a missing or malformed one; null when there is nothing to add.</summary>
        public string? KeyHelp { get; init; }

        /// <summary>True for a key that charges nothing (e.g. SmartlyQ's <c>sqk_test_</c>); null: no key is a test key.</summary>
        public Func<string, bool>? IsTestKey { get; init; }

        /// <inheritdoc />
        public override string ToString() => Name + " (" + (DefaultBaseUri?.ToString() ?? "no default base URI") + ")";
    }
}
