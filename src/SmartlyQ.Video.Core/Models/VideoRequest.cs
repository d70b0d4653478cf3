using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// One video to make, in neutral fields (names as in <see cref="VideoField"/>; the documented wording is
    /// SmartlyQ's <c>POST /videos/generate</c> body). Null means "not given": the provider leaves the field out and
    /// the API applies its default. Each provider maps the fields to its own; one it cannot express is refused
    /// before anything is sent.
    /// </summary>
    public sealed class VideoRequest
    {
        /// <summary><c>model</c>: model id from <c>GET /videos/models</c>, e.g. <c>kling-v2-1</c>. Required.</summary>
        public string? Model { get; init; }

        /// <summary><c>type</c>: <c>text_to_video</c> or <c>image_to_video</c> (see <see cref="VideoType"/>). Required.</summary>
        public string? Type { get; init; }

        /// <summary><c>prompt</c>: required for text_to_video; at most the model's <c>prompt_max_length</c> characters.</summary>
        public string? Prompt { get; init; }

        /// <summary><c>image_url</c>: public http(s) URL of a JPEG or PNG; image_to_video needs it or <see cref="ImagePath"/>.</summary>
        public string? ImageUrl { get; init; }

        /// <summary>
        /// A local JPEG, PNG or WebP file to start from, for providers that take an uploaded image (OpenAI
        /// <c>input_reference</c>, NanoGPT <c>imageDataUrl</c>); a provider that needs a public URL refuses it.
        /// </summary>
        public string? ImagePath { get; init; }

        /// <summary><c>duration</c> in seconds; one of the model's <c>duration</c> values.</summary>
        public int? Duration { get; init; }

        /// <summary><c>resolution</c>, e.g. <c>1080p</c>; one of the model's values.</summary>
        public string? Resolution { get; init; }

        /// <summary><c>mode</c>, e.g. <c>Professional</c>; one of the model's values.</summary>
        public string? Mode { get; init; }

        /// <summary><c>aspect_ratio</c>, e.g. <c>16:9</c>; one of the model's values.</summary>
        public string? AspectRatio { get; init; }

        /// <summary><c>style</c> preset, e.g. <c>Anime</c>; only models that list styles.</summary>
        public string? Style { get; init; }

        /// <summary><c>movement</c>: <c>Auto</c>, <c>Small</c>, <c>Medium</c> or <c>Large</c>; only models that list it.</summary>
        public string? Movement { get; init; }

        /// <summary><c>negative_prompt</c>; only models with <c>supports_negative_prompt</c>.</summary>
        public string? NegativePrompt { get; init; }

        /// <summary><c>seed</c>; only models with <c>supports_seed</c>.</summary>
        public long? Seed { get; init; }

        /// <summary><c>generate_audio</c>; only models with <c>supports_generate_audio</c>.</summary>
        public bool? GenerateAudio { get; init; }

        /// <summary><c>camera_fixed</c>; only models with <c>supports_camera_fixed</c>.</summary>
        public bool? CameraFixed { get; init; }

        /// <summary>
        /// Provider-specific fields (<c>-Option @{ name = value }</c>, or CSV columns the model's catalog declares in
        /// <see cref="VideoModel.Options"/>), by the provider's field name; empty when none.
        /// </summary>
        public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

        /// <summary>A copy of this request with <paramref name="options"/> as its <see cref="Options"/>.</summary>
        public VideoRequest WithOptions(IReadOnlyDictionary<string, string> options) => new VideoRequest
        {
            Model = Model,
            Type = Type,
            Prompt = Prompt,
            ImageUrl = ImageUrl,
            ImagePath = ImagePath,
            Duration = Duration,
            Resolution = Resolution,
            Mode = Mode,
            AspectRatio = AspectRatio,
            Style = Style,
            Movement = Movement,
            NegativePrompt = NegativePrompt,
            Seed = Seed,
            GenerateAudio = GenerateAudio,
            CameraFixed = CameraFixed,
            Options = options ?? throw new ArgumentNullException(nameof(options)),
        };
    }
}
