using System;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// <c>GET /me/balance</c>: the Developer API wallet, in SQC. Both documented shapes are read:
    /// <c>{balance, purchased_balance, monthly_balance, monthly_reset_at, currency}</c> and <c>{balance_sqc, currency}</c>.
    /// </summary>
    public sealed class WalletBalance
    {
        /// <summary><c>balance</c> (or <c>balance_sqc</c>): what can be spent now, in SQC.</summary>
        public decimal Balance { get; init; }

        /// <summary><c>purchased_balance</c> in SQC, when given.</summary>
        public decimal? PurchasedBalance { get; init; }

        /// <summary><c>monthly_balance</c> in SQC, when given.</summary>
        public decimal? MonthlyBalance { get; init; }

        /// <summary><c>monthly_reset_at</c>, when given.</summary>
        public DateTimeOffset? MonthlyResetAt { get; init; }

        /// <summary><c>currency</c> as the API names it.</summary>
        public string? Currency { get; init; }

        /// <summary><c>meta.request_id</c> of the answer.</summary>
        public string? RequestId { get; init; }

        /// <inheritdoc />
        public override string ToString() => Balance.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) + " SQC";
    }
}
