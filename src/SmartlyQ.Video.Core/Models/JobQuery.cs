namespace SmartlyQ.Video.Core.Models
{
    /// <summary>Filters of <c>GET /jobs</c>: <c>status</c>, <c>type</c>, <c>page</c> (1-based) and <c>per_page</c> (1–100).</summary>
    public sealed class JobQuery
    {
        /// <summary><c>status</c> filter, e.g. <c>processing</c>; null for all.</summary>
        public string? Status { get; init; }

        /// <summary><c>type</c> filter, e.g. <c>video_generation</c>; null for all.</summary>
        public string? Type { get; init; }

        /// <summary><c>page</c>, 1-based.</summary>
        public int Page { get; init; } = 1;

        /// <summary><c>per_page</c>, 1–100 (API default 20).</summary>
        public int PerPage { get; init; } = 20;
    }
}
