using System;
namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// Names of the neutral <see cref="VideoRequest"/> fields, as <see cref="VideoModel.Fields"/> lists them and
    /// validation errors name them (the New-SqVideo parameter names).
    /// </summary>
    public static class VideoField
    {
        /// <summary><see cref="VideoRequest.Model"/>.</summary>
        public const string Model = "Model";

        /// <summary><see cref="VideoRequest.Type"/>.</summary>
        public const string Type = "Type";

        /// <summary><see cref="VideoRequest.Prompt"/>.</summary>
        public const string Prompt = "Prompt";

        /// <summary><see cref="VideoRequest.ImageUrl"/>.</summary>
        public const string ImageUrl = "ImageUrl";

        /// <summary><see cref="VideoRequest.ImagePath"/>.</summary>
        public const string ImagePath = "ImagePath";

        /// <summary><see cref="VideoRequest.Duration"/>.</summary>
        public const string Duration = "Duration";

        /// <summary><see cref="VideoRequest.AspectRatio"/>.</summary>
        public const string AspectRatio = "AspectRatio";

        /// <summary><see cref="VideoRequest.Resolution"/>.</summary>
        public const string Resolution = "Resolution";

        /// <summary><see cref="VideoRequest.NegativePrompt"/>.</summary>
        public const string NegativePrompt = "NegativePrompt";

        /// <summary><see cref="VideoRequest.Seed"/>.</summary>
        public const string Seed = "Seed";

        /// <summary><see cref="VideoRequest.GenerateAudio"/>.</summary>
        public const string GenerateAudio = "GenerateAudio";

        /// <summary><see cref="VideoRequest.CameraFixed"/>.</summary>
        public const string CameraFixed = "CameraFixed";

        /// <summary><see cref="VideoRequest.Mode"/>.</summary>
        public const string Mode = "Mode";

        /// <summary><see cref="VideoRequest.Style"/>.</summary>
        public const string Style = "Style";

        /// <summary><see cref="VideoRequest.Movement"/>.</summary>
        public const string Movement = "Movement";

        /// <summary>Every neutral field, in New-SqVideo's parameter order.</summary>
        public static readonly string[] All =
        {
            Model, Type, Prompt, ImageUrl, ImagePath, Duration, AspectRatio, Resolution, NegativePrompt, Seed,
            GenerateAudio, CameraFixed, Mode, Style, Movement,
        };
    }
}
