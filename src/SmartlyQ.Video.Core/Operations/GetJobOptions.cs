using System;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>The filters of Get-SqJob's API listing (<c>GET /jobs</c>): -Status, -First and -Since.</summary>
    public sealed class GetJobOptions
    {
        /// <summary>Only jobs in this status (<c>queued</c>, <c>pending</c>, <c>processing</c>, <c>completed</c>, <c>failed</c>, <c>cancelled</c>); null for all.</summary>
        public string? Status { get; init; }

        /// <summary>At most this many jobs, newest first; null for all that match.</summary>
        public int? First { get; init; }

        /// <summary>Only jobs created at or after this time; null for any time.</summary>
        public DateTimeOffset? Since { get; init; }
    }
}
