using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// The built-in model catalog (Kling has no model list endpoint): the models of Kling's text2video/image2video
    /// reference and new-api's Kling adaptor (shared/api/kling-jimeng.md §1.1, research-2026-12/kling-official-vs-newapi.md §1):
    /// <c>kling-v1</c>, <c>kling-v1-6</c>, <c>kling-v2-master</c>, <c>kling-v2-1-master</c>, <c>kling-v2-5-turbo</c>,
    /// <c>kling-v2-6</c>. Every model: text and image to video, <c>mode</c> <c>std</c>/<c>pro</c> (the neutral Mode),
    /// <c>duration</c> 5 or 10 s, <c>aspect_ratio</c> 16:9, 9:16 or 1:1, a negative prompt, and the options
    /// <c>camera_control</c> (a preset type, or the JSON object) and <c>image_tail</c> (last frame, URL or raw base64).
    /// <c>cfg_scale</c> (0–1, default 0.5) is an option of the v1 models only ("not for v2.x"); <c>sound</c> on/off
    /// (GenerateAudio) only of <c>kling-v2-6</c>. Resolution, Style, Movement, Seed and CameraFixed have no Kling field.
    /// </summary>
    internal static class KlingCatalog
    {
        /// <summary>Where the values come from, for <see cref="VideoModel.Source"/>.</summary>
        public static readonly VideoSource Source = VideoSource.BuiltIn("Kling API docs (text2video, image2video) and new-api's Kling adaptor, read 2026-12");

        /// <summary>The <c>cfg_scale</c> option: a number from 0 to 1.</summary>
        public const string CfgScaleOption = "cfg_scale";

        /// <summary>The <c>camera_control</c> option: a preset type (<see cref="CameraPresets"/>) or a JSON object.</summary>
        public const string CameraControlOption = "camera_control";

        /// <summary>The <c>image_tail</c> option: the last frame, a URL or raw base64.</summary>
        public const string ImageTailOption = "image_tail";

        /// <summary>Documented <c>camera_control.type</c> values that need no <c>config</c> (<c>simple</c> needs one: pass the JSON object).</summary>
        public static readonly string[] CameraPresets = { "down_back", "forward_up", "right_turn_forward", "left_turn_forward" };

        /// <summary>The documented durations in seconds (sent as the strings "5" and "10").</summary>
        public static readonly int[] Durations = { 5, 10 };

        /// <summary>The documented aspect ratios.</summary>
        public static readonly string[] AspectRatios = { "16:9", "9:16", "1:1" };

        /// <summary>The documented modes: standard and professional.</summary>
        public static readonly string[] Modes = { "std", "pro" };

        /// <summary>The one model that takes <c>sound</c>.</summary>
        public const string SoundModel = "kling-v2-6";

        /// <summary>Every option a model may declare (each model declares those it takes).</summary>
        public static readonly string[] OptionNames = { CfgScaleOption, CameraControlOption, ImageTailOption };

        private static readonly IReadOnlyList<string> Any = new string[0];

        /// <summary>Every model of the catalog, as Kling's own API takes them (signed with the key pair).</summary>
        public static IReadOnlyList<VideoModel> Models { get; } = Build(official: true);

        /// <summary>The same models through a new-api gateway: none takes GenerateAudio (new-api drops <c>sound</c>).</summary>
        public static IReadOnlyList<VideoModel> GatewayModels { get; } = Build(official: false);

        /// <summary><see cref="Models"/> or <see cref="GatewayModels"/>.</summary>
        public static IReadOnlyList<VideoModel> For(bool official) => official ? Models : GatewayModels;

        private static IReadOnlyList<VideoModel> Build(bool official) => new[]
        {
            Model("kling-v1", "Kling v1", official),
            Model("kling-v1-6", "Kling v1.6", official),
            Model("kling-v2-master", "Kling v2 Master", official),
            Model("kling-v2-1-master", "Kling v2.1 Master", official),
            Model("kling-v2-5-turbo", "Kling v2.5 Turbo", official),
            Model(SoundModel, "Kling v2.6", official),
        };

        /// <summary>True for the v1 family, which takes <c>cfg_scale</c>.</summary>
        public static bool TakesCfgScale(string model) => model.StartsWith("kling-v1", StringComparison.OrdinalIgnoreCase);

        private static VideoModel Model(string id, string name, bool official)
        {
            bool sound = official && string.Equals(id, SoundModel, StringComparison.Ordinal);
            var fields = new List<string>
            {
                VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.ImageUrl, VideoField.ImagePath,
                VideoField.Duration, VideoField.AspectRatio, VideoField.NegativePrompt, VideoField.Mode,
            };
            if (sound) fields.Add(VideoField.GenerateAudio);
            var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                [CameraControlOption] = Any,
                [ImageTailOption] = Any,
            };
            if (TakesCfgScale(id)) options[CfgScaleOption] = Any;
            return new VideoModel
            {
                Provider = KlingProvider.Name,
                Source = Source,
                Model = id,
                Name = name,
                Types = VideoType.All.ToArray(),
                Duration = Durations,
                AspectRatio = AspectRatios,
                Mode = Modes,
                PromptMaxLength = 2500,
                SupportsNegativePrompt = true,
                SupportsGenerateAudio = sound,
                Fields = fields,
                Options = options,
            };
        }
    }
}
