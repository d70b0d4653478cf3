using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Wire <c>result</c> of a completed video job: <c>{"video_url","duration","model"}</c>.</summary>
    internal sealed class JobResultDto
    {
        [JsonConverter(typeof(LenientStringConverter))]
        public string? VideoUrl { get; set; }

        [JsonConverter(typeof(LenientInt32Converter))]
        public int? Duration { get; set; }

        [JsonConverter(typeof(LenientInt32Converter))]
        public int? DurationSec { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Model { get; set; }
    }
}
