using System;
using System.Net.Http;
using System.Threading;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// What Connect gives a provider to build itself with (<see cref="ProviderEntry.Create"/>): where the API is, the
    /// checked credential, and the transport's retry, timeout, pacing and log settings. Defaults suit an unattended
    /// runbook: a hung connection is given up after <see cref="AttemptTimeout"/> and retried, an API call gives up
    /// after <see cref="TotalTimeout"/>, and a download keeps going as long as bytes keep arriving.
    /// </summary>
    public sealed class ProviderSettings
    {
        /// <summary>Default of <see cref="AttemptTimeout"/>: 30 seconds.</summary>
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);

        /// <summary>Default of <see cref="TotalTimeout"/>: 5 minutes.</summary>
        public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromMinutes(5);

        /// <summary>API root including its version path, e.g. <c>https://api.openai.com/v1</c>. Plain http only for loopback hosts.</summary>
        public Uri? BaseUri { get; init; }

        /// <summary>The key, already checked against the provider's key format. Required.</summary>
        public ApiCredential? Credential { get; init; }

        /// <summary>Replaces the network handler (tests); the provider does not dispose it. Null: the real network.</summary>
        public HttpMessageHandler? Handler { get; init; }

        /// <summary>Retries after the first attempt for 408, 429, 5xx, network errors and attempt timeouts (default 4; 0 disables); also resumes per download.</summary>
        public int MaxRetries { get; init; } = 4;

        /// <summary>First backoff delay; doubles per retry with jitter (default 1 s). A 429's Retry-After takes precedence.</summary>
        public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>Longest wait between two attempts, whatever Retry-After says (default 60 s).</summary>
        public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>Longest wait for one attempt (default 30 s; for a download, to the headers and between two reads). <see cref="Timeout.InfiniteTimeSpan"/>: none.</summary>
        public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

        /// <summary>Longest time one API call may take, all attempts and waits included (default 5 min). <see cref="Timeout.InfiniteTimeSpan"/>: none.</summary>
        public TimeSpan TotalTimeout { get; init; } = DefaultTotalTimeout;

        /// <summary>Longest time one download may take, resumes included (default none).</summary>
        public TimeSpan DownloadTotalTimeout { get; init; } = Timeout.InfiniteTimeSpan;

        /// <summary>
        /// Requests per second the key may send (Connect's <c>-RequestsPerSecond</c>), replacing the provider's assumption
        /// until an answer states the limit: for an API that sends no limit headers (a gateway whose operator set the
        /// limit) this is the pace. Null (default): the provider's documented or conservative rate.
        /// </summary>
        public double? RequestsPerSecond { get; init; }

        /// <summary>Client-side pacing per key from the API's rate-limit headers (default true): as the key's only client, no 429.</summary>
        public bool Pacing { get; init; } = true;

        /// <summary>Receives one line per retry, resume or pacing wait (no key, no query string). Called from any thread.</summary>
        public Action<string>? Log { get; init; }

        /// <summary>Receives one line per HTTP request as its answer arrives (method, path, status, time, request id). Called from any thread.</summary>
        public Action<string>? RequestLog { get; init; }

        /// <summary>Receives each request's and response's headers, credentials redacted. Called from any thread.</summary>
        public Action<string>? DebugLog { get; init; }
    }
}
