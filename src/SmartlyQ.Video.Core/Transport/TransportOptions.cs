using System;
using System.Net.Http;
using System.Threading;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// Settings of one <see cref="HttpTransport"/>: where the API is, how the key is sent, retries, timeouts, pacing,
    /// logs, and the provider's readers of error bodies and rate-limit headers. Defaults as in <see cref="ProviderSettings"/>.
    /// </summary>
    internal sealed class TransportOptions
    {
        /// <summary>Registry name of the provider, named by errors the transport raises itself (e.g. an uncertain submission).</summary>
        public string ProviderName { get; init; } = "API";

        /// <summary>API root including the version path. Plain http is refused except for loopback hosts.</summary>
        public Uri? BaseUri { get; init; }

        /// <summary>The provider's public root, given as the example in base URI errors.</summary>
        public Uri DefaultBaseUri { get; init; } = new Uri("https://api.example.com/v1");

        /// <summary>The key and how it is sent. Required.</summary>
        public ApiCredential? Credential { get; init; }

        /// <summary>The provider's error envelope. Required.</summary>
        public IResponseErrorReader? ErrorReader { get; init; }

        /// <summary>The provider's rate-limit headers. Required.</summary>
        public IRateLimitReader? RateLimits { get; init; }

        /// <summary>The limit the pacer assumes until an answer shows one (default: none known).</summary>
        public RateLimitSeed PacingSeed { get; init; } = RateLimitSeed.Unknown;

        /// <summary>Retries after the first attempt (default 4; 0 disables); also the resumes one download may make.</summary>
        public int MaxRetries { get; init; } = 4;

        /// <summary>First backoff delay; doubles per retry with jitter (default 1 s). A 429's Retry-After takes precedence.</summary>
        public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>Longest wait between two attempts, whatever Retry-After says (default 60 s).</summary>
        public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Longest wait for one attempt (default 30 s). For an API call it bounds the whole request and its answer;
        /// for a download, the wait for the response headers and every stall between two reads of the body.
        /// <see cref="Timeout.InfiniteTimeSpan"/> disables it; otherwise 10 ms to 1 day.
        /// </summary>
        public TimeSpan AttemptTimeout { get; init; } = ProviderSettings.DefaultAttemptTimeout;

        /// <summary>Longest time one API call may take, all attempts and waits included (default 5 min); not for downloads.</summary>
        public TimeSpan TotalTimeout { get; init; } = ProviderSettings.DefaultTotalTimeout;

        /// <summary>Longest time one download may take, resumes included (default none).</summary>
        public TimeSpan DownloadTotalTimeout { get; init; } = Timeout.InfiniteTimeSpan;

        /// <summary>Client-side pacing per key (default true); see <see cref="RequestPacer"/>.</summary>
        public bool Pacing { get; init; } = true;

        /// <summary>One line per retry, resume or pacing wait (redacted, no query strings). Called from any thread.</summary>
        public Action<string>? Log { get; init; }

        /// <summary>One line per HTTP request as its answer arrives. Called from any thread.</summary>
        public Action<string>? RequestLog { get; init; }

        /// <summary>Each request's and response's headers, credentials redacted. Called from any thread.</summary>
        public Action<string>? DebugLog { get; init; }

        /// <summary>Replaces the network handler (tests); the transport does not dispose it.</summary>
        public HttpMessageHandler? Handler { get; init; }

        /// <summary>The counters to add this transport's requests to (several transports of one client share them); null: its own.</summary>
        public ClientStatistics? Statistics { get; init; }

        /// <summary>
        /// The options a provider builds from Connect's <paramref name="settings"/>, with its own readers, pacing seed
        /// (replaced by <see cref="ProviderSettings.RequestsPerSecond"/> when given) and public root.
        /// </summary>
        public static TransportOptions From(
            ProviderSettings settings, string providerName, Uri defaultBaseUri, IResponseErrorReader errorReader, IRateLimitReader rateLimits, RateLimitSeed pacingSeed)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            return new TransportOptions
            {
                ProviderName = providerName,
                BaseUri = settings.BaseUri ?? defaultBaseUri,
                DefaultBaseUri = defaultBaseUri,
                Credential = settings.Credential,
                ErrorReader = errorReader,
                RateLimits = rateLimits,
                PacingSeed = settings.RequestsPerSecond is double rate ? RateLimitSeed.PerSecond(rate) : pacingSeed,
                MaxRetries = settings.MaxRetries,
                RetryBaseDelay = settings.RetryBaseDelay,
                MaxRetryDelay = settings.MaxRetryDelay,
                AttemptTimeout = settings.AttemptTimeout,
                TotalTimeout = settings.TotalTimeout,
                DownloadTotalTimeout = settings.DownloadTotalTimeout,
                Pacing = settings.Pacing,
                Log = settings.Log,
                RequestLog = settings.RequestLog,
                DebugLog = settings.DebugLog,
                Handler = settings.Handler,
            };
        }
    }
}
