using System;
namespace SmartlyQ.Video.Core.Models
{
    /// <summary>What <see cref="Providers.IJobLister.ListJobsAsync"/> asks for: an optional status, a page size and where to continue.</summary>
    public sealed class JobQuery
    {
        /// <summary>Only jobs in this state; null for all.</summary>
        public JobStatus? Status { get; init; }

        /// <summary>Jobs per page, 1–100 (the provider may answer fewer).</summary>
        public int Limit { get; init; } = 20;

        /// <summary>The previous page's <see cref="JobPage.NextCursor"/>; null for the first page (newest jobs).</summary>
        public string? Cursor { get; init; }
    }
}
