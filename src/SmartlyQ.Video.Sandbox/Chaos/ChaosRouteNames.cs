namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Keys of <see cref="ChaosOptions.Routes"/>: exact route names (<c>METHOD pattern</c>) and the groups they belong to.
    /// Only these routes are ever faulted; <c>/sandbox/…</c> routes and unmatched paths never are.
    /// </summary>
    public static class ChaosRouteNames
    {
        /// <summary>Group of <see cref="Generate"/>.</summary>
        public const string GenerateGroup = "generate";

        /// <summary>Group of <see cref="ListJobs"/>, <see cref="GetJob"/> and <see cref="CancelJob"/>.</summary>
        public const string JobsGroup = "jobs";

        /// <summary>Group of <see cref="GetFile"/> and <see cref="HeadFile"/>.</summary>
        public const string FilesGroup = "files";

        /// <summary>Group of <see cref="Models"/>.</summary>
        public const string ModelsGroup = "models";

        /// <summary>Group of <see cref="Me"/> and <see cref="Balance"/>.</summary>
        public const string AccountGroup = "account";

        /// <summary><c>POST /v1/videos/generate</c>.</summary>
        public const string Generate = "POST /v1/videos/generate";

        /// <summary><c>GET /v1/jobs</c>.</summary>
        public const string ListJobs = "GET /v1/jobs";

        /// <summary><c>GET /v1/jobs/{id}</c>.</summary>
        public const string GetJob = "GET /v1/jobs/{id}";

        /// <summary><c>POST /v1/jobs/{id}/cancel</c>.</summary>
        public const string CancelJob = "POST /v1/jobs/{id}/cancel";

        /// <summary><c>GET /files/{file}</c>, i.e. <c>/files/{job_uid}.mp4</c>.</summary>
        public const string GetFile = "GET /files/{file}";

        /// <summary><c>HEAD /files/{file}</c> (body faults never apply to HEAD).</summary>
        public const string HeadFile = "HEAD /files/{file}";

        /// <summary><c>GET /v1/videos/models</c>.</summary>
        public const string Models = "GET /v1/videos/models";

        /// <summary><c>GET /v1/me</c>.</summary>
        public const string Me = "GET /v1/me";

        /// <summary><c>GET /v1/me/balance</c>.</summary>
        public const string Balance = "GET /v1/me/balance";
    }
}
