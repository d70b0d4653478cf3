using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Wire <c>error</c>, both of an error envelope and of a failed job: <c>{"code","message","details"}</c>.
    /// <c>details</c> is kept raw because its shape is undocumented (object, array or absent).
    /// </summary>
    internal sealed class ErrorBodyDto
    {
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Code { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Message { get; set; }

        public JsonElement? Details { get; set; }

        /// <summary>True for <c>{}</c>: no code, no message, no details.</summary>
        [JsonIgnore]
        public bool IsEmpty => string.IsNullOrEmpty(Code) && string.IsNullOrEmpty(Message)
            && (Details == null || Details.Value.ValueKind == JsonValueKind.Null);
    }
}
