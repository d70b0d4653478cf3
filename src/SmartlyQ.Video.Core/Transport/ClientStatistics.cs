using System;
using System.Globalization;
using System.Threading;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>Why an HTTP attempt was repeated.</summary>
    public enum RetryCause
    {
        /// <summary>The server answered 5xx (500, 502, 503, 504, …).</summary>
        ServerError5xx,

        /// <summary>The server answered 429 Too Many Requests.</summary>
        RateLimited429,

        /// <summary>The server answered 408 Request Timeout.</summary>
        RequestTimeout408,

        /// <summary>No usable answer: connection refused or reset, DNS failure, a body that broke off or ended early.</summary>
        NetworkError,

        /// <summary>
        /// The attempt took longer than <see cref="TransportOptions.AttemptTimeout"/> (for a download: no headers,
        /// or no bytes for that long), or the HTTP handler gave up waiting.
        /// </summary>
        AttemptTimeout,
    }

    /// <summary>
    /// Counters of one <see cref="HttpTransport"/> since it was created, for reliability reports. Thread-safe: every
    /// property reads the live counter atomically, so two properties read one after the other may differ by calls
    /// that happened in between. Counts never go down.
    /// </summary>
    public sealed class ClientStatistics
    {
        private long _requests;
        private long _serverError5xx;
        private long _rateLimited429;
        private long _requestTimeout408;
        private long _networkError;
        private long _attemptTimeout;
        private long _downloadResumes;
        private long _downloadRestarts;
        private long _received429;
        private long _pacingWaits;

        /// <summary>HTTP requests sent: every attempt of every call, retries and download resumes included.</summary>
        public long Requests => Interlocked.Read(ref _requests);

        /// <summary>All retries, the sum of the five causes below.</summary>
        public long Retries => ServerError5xxRetries + RateLimited429Retries + RequestTimeout408Retries + NetworkErrorRetries + AttemptTimeoutRetries;

        /// <summary>Requests repeated after a 5xx answer.</summary>
        public long ServerError5xxRetries => Interlocked.Read(ref _serverError5xx);

        /// <summary>Requests repeated after a 429 answer (each waited for Retry-After, capped by <see cref="TransportOptions.MaxRetryDelay"/>).</summary>
        public long RateLimited429Retries => Interlocked.Read(ref _rateLimited429);

        /// <summary>Requests repeated after a 408 answer.</summary>
        public long RequestTimeout408Retries => Interlocked.Read(ref _requestTimeout408);

        /// <summary>Requests repeated after a network error, including downloads resumed after their body broke off or ended early.</summary>
        public long NetworkErrorRetries => Interlocked.Read(ref _networkError);

        /// <summary>Requests repeated after <see cref="TransportOptions.AttemptTimeout"/> ran out, including downloads resumed after a stall.</summary>
        public long AttemptTimeoutRetries => Interlocked.Read(ref _attemptTimeout);

        /// <summary>Downloads continued with a <c>Range: bytes=&lt;received&gt;-</c> request after their body broke off (also counted under their cause).</summary>
        public long DownloadResumes => Interlocked.Read(ref _downloadResumes);

        /// <summary>
        /// Downloads started over from byte 0 because the server answered a Range request with the whole file (200), or
        /// because bytes an earlier run kept no longer matched the file (ETag, Last-Modified or length changed).
        /// </summary>
        public long DownloadRestarts => Interlocked.Read(ref _downloadRestarts);

        /// <summary>
        /// Answers with status 429 Too Many Requests, every attempt counted, retried or not. With pacing on
        /// (<see cref="TransportOptions.Pacing"/>) this stays 0 while the client is the key's only user.
        /// </summary>
        public long RateLimited429Received => Interlocked.Read(ref _received429);

        /// <summary>Attempts that waited for the pacer (the key's rate limit or a submission's priority) before they were sent.</summary>
        public long PacingWaits => Interlocked.Read(ref _pacingWaits);

        /// <summary>Retries counted under <paramref name="cause"/>.</summary>
        public long RetriesFor(RetryCause cause)
        {
            switch (cause)
            {
                case RetryCause.ServerError5xx: return ServerError5xxRetries;
                case RetryCause.RateLimited429: return RateLimited429Retries;
                case RetryCause.RequestTimeout408: return RequestTimeout408Retries;
                case RetryCause.NetworkError: return NetworkErrorRetries;
                case RetryCause.AttemptTimeout: return AttemptTimeoutRetries;
                default: throw new ArgumentOutOfRangeException(nameof(cause), cause, "Unknown retry cause.");
            }
        }

        /// <summary>
        /// One line: <c>Requests=12 Retries=3 (5xx=1 429=1 408=0 network=1 timeout=0) DownloadResumes=1 DownloadRestarts=0 Received429=1 PacingWaits=4</c>.
        /// </summary>
        public override string ToString()
            => string.Format(CultureInfo.InvariantCulture,
                "Requests={0} Retries={1} (5xx={2} 429={3} 408={4} network={5} timeout={6}) DownloadResumes={7} DownloadRestarts={8} Received429={9} PacingWaits={10}",
                Requests, Retries, ServerError5xxRetries, RateLimited429Retries, RequestTimeout408Retries, NetworkErrorRetries, AttemptTimeoutRetries,
                DownloadResumes, DownloadRestarts, RateLimited429Received, PacingWaits);

        internal void AddRequest() => Interlocked.Increment(ref _requests);

        internal void AddRetry(RetryCause cause)
        {
            switch (cause)
            {
                case RetryCause.ServerError5xx: Interlocked.Increment(ref _serverError5xx); break;
                case RetryCause.RateLimited429: Interlocked.Increment(ref _rateLimited429); break;
                case RetryCause.RequestTimeout408: Interlocked.Increment(ref _requestTimeout408); break;
                case RetryCause.NetworkError: Interlocked.Increment(ref _networkError); break;
                case RetryCause.AttemptTimeout: Interlocked.Increment(ref _attemptTimeout); break;
            }
        }

        internal void AddDownloadResume() => Interlocked.Increment(ref _downloadResumes);

        internal void AddDownloadRestart() => Interlocked.Increment(ref _downloadRestarts);

        internal void AddRateLimited429Received() => Interlocked.Increment(ref _received429);

        internal void AddPacingWait() => Interlocked.Increment(ref _pacingWaits);
    }
}
