using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// The error envelope <c>{"success":false,"error":{"code","message","details"},"meta":{"request_id"}}</c>.
    /// A top-level <c>message</c> (what many gateways send) is the fallback text.
    /// </summary>
    internal sealed class ErrorEnvelopeDto
    {
        [JsonConverter(typeof(ErrorBodyConverter))]
        public ErrorBodyDto? Error { get; set; }

        public MetaDto? Meta { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Message { get; set; }
    }
}
