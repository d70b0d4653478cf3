using System;
using System.Net.Http;
using System.Threading;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Settings of one <see cref="SmartlyQClient"/>. The defaults suit an unattended runbook: a hung connection is
    /// given up after <see cref="AttemptTimeout"/> and retried, an API call gives up after <see cref="TotalTimeout"/>,
    /// and a download keeps going as long as bytes keep arriving.
    /// </summary>
    public sealed class SmartlyQClientOptions
    {
        /// <summary>The production base URI, <c>https://api.smartlyq.com/v1</c>.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://api.smartlyq.com/v1");

        /// <summary>Default of <see cref="AttemptTimeout"/>: 30 seconds.</summary>
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);

        /// <summary>Default of <see cref="TotalTimeout"/>: 5 minutes.</summary>
        public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromMinutes(5);

        /// <summary>The key sent as <c>Authorization: Bearer</c>. Required.</summary>
        public ApiKey? ApiKey { get; init; }

        /// <summary>API root including the version segment. Plain http is refused except for loopback hosts.</summary>
        public Uri BaseUri { get; init; } = DefaultBaseUri;

        /// <summary>
        /// Retries after the first attempt for 408, 429, 5xx, network errors and attempt timeouts (default 4; 0 disables).
        /// Also the number of times one download may resume after its connection broke off.
        /// </summary>
        public int MaxRetries { get; init; } = 4;

        /// <summary>First backoff delay; doubles per retry with jitter (default 1 s). A 429's Retry-After takes precedence.</summary>
        public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>Longest wait between two attempts, whatever Retry-After says (default 60 s).</summary>
        public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Longest wait for one attempt (default 30 s). For an API call it bounds the whole request and its answer;
        /// for a download it bounds the wait for the response headers and every stall between two reads of the body,
        /// not the whole body, so a 1 GB video that keeps flowing is never cut off. An attempt that times out is
        /// retried (or the download resumed). <see cref="Timeout.InfiniteTimeSpan"/> disables it; otherwise
        /// 10 ms to 1 day.
        /// </summary>
        public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

        /// <summary>
        /// Longest time one API call may take, all attempts and retry waits included (default 5 min). When it runs
        /// out the call fails with a timeout error naming the request; a 429 whose Retry-After would outlast it is
        /// reported at once instead of waited for. Does not apply to downloads (see <see cref="DownloadTotalTimeout"/>).
        /// <see cref="Timeout.InfiniteTimeSpan"/> disables it; otherwise 10 ms to 1 day.
        /// </summary>
        public TimeSpan TotalTimeout { get; init; } = DefaultTotalTimeout;

        /// <summary>
        /// Longest time one download may take, resumes included (default <see cref="Timeout.InfiniteTimeSpan"/>: none,
        /// because a large video on a slow link may legitimately take hours, and a download that stops moving is
        /// already caught by <see cref="AttemptTimeout"/> and bounded by <see cref="MaxRetries"/>). Set it when a
        /// runbook has a hard time budget; otherwise 10 ms to 1 day.
        /// </summary>
        public TimeSpan DownloadTotalTimeout { get; init; } = Timeout.InfiniteTimeSpan;

        /// <summary>
        /// Client-side pacing per API key (default true): every request to the API waits for a permit of the key's rate
        /// limit before it is sent, so that as the key's only client the module never receives a 429. The limit starts
        /// at the documented 60 requests per 60 s and follows the <c>X-RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c>
        /// headers of every answer (a new client sends its first request alone and learns from its answer).
        /// Submissions and cancels go before downloads and account/model calls, which go before polls. A 429 that still
        /// arrives holds every request for its <c>Retry-After</c> (capped at <see cref="MaxRetryDelay"/>). The wait
        /// for a permit counts against <see cref="TotalTimeout"/>, not <see cref="AttemptTimeout"/>. Downloads from
        /// the API's origin (which get the key) are paced too; video URLs on another host (a CDN) are not: they do not
        /// spend the key's budget. A wait of a second or more writes one <see cref="Log"/> line. False sends every
        /// request at once (raw behaviour, e.g. for tests of the retry logic); headers are still read for
        /// <see cref="SmartlyQClient.RequestsPerSecond"/> and 429s still counted.
        /// </summary>
        public bool Pacing { get; init; } = true;

        /// <summary>Receives one line per retry or download resume (no key, no query string), e.g. for -Verbose. Called from any thread.</summary>
        public Action<string>? Log { get; init; }

        /// <summary>
        /// Receives one line per HTTP request as its answer arrives: method, path (no query string), status,
        /// milliseconds, request id, and for a retried attempt its number and the previous failure, e.g.
        /// <c>HTTP GET /v1/jobs/job_a1: 200 OK in 35 ms (request id req_9f; attempt 2, retried after 503 ServiceUnavailable)</c>.
        /// Never the key. For -Verbose. Called from any thread.
        /// </summary>
        public Action<string>? RequestLog { get; init; }

        /// <summary>
        /// Receives each HTTP request's and response's headers, one line each, with <c>Authorization</c> and cookies
        /// redacted and no query strings, e.g. for -Debug. Called from any thread.
        /// </summary>
        public Action<string>? DebugLog { get; init; }

        /// <summary>Replaces the network handler (tests). The client does not dispose it.</summary>
        public HttpMessageHandler? Handler { get; init; }
    }
}
