using System;
using System.Globalization;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// The balance behind a key (Get-SqBalance), in <see cref="Currency"/>. SmartlyQ reads both documented shapes of
    /// <c>GET /me/balance</c>: <c>{balance, purchased_balance, monthly_balance, monthly_reset_at, currency}</c> and
    /// <c>{balance_sqc, currency}</c>.
    /// </summary>
    public sealed class WalletBalance
    {
        /// <summary>What can be spent now.</summary>
        public decimal Balance { get; init; }

        /// <summary>The bought part, when given.</summary>
        public decimal? PurchasedBalance { get; init; }

        /// <summary>The monthly allowance part, when given.</summary>
        public decimal? MonthlyBalance { get; init; }

        /// <summary>When the monthly allowance resets, when given.</summary>
        public DateTimeOffset? MonthlyResetAt { get; init; }

        /// <summary>Unit of every amount, e.g. <c>SQC</c> or <c>USD</c>: the API's word, else the provider's documented unit.</summary>
        public string? Currency { get; init; }

        /// <summary>Registry name of the provider, e.g. <c>SmartlyQ</c>.</summary>
        public string? Provider { get; init; }

        /// <summary>Request id of the answer.</summary>
        public string? RequestId { get; init; }

        /// <summary><c>12.5000 SQC</c>.</summary>
        public override string ToString()
            => Balance.ToString("0.0000", CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(Currency) ? "" : " " + Currency);
    }
}
