using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// Turns the gateway's <c>GET /v1/models</c> into video models for its task endpoint. The list holds every model
    /// the token may use (chat models too); entries whose <c>supported_endpoint_types</c> include
    /// <c>openai-video</c> are the video models. A gateway whose entries declare no endpoint types at all (older
    /// versions) has every entry kept. The list says nothing else about a model, so the rest is what new-api's
    /// relay fixes for <c>POST /v1/video/generations</c> (research-2026-12/new-api-gateway.md §5):
    /// <list type="bullet">
    /// <item>both types (an <c>image</c> switches to image-to-video); <c>prompt</c> is required;</item>
    /// <item>neutral fields Model, Type, Prompt, ImageUrl, ImagePath (base64 in <c>image</c>), Duration (seconds
    /// <see cref="Durations"/>: the gateway checks none, the upstream channel does) and NegativePrompt (in
    /// <c>metadata</c>, the extras the docs name);</item>
    /// <item>options <c>mode</c>, <c>size</c> (body fields) and <c>aspect_ratio</c> (in <c>metadata</c>), any value;</item>
    /// <item>no Seed, Resolution, AspectRatio as a neutral list, GenerateAudio, CameraFixed, Style or Movement: the relay
    /// reads no such field (it silently drops <c>seed</c>, <c>width</c>/<c>height</c>, <c>fps</c>, <c>n</c>), so a row
    /// giving one is refused naming NewApi and the field, before anything is sent;</item>
    /// <item>no price (the gateway's list has none).</item>
    /// </list>
    /// </summary>
    internal static class NewApiCatalog
    {
        /// <summary>Where model ids come from.</summary>
        public const string Endpoint = "GET /v1/models";

        /// <summary>The endpoint type of a video model in new-api's list (<c>constant/endpoint_type.go</c>).</summary>
        public const string VideoEndpointType = "openai-video";

        /// <summary>Whole seconds a row may ask for: 1–20, the span new-api's video channels cover (Kling 5/10, Sora 4/8/12, Jimeng 5/10…).</summary>
        public static readonly int[] Durations = Enumerable.Range(1, 20).ToArray();

        /// <summary>The neutral fields the task endpoint carries.</summary>
        internal static readonly string[] Fields =
        {
            VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.ImageUrl, VideoField.ImagePath, VideoField.Duration, VideoField.NegativePrompt,
        };

        /// <summary>Options (body or metadata field → any value).</summary>
        internal static readonly string[] OptionNames = { "mode", "size", "aspect_ratio" };

        private static readonly VideoSource Source = VideoSource.Api(Endpoint);

        /// <summary>The video models of the list (see the class remarks), in its order, ids distinct.</summary>
        public static IReadOnlyList<VideoModel> ToModels(IEnumerable<NewApiModelDto?> entries)
        {
            var list = entries.Where(e => e != null && !string.IsNullOrWhiteSpace(e.Id)).Select(e => e!).ToList();
            bool typed = list.Any(e => e.SupportedEndpointTypes != null && e.SupportedEndpointTypes.Count > 0);
            var models = new List<VideoModel>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (NewApiModelDto entry in list)
            {
                if (typed && !(entry.SupportedEndpointTypes ?? new List<string?>()).Any(t => string.Equals(t?.Trim(), VideoEndpointType, StringComparison.OrdinalIgnoreCase)))
                    continue;
                string id = entry.Id!.Trim();
                if (!seen.Add(id)) continue;
                models.Add(ToModel(id));
            }
            return models;
        }

        private static VideoModel ToModel(string id)
        {
            var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (string name in OptionNames) options[name] = new string[0];
            return new VideoModel
            {
                Provider = NewApiProvider.Name,
                Source = Source,
                Fields = Fields,
                Options = options,
                Model = id,
                Name = id,
                Types = new[] { VideoType.TextToVideo, VideoType.ImageToVideo },
                Duration = Durations,
                SupportsNegativePrompt = true,
            };
        }
    }
}
