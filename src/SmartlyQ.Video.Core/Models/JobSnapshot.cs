using System;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>What <c>GET /jobs/{job_uid}</c> (or one row of <c>GET /jobs</c>) says about a job at one moment.</summary>
    public sealed class JobSnapshot
    {
        /// <summary><c>data.id</c> (also read from <c>job_uid</c> or <c>job_id</c>).</summary>
        public string JobUid { get; init; } = "";

        /// <summary><c>data.type</c>, e.g. <c>video_generation</c>.</summary>
        public string? Type { get; init; }

        /// <summary><c>data.status</c>.</summary>
        public JobStatus Status { get; init; }

        /// <summary><c>result.video_url</c> once completed; null otherwise.</summary>
        public Uri? VideoUrl { get; init; }

        /// <summary><c>result.duration</c> in seconds, when given.</summary>
        public int? Duration { get; init; }

        /// <summary><c>result.model</c>, when given.</summary>
        public string? Model { get; init; }

        /// <summary><c>error</c> of a failed job; null when absent, <c>null</c> or <c>{}</c>.</summary>
        public JobError? Error { get; init; }

        /// <summary><c>created_at</c>.</summary>
        public DateTimeOffset? CreatedAt { get; init; }

        /// <summary><c>updated_at</c>.</summary>
        public DateTimeOffset? UpdatedAt { get; init; }

        /// <summary><c>meta.request_id</c> of the answer this came from.</summary>
        public string? RequestId { get; init; }
    }
}
