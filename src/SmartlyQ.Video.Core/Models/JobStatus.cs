namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// Life-cycle state of an async job (<c>GET /jobs/{job_uid}</c> <c>data.status</c>).
    /// The OpenAPI spec says <c>queued</c> and the docs say <c>pending</c> for the same waiting state;
    /// both are kept so the user sees what the server said, and <see cref="JobStatusExtensions.IsTerminal"/>
    /// treats them alike.
    /// </summary>
    public enum JobStatus
    {
        /// <summary>A status string this version does not know; treated as still running.</summary>
        Unknown = 0,

        /// <summary><c>queued</c>: accepted, not started (OpenAPI wording).</summary>
        Queued,

        /// <summary><c>pending</c>: accepted, not started (docs wording).</summary>
        Pending,

        /// <summary><c>processing</c>: the provider is generating the video.</summary>
        Processing,

        /// <summary><c>completed</c>: the result holds the video URL.</summary>
        Completed,

        /// <summary><c>failed</c>: the job's error says why; the charge is refunded.</summary>
        Failed,

        /// <summary><c>cancelled</c>: cancelled with <c>POST /jobs/{job_uid}/cancel</c>.</summary>
        Cancelled,
    }

    /// <summary>Helpers for <see cref="JobStatus"/>.</summary>
    public static class JobStatusExtensions
    {
        /// <summary>True for <c>completed</c>, <c>failed</c> and <c>cancelled</c>: the job will not change again.</summary>
        public static bool IsTerminal(this JobStatus status)
            => status == JobStatus.Completed || status == JobStatus.Failed || status == JobStatus.Cancelled;

        /// <summary>Parses the API's status string (case-insensitive); unrecognised values give <see cref="JobStatus.Unknown"/>.</summary>
        public static JobStatus Parse(string? value)
        {
            switch (value?.Trim().ToLowerInvariant())
            {
                case "queued": return JobStatus.Queued;
                case "pending": return JobStatus.Pending;
                case "processing": return JobStatus.Processing;
                case "completed": return JobStatus.Completed;
                case "failed": return JobStatus.Failed;
                case "cancelled":
                case "canceled": return JobStatus.Cancelled;
                default: return JobStatus.Unknown;
            }
        }

        /// <summary>The API's spelling of a status (<c>queued</c>, <c>pending</c>, …).</summary>
        public static string ToApiString(this JobStatus status)
            => status == JobStatus.Unknown ? "unknown" : status.ToString().ToLowerInvariant();
    }
}
