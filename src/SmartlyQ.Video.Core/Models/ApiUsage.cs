namespace SmartlyQ.Video.Core.Models
{
    /// <summary>The <c>usage</c> block of a billable answer (OpenAPI <c>UsageMeta</c>); money in SQC.</summary>
    public sealed class ApiUsage
    {
        /// <summary><c>units</c> billed.</summary>
        public int Units { get; init; }

        /// <summary><c>cost</c> in SQC (parsed from the API's 4-decimal string, e.g. <c>"0.2800"</c>).</summary>
        public decimal Cost { get; init; }

        /// <summary><c>balance_remaining</c> in SQC after this charge.</summary>
        public decimal? BalanceRemaining { get; init; }
    }
}
