using Microsoft.AspNetCore.Builder;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>
    /// Endpoint metadata: a request without a key is let through (e.g. NanoGPT's model lists, "auth optional"); a key
    /// that is sent must still be valid, and a valid one is the caller as usual.
    /// </summary>
    internal sealed record OptionalApiKey;

    internal static class OptionalApiKeyExtensions
    {
        public static RouteHandlerBuilder AllowWithoutKey(this RouteHandlerBuilder builder) => builder.WithMetadata(new OptionalApiKey());
    }
}
