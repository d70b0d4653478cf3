using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Wire <c>meta</c> (OpenAPI <c>RequestMeta</c>): <c>{"request_id","timestamp"}</c>.</summary>
    internal sealed class MetaDto
    {
        [JsonConverter(typeof(LenientStringConverter))]
        public string? RequestId { get; set; }
    }
}
