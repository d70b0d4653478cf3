namespace SmartlyQ.Video.Core.Models
{
    /// <summary>The 202 answer of <c>POST /videos/generate</c>: the new job's id, its first status and what it cost.</summary>
    public sealed class JobSubmission
    {
        /// <summary><c>data.job_uid</c> (also read from <c>job_id</c> or <c>id</c>).</summary>
        public string JobUid { get; init; } = "";

        /// <summary><c>data.status</c>, normally <c>queued</c>.</summary>
        public JobStatus Status { get; init; }

        /// <summary><c>usage</c>; null when the answer had none.</summary>
        public ApiUsage? Usage { get; init; }

        /// <summary><c>meta.request_id</c> (or the <c>X-Request-Id</c> header).</summary>
        public string? RequestId { get; init; }
    }
}
