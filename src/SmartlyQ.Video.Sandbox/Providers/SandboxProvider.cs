using System;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// One emulated API as <c>GET /sandbox/providers</c> and the startup banner list it: its name
    /// (<see cref="SandboxProviderNames"/>), the base URI a client of that API takes (e.g. an OpenAI SDK's <c>baseURL</c>),
    /// a key it accepts (the first configured one; null when none is), and whether its answers state the rate limit
    /// (<paramref name="RateLimitHeaders"/>: false for an API that sends no limit headers, e.g. NanoGPT and new-api), and
    /// whether it has no jobs to poll (<paramref name="Synchronous"/>: one request answers with the video, e.g. A4F).
    /// </summary>
    public sealed record SandboxProvider(string Name, Uri BaseUri, string? ApiKey, bool RateLimitHeaders, bool Synchronous = false);
}
