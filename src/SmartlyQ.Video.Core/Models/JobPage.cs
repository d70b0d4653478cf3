using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>One page of <c>GET /jobs</c> with its <c>pagination</c> block.</summary>
    public sealed class JobPage
    {
        /// <summary>The jobs on this page, newest first.</summary>
        public IReadOnlyList<JobSnapshot> Jobs { get; init; } = new JobSnapshot[0];

        /// <summary><c>pagination.page</c>.</summary>
        public int Page { get; init; }

        /// <summary><c>pagination.per_page</c>.</summary>
        public int PerPage { get; init; }

        /// <summary><c>pagination.total</c>: jobs matching the filter.</summary>
        public int Total { get; init; }

        /// <summary><c>pagination.pages</c>.</summary>
        public int Pages { get; init; }
    }
}
