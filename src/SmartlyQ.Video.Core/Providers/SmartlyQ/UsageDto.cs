using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Wire <c>usage</c> (OpenAPI <c>UsageMeta</c>): <c>{"units":1,"cost":"0.2800","balance_remaining":"14.7200"}</c>.</summary>
    internal sealed class UsageDto
    {
        [JsonConverter(typeof(LenientInt32Converter))]
        public int? Units { get; set; }

        [JsonConverter(typeof(LenientDecimalConverter))]
        public decimal? Cost { get; set; }

        [JsonConverter(typeof(LenientDecimalConverter))]
        public decimal? BalanceRemaining { get; set; }
    }
}
