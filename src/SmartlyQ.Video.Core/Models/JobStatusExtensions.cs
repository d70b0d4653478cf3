using System;
namespace SmartlyQ.Video.Core.Models
{
    /// <summary>Helpers for <see cref="JobStatus"/>.</summary>
    public static class JobStatusExtensions
    {
        /// <summary>Every status a job can be asked for by (all but <see cref="JobStatus.Unknown"/>), as <see cref="ToText"/> spells them.</summary>
        public static readonly string[] Names = { "queued", "running", "succeeded", "failed", "cancelled" };

        /// <summary>True for <see cref="JobStatus.Succeeded"/>, <see cref="JobStatus.Failed"/> and <see cref="JobStatus.Cancelled"/>: the job will not change again.</summary>
        public static bool IsTerminal(this JobStatus status)
            => status == JobStatus.Succeeded || status == JobStatus.Failed || status == JobStatus.Cancelled;

        /// <summary>Lower-case name for messages: <c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>, <c>unknown</c>.</summary>
        public static string ToText(this JobStatus status) => status.ToString().ToLowerInvariant();

        /// <summary>Parses a neutral name (case-insensitive, <c>canceled</c> too); anything else gives <see cref="JobStatus.Unknown"/>.</summary>
        public static JobStatus Parse(string? value)
        {
            switch (value?.Trim().ToLowerInvariant())
            {
                case "queued": return JobStatus.Queued;
                case "running": return JobStatus.Running;
                case "succeeded": return JobStatus.Succeeded;
                case "failed": return JobStatus.Failed;
                case "cancelled":
                case "canceled": return JobStatus.Cancelled;
                default: return JobStatus.Unknown;
            }
        }
    }
}
