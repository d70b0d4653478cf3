using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Wire <c>pagination</c>: <c>{"page","per_page","total","pages"}</c>.</summary>
    internal sealed class PaginationDto
    {
        [JsonConverter(typeof(LenientInt32Converter))]
        public int? Page { get; set; }

        [JsonConverter(typeof(LenientInt32Converter))]
        public int? PerPage { get; set; }

        [JsonConverter(typeof(LenientInt32Converter))]
        public int? Total { get; set; }

        [JsonConverter(typeof(LenientInt32Converter))]
        public int? Pages { get; set; }
    }
}
