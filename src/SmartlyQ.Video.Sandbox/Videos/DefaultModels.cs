using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>The built-in catalog. kling/pixverse carry exactly the values of the API doc §7.2.</summary>
    internal static class DefaultModels
    {
        // Prices are an emulator choice: per second of video, so kling 5 s = 0.2800 (the doc's example cost).
        public static List<SandboxModel> Create() => new List<SandboxModel>
        {
            new SandboxModel
            {
                Model = "kling-v2-1", Name = "Kling v2.1",
                Types = { "text_to_video", "image_to_video" },
                Duration = { 5, 10 },
                Resolution = { "720p", "1080p" },
                Mode = { "Standard", "Professional" },
                AspectRatio = { "16:9", "9:16", "1:1" },
                PromptMaxLength = 2500,
                SupportsNegativePrompt = true,
                PricePerSecond = 0.056m,
            },
            new SandboxModel
            {
                Model = "pixverse-v4-5", Name = "Pixverse v4.5",
                Types = { "text_to_video", "image_to_video" },
                Duration = { 5, 8 },
                Resolution = { "540p", "720p", "1080p" },
                AspectRatio = { "16:9", "9:16", "1:1" },
                Style = { "Anime", "Cyberpunk" },
                Movement = { "Auto", "Small", "Medium", "Large" },
                PromptMaxLength = 2048,
                SupportsNegativePrompt = true,
                SupportsSeed = true,
                PricePerSecond = 0.04m,
            },
            new SandboxModel
            {
                Model = "veo-3", Name = "Veo 3",
                Types = { "text_to_video", "image_to_video" },
                Duration = { 8 },
                Resolution = { "720p", "1080p" },
                Mode = { "Fast", "Standard" },
                AspectRatio = { "16:9", "9:16" },
                PromptMaxLength = 1024,
                SupportsNegativePrompt = true,
                SupportsSeed = true,
                SupportsGenerateAudio = true,
                PricePerSecond = 0.15m,
            },
            new SandboxModel
            {
                Model = "seedance-1-pro", Name = "Seedance 1.0 Pro",
                Types = { "text_to_video", "image_to_video" },
                Duration = { 5, 10 },
                Resolution = { "480p", "720p", "1080p" },
                AspectRatio = { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9" },
                PromptMaxLength = 2000,
                SupportsSeed = true,
                SupportsCameraFixed = true,
                PricePerSecond = 0.03m,
            },
        };
    }
}
