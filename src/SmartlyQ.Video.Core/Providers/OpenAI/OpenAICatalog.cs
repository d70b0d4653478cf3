using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// The built-in model catalog (the Videos API has no model list): <c>sora-2</c> and <c>sora-2-pro</c> as
    /// shared/api/research-2026-12/openai-videos.md §1 gives them. Seconds 4/8/12/16/20; <c>size</c> is expressed as
    /// AspectRatio (16:9 wide, 9:16 tall) × Resolution (720p for both; sora-2-pro adds 1024p = 1792x1024/1024x1792 and
    /// 1080p), or given exactly as the <c>size</c> option.
    /// </summary>
    internal static class OpenAICatalog
    {
        /// <summary>Where the values come from, for <see cref="VideoModel.Source"/>.</summary>
        public static readonly VideoSource Source = VideoSource.BuiltIn("OpenAI video generation guide and API reference (sora-2, sora-2-pro), read 2026-12");

        /// <summary>The <c>size</c> option's name.</summary>
        public const string SizeOption = "size";

        private static readonly int[] Seconds = { 4, 8, 12, 16, 20 };
        private static readonly string[] Aspects = { "16:9", "9:16" };

        private static readonly string[] Fields =
        {
            VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.ImageUrl, VideoField.ImagePath,
            VideoField.Duration, VideoField.AspectRatio, VideoField.Resolution,
        };

        // (resolution, aspect) → size, per model family.
        private static readonly Dictionary<string, string> StandardSizes = new Dictionary<string, string>
        {
            ["720p 16:9"] = "1280x720", ["720p 9:16"] = "720x1280",
        };

        private static readonly Dictionary<string, string> ProSizes = new Dictionary<string, string>
        {
            ["720p 16:9"] = "1280x720", ["720p 9:16"] = "720x1280",
            ["1024p 16:9"] = "1792x1024", ["1024p 9:16"] = "1024x1792",
            ["1080p 16:9"] = "1920x1080", ["1080p 9:16"] = "1080x1920",
        };

        /// <summary>Both models, each with its sizes as resolutions and as the <c>size</c> option.</summary>
        public static IReadOnlyList<VideoModel> Models { get; } = new[]
        {
            Model("sora-2", "Sora 2", StandardSizes),
            Model("sora-2-pro", "Sora 2 Pro", ProSizes),
        };

        /// <summary>
        /// The wire <c>size</c> for a model's resolution and aspect ratio (either may be null: 720p, 16:9); null when
        /// neither is given (the API's default) or the pair is not one the model renders.
        /// </summary>
        public static string? SizeFor(string model, string? resolution, string? aspect)
        {
            if (resolution == null && aspect == null) return null;
            Dictionary<string, string> sizes = model.StartsWith("sora-2-pro", System.StringComparison.Ordinal) ? ProSizes : StandardSizes;
            return sizes.TryGetValue((resolution ?? "720p") + " " + (aspect ?? "16:9"), out string? size) ? size : null;
        }

        private static VideoModel Model(string id, string name, Dictionary<string, string> sizes) => new VideoModel
        {
            Provider = OpenAIProvider.Name,
            Source = Source,
            Model = id,
            Name = name,
            Types = new[] { VideoType.TextToVideo, VideoType.ImageToVideo },
            Duration = Seconds,
            Resolution = sizes.Keys.Select(k => k.Split(' ')[0]).Distinct().ToArray(),
            AspectRatio = Aspects,
            Fields = Fields,
            Options = new Dictionary<string, IReadOnlyList<string>> { [SizeOption] = sizes.Values.ToArray() },
            Currency = "USD",
        };
    }
}
