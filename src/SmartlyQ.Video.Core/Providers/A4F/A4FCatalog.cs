using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// A4F's video models: the documented table of the video-generation page (model, longest duration, qualities),
    /// which <c>GET /v1/models</c> does not carry (it gives only <c>id</c>, <c>base_model</c>, <c>owned_by</c>, <c>type</c>).
    /// Every model takes text only (no image input), durations 1 s to its longest, ratios <c>1:1</c>, <c>16:9</c>,
    /// <c>9:16</c> (A4F's default), <c>3:4</c>, <c>4:3</c>. A listed video model the table lacks gets the page's general
    /// limits (1–8 s, <c>480p</c>/<c>720p</c>/<c>1080p</c>). No prices: A4F bills by plan.
    /// </summary>
    internal static class A4FCatalog
    {
        /// <summary>Where listed models come from.</summary>
        public const string Endpoint = "GET /v1/models";

        /// <summary>Where the table comes from.</summary>
        public const string Document = "A4F video generation page (docs/api-reference/video-generation)";

        /// <summary>The longest duration the endpoint takes for any model, in seconds.</summary>
        public const int MaxDuration = 8;

        /// <summary>The aspect ratios the endpoint takes.</summary>
        public static readonly IReadOnlyList<string> Ratios = new[] { "1:1", "16:9", "9:16", "3:4", "4:3" };

        /// <summary>The qualities the endpoint takes for any model.</summary>
        public static readonly IReadOnlyList<string> Qualities = new[] { "480p", "720p", "1080p" };

        /// <summary>The documented table: id → (owner, longest seconds, qualities).</summary>
        internal static readonly IReadOnlyList<(string Id, string Owner, int MaxSeconds, string[] Qualities)> Table = new[]
        {
            ("provider-2/seedance-lite", "Tencent", 5, new[] { "1080p" }),
            ("provider-2/kling-v2.1", "Kuaishou", 5, new[] { "720p", "1080p" }),
            ("provider-2/sora-2", "OpenAI", 4, new[] { "720p", "1080p" }),
            ("provider-2/veo-fast", "", 8, new[] { "720p", "1080p" }),
            ("provider-2/seedance-pro", "Tencent", 5, new[] { "1080p" }),
            ("provider-2/sora-2-pro", "OpenAI", 5, new[] { "720p", "1080p" }),
            ("provider-2/veo", "", 8, new[] { "720p", "1080p" }),
        };

        /// <summary>The documented table as models (source: the page).</summary>
        public static IReadOnlyList<VideoModel> BuiltIn()
            => Table.Select(row => Model(row.Id, row.MaxSeconds, row.Qualities, VideoSource.BuiltIn(Document))).ToArray();

        /// <summary>
        /// The video models of a <c>GET /v1/models</c> list (<c>type</c> naming video, or an id of the table), with the
        /// table's limits; null when the list holds no video model (then the caller uses <see cref="BuiltIn"/>).
        /// </summary>
        public static IReadOnlyList<VideoModel>? FromList(IEnumerable<A4FModelDto?> entries)
        {
            var models = new List<VideoModel>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (A4FModelDto? dto in entries)
            {
                if (dto == null || string.IsNullOrWhiteSpace(dto.Id)) continue;
                string id = dto.Id!.Trim();
                var row = Table.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
                bool video = (dto.Type ?? "").IndexOf("video", StringComparison.OrdinalIgnoreCase) >= 0;
                if (!video && row.Id == null) continue;
                if (!seen.Add(id)) continue;
                models.Add(row.Id != null
                    ? Model(id, row.MaxSeconds, row.Qualities, VideoSource.Api(Endpoint))
                    : Model(id, MaxDuration, Qualities.ToArray(), VideoSource.Api(Endpoint)));
            }
            return models.Count == 0 ? null : models;
        }

        private static VideoModel Model(string id, int maxSeconds, string[] qualities, VideoSource source)
            => new VideoModel
            {
                Provider = A4FProvider.Name,
                Source = source,
                Fields = new[] { VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.Duration, VideoField.Resolution, VideoField.AspectRatio },
                Model = id,
                Name = id,
                Types = new[] { VideoType.TextToVideo },
                Duration = Enumerable.Range(1, maxSeconds).ToArray(),
                Resolution = qualities,
                AspectRatio = Ratios,
            };
    }
}
