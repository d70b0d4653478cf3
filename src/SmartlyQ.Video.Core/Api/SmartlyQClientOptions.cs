using System;
using System.Net.Http;

namespace SmartlyQ.Video.Core.Api
{
    /// <summary>Settings of one <see cref="SmartlyQClient"/>.</summary>
    public sealed class SmartlyQClientOptions
    {
        /// <summary>The production base URI, <c>https://api.smartlyq.com/v1</c>.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://api.smartlyq.com/v1");

        /// <summary>The key sent as <c>Authorization: Bearer</c>. Required.</summary>
        public ApiKey? ApiKey { get; init; }

        /// <summary>API root including the version segment. Plain http is refused except for loopback hosts.</summary>
        public Uri BaseUri { get; init; } = DefaultBaseUri;

        /// <summary>Retries after the first attempt for 429, 5xx and network errors (default 4; 0 disables).</summary>
        public int MaxRetries { get; init; } = 4;

        /// <summary>First backoff delay; doubles per retry with jitter (default 1 s). A 429's Retry-After takes precedence.</summary>
        public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>Longest wait between two attempts, whatever Retry-After says (default 60 s).</summary>
        public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>Receives one line per retry (no secrets), e.g. for -Verbose. Called from any thread.</summary>
        public Action<string>? Log { get; init; }

        /// <summary>Replaces the network handler (tests). The client does not dispose it.</summary>
        public HttpMessageHandler? Handler { get; init; }
    }
}
