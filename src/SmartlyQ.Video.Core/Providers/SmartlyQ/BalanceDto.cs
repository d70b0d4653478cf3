using System;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Wire <c>data</c> of <c>GET /me/balance</c>, both documented shapes:
    /// <c>{"balance","purchased_balance","monthly_balance","monthly_reset_at","currency"}</c> and <c>{"balance_sqc","currency"}</c>.
    /// </summary>
    internal sealed class BalanceDto
    {
        [JsonConverter(typeof(LenientDecimalConverter))]
        public decimal? Balance { get; set; }

        [JsonConverter(typeof(LenientDecimalConverter))]
        public decimal? BalanceSqc { get; set; }

        [JsonConverter(typeof(LenientDecimalConverter))]
        public decimal? PurchasedBalance { get; set; }

        [JsonConverter(typeof(LenientDecimalConverter))]
        public decimal? MonthlyBalance { get; set; }

        [JsonConverter(typeof(LenientTimestampConverter))]
        public DateTimeOffset? MonthlyResetAt { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Currency { get; set; }
    }
}
