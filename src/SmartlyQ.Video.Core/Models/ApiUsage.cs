using System;
namespace SmartlyQ.Video.Core.Models
{
    /// <summary>What a billable answer says it cost (SmartlyQ's <c>usage</c> block), in <see cref="Currency"/>.</summary>
    public sealed class ApiUsage
    {
        /// <summary>Units billed.</summary>
        public int Units { get; init; }

        /// <summary>The charge, e.g. <c>0.2800</c>.</summary>
        public decimal Cost { get; init; }

        /// <summary>The balance after this charge, when given.</summary>
        public decimal? BalanceRemaining { get; init; }

        /// <summary>Unit of <see cref="Cost"/> and <see cref="BalanceRemaining"/>, e.g. <c>SQC</c>, <c>USD</c>; null when unknown.</summary>
        public string? Currency { get; init; }
    }
}
