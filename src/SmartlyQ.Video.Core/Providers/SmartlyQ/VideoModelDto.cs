using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Wire entry of <c>GET /videos/models</c> (field names as in shared/api/smartlyq.md §7.2).</summary>
    internal sealed class VideoModelDto
    {
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Model { get; set; }

        /// <summary>Fallback when the id comes as <c>id</c> instead of <c>model</c>.</summary>
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Name { get; set; }

        public List<string?>? Types { get; set; }

        public List<int>? Duration { get; set; }

        public List<string?>? Resolution { get; set; }

        public List<string?>? Mode { get; set; }

        public List<string?>? AspectRatio { get; set; }

        public List<string?>? Style { get; set; }

        public List<string?>? Movement { get; set; }

        [JsonConverter(typeof(LenientInt32Converter))]
        public int? PromptMaxLength { get; set; }

        public bool? SupportsNegativePrompt { get; set; }

        public bool? SupportsSeed { get; set; }

        public bool? SupportsGenerateAudio { get; set; }

        public bool? SupportsCameraFixed { get; set; }

        /// <summary><c>price_per_second</c> in SQC, where the API lists it (the emulator does; the documented API does not).</summary>
        [JsonConverter(typeof(LenientDecimalConverter))]
        public decimal? PricePerSecond { get; set; }
    }
}
