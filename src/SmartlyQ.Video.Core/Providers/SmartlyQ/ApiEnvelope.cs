using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// The success envelope <c>{"success":true,"data":…,"usage":…,"pagination":…,"meta":…}</c>. <c>error</c> and a
    /// top-level <c>message</c> are read too, for a <c>"success": false</c> answer that arrives with a 2xx status.
    /// </summary>
    internal sealed class ApiEnvelope<T>
    {
        public bool? Success { get; set; }

        public T? Data { get; set; }

        public UsageDto? Usage { get; set; }

        public PaginationDto? Pagination { get; set; }

        public MetaDto? Meta { get; set; }

        [JsonConverter(typeof(ErrorBodyConverter))]
        public ErrorBodyDto? Error { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Message { get; set; }
    }
}
