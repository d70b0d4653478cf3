namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Wire body of <c>POST /videos/generate</c> (OpenAPI <c>VideoGenerateRequest</c>); snake_case names,
    /// null properties are left out so the API applies its defaults.
    /// </summary>
    internal sealed class VideoGenerateRequestDto
    {
        public string? Model { get; set; }

        public string? Type { get; set; }

        public string? Prompt { get; set; }

        public string? ImageUrl { get; set; }

        public int? Duration { get; set; }

        public string? Resolution { get; set; }

        public string? Mode { get; set; }

        public string? AspectRatio { get; set; }

        public string? Style { get; set; }

        public string? Movement { get; set; }

        public string? NegativePrompt { get; set; }

        public long? Seed { get; set; }

        public bool? GenerateAudio { get; set; }

        public bool? CameraFixed { get; set; }
    }
}
