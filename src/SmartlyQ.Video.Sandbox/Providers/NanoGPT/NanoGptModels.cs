using System;
using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Sandbox.Providers.NanoGPT
{
    /// <summary>
    /// The built-in catalog: model ids the fact sheet names, with emulator-chosen options and prices. veo2-video costs
    /// 0.07/s, so its 5 s default is the docs' example cost of 0.35; seedance-lite-video is priced per video by resolution.
    /// </summary>
    internal static class NanoGptModels
    {
        public static readonly IReadOnlyList<NanoGptModel> All = new[]
        {
            new NanoGptModel("veo2-video", "Veo 2", "Google Veo 2 text-to-video and image-to-video (sandbox).", true, false,
                new[] { "5", "6", "7", "8" }, new[] { "16:9", "9:16" }, new[] { "720p" }, 0.07m, null),
            new NanoGptModel("kling-v21-standard", "Kling v2.1 Standard", "Kling v2.1 standard quality (sandbox).", true, false,
                new[] { "5", "10" }, new[] { "16:9", "9:16", "1:1" }, new[] { "720p" }, 0.05m, null),
            new NanoGptModel("sora-2", "Sora 2", "OpenAI Sora 2 through NanoGPT (sandbox).", true, true,
                new[] { "4", "8", "12" }, Array.Empty<string>(), new[] { "720p" }, 0.10m, null, SoraStyle: true),
            new NanoGptModel("seedance-lite-video", "Seedance Lite", "ByteDance Seedance lite (sandbox), priced per video.", true, false,
                new[] { "5", "10" }, new[] { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "auto" }, new[] { "480p", "720p", "1080p" },
                null, new Dictionary<string, decimal> { ["480p"] = 0.72m, ["720p"] = 1.2m, ["1080p"] = 1.8m }),
        };

        public static bool TryGet(string id, out NanoGptModel model)
        {
            model = All.FirstOrDefault(m => m.Id == id)!;
            return model != null;
        }
    }
}
