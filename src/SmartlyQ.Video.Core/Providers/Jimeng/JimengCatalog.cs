using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.Jimeng
{
    /// <summary>
    /// The built-in catalog: Jimeng's <c>req_key</c> values new-api's Jimeng channel handles (kling-jimeng.md §2,
    /// research-2026-12/new-api-gateway.md §10), because the gateway's <c>/jimeng/</c> route has no model list.
    /// <list type="bullet">
    /// <item><c>jimeng_vgfm_t2v_l20</c> (text only) and <c>jimeng_vgfm_i2v_l20</c> (image only): 5 s, no <c>frames</c> sent;</item>
    /// <item><c>jimeng_v30</c> and <c>jimeng_v30_pro</c>: text or image (the gateway picks the t2v/i2v variant by the
    /// image count), 5 or 10 s, sent as <c>frames</c> 121 or 241;</item>
    /// <item>neutral fields Model, Type, Prompt (required: the gateway's relay refuses a task without one), ImageUrl
    /// (<c>image_urls</c>), ImagePath (<c>binary_data_base64</c>, at most <see cref="JimengRequestBody.MaxImageBytes"/>),
    /// Duration and Seed (<c>seed</c>); the option <c>aspect_ratio</c>, any value (the sources name the field, not its values);</item>
    /// <item>no NegativePrompt, Resolution, AspectRatio as a neutral list, Mode, Style, Movement, GenerateAudio or
    /// CameraFixed: Jimeng's payload has no such field, so a row giving one is refused naming Jimeng and the field;</item>
    /// <item>no price (neither the gateway nor the sources give one).</item>
    /// </list>
    /// </summary>
    internal static class JimengCatalog
    {
        /// <summary>Where the values come from, for <see cref="VideoModel.Source"/>.</summary>
        public static readonly VideoSource Source = VideoSource.BuiltIn("new-api's Jimeng channel (relay/channel/task/jimeng/adaptor.go at 4ca47ee2) and the gateway's Jimeng docs, read 2026-12");

        /// <summary>The default req_key of the gateway (and the one its poller always sends).</summary>
        public const string TextToVideoL20 = "jimeng_vgfm_t2v_l20";

        /// <summary>Image-to-video, 720p-class 2.0 model.</summary>
        public const string ImageToVideoL20 = "jimeng_vgfm_i2v_l20";

        /// <summary>Jimeng 3.0 (the gateway rewrites it to jimeng_t2v_v30, jimeng_i2v_first_v30 or jimeng_i2v_first_tail_v30).</summary>
        public const string V30 = "jimeng_v30";

        /// <summary>Jimeng 3.0 Pro (rewritten to jimeng_ti2v_v30_pro).</summary>
        public const string V30Pro = "jimeng_v30_pro";

        /// <summary>The <c>aspect_ratio</c> option's name (a payload field of Jimeng's).</summary>
        public const string AspectRatioOption = "aspect_ratio";

        /// <summary>Options (payload field → any value).</summary>
        internal static readonly string[] OptionNames = { AspectRatioOption };

        /// <summary>The neutral fields Jimeng's payload carries.</summary>
        internal static readonly string[] Fields =
        {
            VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.ImageUrl, VideoField.ImagePath, VideoField.Duration, VideoField.Seed,
        };

        private static readonly string[] TextOnly = { VideoType.TextToVideo };
        private static readonly string[] ImageOnly = { VideoType.ImageToVideo };
        private static readonly string[] Both = { VideoType.TextToVideo, VideoType.ImageToVideo };

        /// <summary>Every built-in model, the gateway's default first.</summary>
        public static IReadOnlyList<VideoModel> Models { get; } = new[]
        {
            Model(TextToVideoL20, "Jimeng video 2.0 (text to video, L20)", TextOnly, new[] { 5 }),
            Model(ImageToVideoL20, "Jimeng video 2.0 (image to video, L20)", ImageOnly, new[] { 5 }),
            Model(V30, "Jimeng video 3.0", Both, new[] { 5, 10 }),
            Model(V30Pro, "Jimeng video 3.0 Pro", Both, new[] { 5, 10 }),
        };

        /// <summary>The built-in model <paramref name="reqKey"/> (exact, as Jimeng matches req_key); null for another.</summary>
        public static VideoModel? Find(string? reqKey) => Models.FirstOrDefault(m => string.Equals(m.Model, reqKey, StringComparison.Ordinal));

        /// <summary>
        /// Jimeng's <c>frames</c> for <paramref name="seconds"/> on a 3.0 model (121 ≈ 5 s, 241 ≈ 10 s, new-api's own
        /// mapping); null for a 2.0 model, which takes no frames, or when no duration is given (the channel's 121).
        /// </summary>
        public static int? FramesFor(string reqKey, int? seconds)
        {
            if (seconds == null || !(reqKey == V30 || reqKey == V30Pro)) return null;
            return seconds.Value == 10 ? 241 : 121;
        }

        private static VideoModel Model(string id, string name, string[] types, int[] seconds) => new VideoModel
        {
            Provider = JimengProvider.Name,
            Source = Source,
            Model = id,
            Name = name,
            Types = types,
            Duration = seconds,
            Fields = Fields,
            Options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [AspectRatioOption] = new string[0] },
            SupportsSeed = true,
        };
    }
}
