using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Sandbox.Providers.Jimeng
{
    /// <summary>
    /// The req_keys of the emulated Jimeng channel (kling-jimeng.md §2: the gateway's default
    /// <c>jimeng_vgfm_t2v_l20</c>, its image twin, and the 3.0 keys the gateway rewrites by image count); prices are the sandbox's own.
    /// </summary>
    internal static class JimengModels
    {
        /// <summary>The req_key the gateway uses when a body names none.</summary>
        public const string Default = "jimeng_vgfm_t2v_l20";

        public static readonly IReadOnlyList<JimengModel> All = new[]
        {
            new JimengModel(Default, TextToVideo: true, ImageToVideo: false, TakesFrames: false, 0.04m),
            new JimengModel("jimeng_vgfm_i2v_l20", TextToVideo: false, ImageToVideo: true, TakesFrames: false, 0.04m),
            new JimengModel("jimeng_v30", TextToVideo: true, ImageToVideo: true, TakesFrames: true, 0.06m),
            new JimengModel("jimeng_v30_pro", TextToVideo: true, ImageToVideo: true, TakesFrames: true, 0.10m),
        };

        /// <summary>The model <paramref name="reqKey"/> (exact, as the distributor matches it).</summary>
        public static bool TryGet(string reqKey, out JimengModel model)
        {
            model = All.FirstOrDefault(m => m.ReqKey == reqKey)!;
            return model != null;
        }
    }
}
