using System;
using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// A model and the request values it accepts (SmartlyQ: one entry of <c>GET /videos/models</c>), with where those
    /// values come from (<see cref="Source"/>) and which neutral fields it takes at all (<see cref="Fields"/>).
    /// Empty lists mean the model takes no value for that field.
    /// </summary>
    public sealed class VideoModel
    {
        /// <summary>Registry name of the provider, e.g. <c>SmartlyQ</c>.</summary>
        public string? Provider { get; init; }

        /// <summary>Where these values come from: the API's model list or a built-in catalog; null when not said.</summary>
        public VideoSource? Source { get; init; }

        /// <summary>
        /// The neutral <see cref="VideoField"/> names the provider can send for this model; a request that gives any
        /// other is refused before sending. Empty: not declared (every field the lists and flags below allow).
        /// </summary>
        public IReadOnlyCollection<string> Fields { get; init; } = new string[0];

        /// <summary>
        /// Provider-specific fields the catalog declares (field name → allowed values; an empty list allows any
        /// value), which <see cref="VideoRequest.Options"/> and CSV columns of the same name bind to.
        /// </summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Options { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

        /// <summary><c>model</c>: the id to send as <see cref="VideoRequest.Model"/>.</summary>
        public string Model { get; init; } = "";

        /// <summary><c>name</c>: display name.</summary>
        public string Name { get; init; } = "";

        /// <summary><c>types</c>: <c>text_to_video</c> and/or <c>image_to_video</c>.</summary>
        public IReadOnlyList<string> Types { get; init; } = new string[0];

        /// <summary><c>duration</c>: allowed durations in seconds.</summary>
        public IReadOnlyList<int> Duration { get; init; } = new int[0];

        /// <summary><c>resolution</c>: allowed resolutions, e.g. <c>720p</c>.</summary>
        public IReadOnlyList<string> Resolution { get; init; } = new string[0];

        /// <summary><c>mode</c>: allowed quality modes.</summary>
        public IReadOnlyList<string> Mode { get; init; } = new string[0];

        /// <summary><c>aspect_ratio</c>: allowed aspect ratios, e.g. <c>16:9</c>.</summary>
        public IReadOnlyList<string> AspectRatio { get; init; } = new string[0];

        /// <summary><c>style</c>: allowed style presets.</summary>
        public IReadOnlyList<string> Style { get; init; } = new string[0];

        /// <summary><c>movement</c>: allowed movement values.</summary>
        public IReadOnlyList<string> Movement { get; init; } = new string[0];

        /// <summary><c>prompt_max_length</c> in characters; null when the API gives no limit.</summary>
        public int? PromptMaxLength { get; init; }

        /// <summary><c>supports_negative_prompt</c>.</summary>
        public bool SupportsNegativePrompt { get; init; }

        /// <summary><c>supports_seed</c>.</summary>
        public bool SupportsSeed { get; init; }

        /// <summary><c>supports_generate_audio</c>.</summary>
        public bool SupportsGenerateAudio { get; init; }

        /// <summary><c>supports_camera_fixed</c>.</summary>
        public bool SupportsCameraFixed { get; init; }

        /// <summary>Price per second of video in <see cref="Currency"/> (SmartlyQ <c>price_per_second</c>), when known; null otherwise.</summary>
        public decimal? PricePerSecond { get; init; }

        /// <summary>Unit of <see cref="PricePerSecond"/>, e.g. <c>SQC</c> or <c>USD</c>.</summary>
        public string? Currency { get; init; }

        /// <summary>
        /// What a job of <paramref name="duration"/> seconds costs (<see cref="PricePerSecond"/> × duration, 4 decimals);
        /// without a duration the API's default, the shortest listed one. Null when the price or the duration is unknown.
        /// </summary>
        public decimal? EstimateCost(int? duration)
        {
            int? seconds = duration ?? (Duration.Count > 0 ? Duration.Min() : (int?)null);
            if (PricePerSecond == null || seconds == null) return null;
            return decimal.Round(PricePerSecond.Value * seconds.Value, 4, MidpointRounding.AwayFromZero);
        }

        /// <inheritdoc />
        public override string ToString() => Model;
    }
}
