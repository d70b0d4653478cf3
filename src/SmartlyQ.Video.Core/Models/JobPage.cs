using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>One page of a job list.</summary>
    public sealed class JobPage
    {
        /// <summary>The jobs on this page, newest first.</summary>
        public IReadOnlyList<JobSnapshot> Jobs { get; init; } = new JobSnapshot[0];

        /// <summary>What to pass as the next <see cref="JobQuery.Cursor"/>; null when this is the last page.</summary>
        public string? NextCursor { get; init; }

        /// <summary>Jobs matching the query over all pages, when the provider says.</summary>
        public int? Total { get; init; }
    }
}
