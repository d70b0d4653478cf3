using System;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// SmartlyQ's job status words and the neutral <see cref="JobStatus"/>. The OpenAPI spec says <c>queued</c> and
    /// the docs say <c>pending</c> for the same waiting state; both map to <see cref="JobStatus.Queued"/>.
    /// </summary>
    internal static class SmartlyQStatus
    {
        /// <summary>The neutral state of a status word (case-insensitive); unrecognised words give <see cref="JobStatus.Unknown"/>.</summary>
        public static JobStatus ToNeutral(string? word)
        {
            switch (word?.Trim().ToLowerInvariant())
            {
                case "queued":
                case "pending": return JobStatus.Queued;
                case "processing": return JobStatus.Running;
                case "completed": return JobStatus.Succeeded;
                case "failed": return JobStatus.Failed;
                case "cancelled":
                case "canceled": return JobStatus.Cancelled;
                default: return JobStatus.Unknown;
            }
        }

        /// <summary>
        /// The <c>GET /jobs?status=</c> word for a neutral state; null for <see cref="JobStatus.Queued"/> (two words
        /// mean it, so the list is filtered here) and <see cref="JobStatus.Unknown"/>.
        /// </summary>
        public static string? ToFilter(JobStatus status)
        {
            switch (status)
            {
                case JobStatus.Running: return "processing";
                case JobStatus.Succeeded: return "completed";
                case JobStatus.Failed: return "failed";
                case JobStatus.Cancelled: return "cancelled";
                default: return null;
            }
        }
    }
}
