namespace SmartlyQ.Video.Sandbox
{
    /// <summary>Names of the counters in <see cref="SandboxChaos.Injected"/> and <c>GET /sandbox/chaos</c>.</summary>
    public static class ChaosFaultKinds
    {
        /// <summary>500/502/503 before the endpoint (<see cref="ChaosOptions.ServerErrorRate"/>).</summary>
        public const string ServerError = "server_error";

        /// <summary>Injected 429 (<see cref="ChaosOptions.RateLimitBurstRate"/>).</summary>
        public const string RateLimitBurst = "rate_limit_burst";

        /// <summary>Connection aborted before the endpoint (<see cref="ChaosOptions.ConnectionResetRate"/>).</summary>
        public const string ConnectionReset = "connection_reset";

        /// <summary>Job created, answer dropped (<see cref="ChaosOptions.AcceptThenDropRate"/>).</summary>
        public const string AcceptThenDrop = "accept_then_drop";

        /// <summary>Delayed answer (<see cref="ChaosOptions.SlowResponseRate"/>).</summary>
        public const string SlowResponse = "slow_response";

        /// <summary>Download body cut (<see cref="ChaosOptions.TruncatedDownloadRate"/>).</summary>
        public const string TruncatedDownload = "truncated_download";

        /// <summary>Content-Length larger than the body (<see cref="ChaosOptions.WrongContentLengthRate"/>).</summary>
        public const string WrongContentLength = "wrong_content_length";

        /// <summary>Jobs accepted that the provider will fail, refunded (<see cref="SandboxOptions.FailureRate"/>).</summary>
        public const string ProviderFailure = "provider_failure";

        /// <summary>All kinds, in a stable order.</summary>
        public static readonly string[] All =
        {
            ServerError, RateLimitBurst, ConnectionReset, AcceptThenDrop, SlowResponse, TruncatedDownload, WrongContentLength, ProviderFailure,
        };
    }
}
