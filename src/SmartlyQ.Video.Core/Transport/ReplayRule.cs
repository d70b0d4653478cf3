namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>When a <see cref="TransportRequest"/> may be sent again after an attempt failed.</summary>
    internal enum ReplayRule
    {
        /// <summary>GET or DELETE: repeating it changes nothing, so every transient failure is retried.</summary>
        Safe = 0,

        /// <summary>A POST that carries an idempotency key: the API answers a repeat with the first result, so it is retried like a GET.</summary>
        Keyed,

        /// <summary>
        /// A POST without a key: retried only when it provably never reached the server (the connection or DNS
        /// failed, or a 429 or 503 that carries Retry-After). A timeout or reset after sending is not retried: it
        /// surfaces as <see cref="Providers.VideoApiException"/> with <see cref="Providers.ApiErrorKind.Uncertain"/>.
        /// </summary>
        Unsafe,
    }
}
