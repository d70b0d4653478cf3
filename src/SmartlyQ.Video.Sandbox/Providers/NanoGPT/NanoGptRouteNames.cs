namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Chaos route names (keys of <see cref="ChaosOptions.Routes"/>) of the NanoGPT emulator. Its routes also belong to the
    /// shared groups: submit to <c>generate</c>, the status endpoints to <c>jobs</c>, content to <c>files</c>, the model
    /// lists to <c>models</c> and the balance to <c>account</c>.
    /// </summary>
    public static class NanoGptRouteNames
    {
        /// <summary><c>POST /nanogpt/api/generate-video</c>.</summary>
        public const string Generate = "POST /nanogpt/api/generate-video";

        /// <summary><c>GET /nanogpt/api/video/status</c> (the unified status endpoint).</summary>
        public const string Status = "GET /nanogpt/api/video/status";

        /// <summary><c>GET /nanogpt/api/generate-video/status</c> (the deprecated one).</summary>
        public const string LegacyStatus = "GET /nanogpt/api/generate-video/status";

        /// <summary><c>GET /nanogpt/api/generate-video/recover</c> (recent runs, newest first).</summary>
        public const string Recover = "GET /nanogpt/api/generate-video/recover";

        /// <summary><c>GET /nanogpt/api/generate-video/content</c> (body faults apply to it).</summary>
        public const string Content = "GET /nanogpt/api/generate-video/content";

        /// <summary><c>GET /nanogpt/api/v1/video-models</c>.</summary>
        public const string VideoModels = "GET /nanogpt/api/v1/video-models";

        /// <summary><c>GET /nanogpt/api/v1/models</c>.</summary>
        public const string Models = "GET /nanogpt/api/v1/models";

        /// <summary><c>POST /nanogpt/api/check-balance</c>.</summary>
        public const string Balance = "POST /nanogpt/api/check-balance";
    }
}
