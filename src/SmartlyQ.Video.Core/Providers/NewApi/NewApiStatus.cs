using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// new-api's task statuses in neutral terms, compared case-insensitively: the task envelope's upper-case
    /// <c>NOT_START</c>/<c>SUBMITTED</c>/<c>QUEUED</c> (queued), <c>IN_PROGRESS</c> (running), <c>SUCCESS</c>,
    /// <c>FAILURE</c>, <c>UNKNOWN</c>; the docs' lower-case <c>queued</c>/<c>in_progress</c>/<c>completed</c>/<c>failed</c>
    /// and the Gemini/Vertex live answer's <c>processing</c>/<c>succeeded</c>.
    /// </summary>
    internal static class NewApiStatus
    {
        /// <summary>The neutral status; <c>UNKNOWN</c>, another word or none is <see cref="JobStatus.Unknown"/> (treated as still running).</summary>
        public static JobStatus ToNeutral(string? status)
        {
            switch ((status ?? "").Trim().ToUpperInvariant())
            {
                case "NOT_START":
                case "SUBMITTED":
                case "QUEUED":
                    return JobStatus.Queued;
                case "IN_PROGRESS":
                case "PROCESSING":
                    return JobStatus.Running;
                case "SUCCESS":
                case "COMPLETED":
                case "SUCCEEDED":
                    return JobStatus.Succeeded;
                case "FAILURE":
                case "FAILED":
                    return JobStatus.Failed;
                default:
                    return JobStatus.Unknown;
            }
        }
    }
}
