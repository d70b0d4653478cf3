using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// Kling's <c>task_status</c> (<c>submitted</c>, <c>processing</c>, <c>succeed</c>, <c>failed</c>) and new-api's TaskDto
    /// <c>status</c> (<c>NOT_START</c>, <c>SUBMITTED</c>, <c>QUEUED</c>, <c>IN_PROGRESS</c>, <c>SUCCESS</c>, <c>FAILURE</c>) and its
    /// OpenAI-video words (<c>queued</c>, <c>in_progress</c>, <c>completed</c>, <c>failed</c>) in neutral terms, case-insensitively.
    /// </summary>
    internal static class KlingStatus
    {
        /// <summary>The neutral status; any other word (or none) is <see cref="JobStatus.Unknown"/>, treated as still running.</summary>
        public static JobStatus ToNeutral(string? status)
        {
            switch ((status ?? "").Trim().ToUpperInvariant())
            {
                case "SUBMITTED":
                case "QUEUED":
                case "NOT_START":
                    return JobStatus.Queued;
                case "PROCESSING":
                case "IN_PROGRESS":
                    return JobStatus.Running;
                case "SUCCEED":
                case "SUCCESS":
                case "SUCCEEDED":
                case "COMPLETED":
                    return JobStatus.Succeeded;
                case "FAILED":
                case "FAILURE":
                    return JobStatus.Failed;
                default:
                    return JobStatus.Unknown;
            }
        }
    }
}
