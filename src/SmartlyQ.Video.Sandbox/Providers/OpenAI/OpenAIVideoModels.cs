using System;
using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>
    /// Models, sizes and lengths the emulator accepts (research-2026-12/openai-videos.md §1, which wins over the older
    /// sheet): <c>sora-2</c> renders 720p only, <c>sora-2-pro</c> adds the tall/wide and 1080p sizes; snapshots follow
    /// their family. Seconds are the string enum 4/8/12 plus the guide's 16/20.
    /// </summary>
    internal static class OpenAIVideoModels
    {
        public const string DefaultModel = "sora-2";
        public const string DefaultSeconds = "4";
        public const string DefaultSize = "720x1280";

        public static readonly IReadOnlyList<string> Models = new[]
        {
            "sora-2", "sora-2-pro", "sora-2-2025-10-06", "sora-2-pro-2025-10-06", "sora-2-2025-12-08",
        };

        public static readonly IReadOnlyList<string> Seconds = new[] { "4", "8", "12", "16", "20" };

        private static readonly string[] StandardSizes = { "720x1280", "1280x720" };

        private static readonly string[] ProSizes = { "720x1280", "1280x720", "1024x1792", "1792x1024", "1080x1920", "1920x1080" };

        /// <summary>Every size some model renders (for the message about an unknown size).</summary>
        public static IReadOnlyList<string> AllSizes => ProSizes;

        public static bool IsPro(string model) => model.StartsWith("sora-2-pro", StringComparison.Ordinal);

        public static IReadOnlyList<string> SizesFor(string model) => IsPro(model) ? ProSizes : StandardSizes;

        public static bool IsKnown(string model) => Models.Contains(model);

        /// <summary>OpenAI's way of listing allowed values in a message: <c>'a', 'b', and 'c'</c>.</summary>
        public static string Quote(IReadOnlyList<string> values)
        {
            var quoted = values.Select(v => "'" + v + "'").ToList();
            if (quoted.Count == 1) return quoted[0];
            if (quoted.Count == 2) return quoted[0] + " and " + quoted[1];
            return string.Join(", ", quoted.Take(quoted.Count - 1)) + ", and " + quoted[^1];
        }
    }
}
