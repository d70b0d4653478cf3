using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// One entry of <c>GET /videos/models</c>. Property names map to the documented snake_case
    /// field names (<c>aspect_ratio</c>, <c>prompt_max_length</c>, <c>supports_seed</c>, …).
    /// An empty list means the model accepts no value for that field.
    /// </summary>
    public sealed class SandboxModel
    {
        /// <summary><c>model</c>: the id clients send.</summary>
        public string Model { get; set; } = "";

        /// <summary><c>name</c>: display name.</summary>
        public string Name { get; set; } = "";

        /// <summary><c>types</c>: <c>text_to_video</c> and/or <c>image_to_video</c>.</summary>
        public List<string> Types { get; set; } = new List<string>();

        /// <summary><c>duration</c>: allowed seconds; the shortest is the default.</summary>
        public List<int> Duration { get; set; } = new List<int>();

        /// <summary><c>resolution</c>: allowed values; the first is the default.</summary>
        public List<string> Resolution { get; set; } = new List<string>();

        /// <summary><c>mode</c>: allowed quality modes; the first is the default.</summary>
        public List<string> Mode { get; set; } = new List<string>();

        /// <summary><c>aspect_ratio</c>: allowed ratios; the first is the default.</summary>
        public List<string> AspectRatio { get; set; } = new List<string>();

        /// <summary><c>style</c>: allowed style presets.</summary>
        public List<string> Style { get; set; } = new List<string>();

        /// <summary><c>movement</c>: allowed movement values.</summary>
        public List<string> Movement { get; set; } = new List<string>();

        /// <summary><c>prompt_max_length</c> in characters.</summary>
        public int PromptMaxLength { get; set; } = 2000;

        /// <summary><c>supports_negative_prompt</c>.</summary>
        public bool SupportsNegativePrompt { get; set; }

        /// <summary><c>supports_seed</c>.</summary>
        public bool SupportsSeed { get; set; }

        /// <summary><c>supports_generate_audio</c>.</summary>
        public bool SupportsGenerateAudio { get; set; }

        /// <summary><c>supports_camera_fixed</c>.</summary>
        public bool SupportsCameraFixed { get; set; }

        /// <summary>
        /// <c>price_per_second</c> (emulator choice, not documented): SQC charged per second of
        /// requested video, so a job costs <c>price_per_second × duration</c>, rounded to 4 decimals.
        /// </summary>
        public decimal PricePerSecond { get; set; }
    }
}
