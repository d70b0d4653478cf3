using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Json;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>
    /// Turns one entry of <c>GET /api/v1/video-models?detailed=true</c> into a <see cref="VideoModel"/>:
    /// <list type="bullet">
    /// <item><c>capabilities.text_to_video</c>/<c>image_to_video</c> (else <c>architecture.input_modalities</c> holding
    /// <c>image</c>) give the types; <c>capabilities.audio_generation</c> gives <c>generateAudio</c>.</item>
    /// <item><c>supported_parameters.durations</c> (numbers or strings of seconds, <c>"5s"</c> too), <c>resolutions</c> and
    /// <c>aspect_ratios</c> give the neutral lists; <c>orientations</c>, <c>sizes</c>, <c>modes</c> and <c>seconds</c>
    /// become options <c>orientation</c>, <c>size</c>, <c>mode</c> and <c>seconds</c> (the body fields of those names) with
    /// those values; a <c>true</c> documented boolean (<c>negative_prompt</c>, <c>seed</c>, <c>camera_fixed</c>,
    /// <c>generateAudio</c>) enables that neutral field, and <c>enhancePrompt</c>, <c>pro_mode</c>,
    /// <c>enable_prompt_expansion</c>, <c>enable_safety_checker</c> become options taking <c>true</c>/<c>false</c>.</item>
    /// <item><c>pricing.per_second</c> is the price per second; <c>pricing.currency</c> (default USD) the currency. A
    /// <c>per_video</c> price by resolution fits no per-second figure and is left out.</item>
    /// </list>
    /// <see cref="VideoModel.Fields"/> are the neutral fields the entry gives values for: never Mode, Style or
    /// Movement, which NanoGPT's body has no field for.
    /// </summary>
    internal static class NanoGptCatalog
    {
        /// <summary>Where model values come from.</summary>
        public const string Endpoint = "GET /api/v1/video-models";

        /// <summary>The unit NanoGPT's catalog prices in unless it says otherwise.</summary>
        public const string DefaultCurrency = "USD";

        private static readonly VideoSource Source = VideoSource.Api(Endpoint);

        /// <summary>supported_parameters list → option (body field) name.</summary>
        private static readonly Dictionary<string, string> ListOptions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["orientations"] = "orientation",
            ["sizes"] = "size",
            ["modes"] = "mode",
            ["seconds"] = "seconds",
        };

        /// <summary>Documented boolean body fields that have no neutral field: options taking true/false.</summary>
        internal static readonly string[] BooleanOptions = { "enhancePrompt", "pro_mode", "enable_prompt_expansion", "enable_safety_checker" };

        private static readonly IReadOnlyList<string> TrueFalse = new[] { "true", "false" };

        public static VideoModel? ToModel(NanoGptModelDto? dto)
        {
            if (dto == null || string.IsNullOrWhiteSpace(dto.Id)) return null;
            string id = dto.Id!.Trim();
            JsonElement? capabilities = dto.Capabilities;
            JsonElement? parameters = dto.SupportedParameters;

            bool image = LenientJson.True(LenientJson.Member(capabilities, "image_to_video"))
                         || (dto.Architecture?.InputModalities ?? new List<string?>()).Any(m => string.Equals(m, "image", StringComparison.OrdinalIgnoreCase));
            JsonElement? textFlag = LenientJson.Member(capabilities, "text_to_video");
            bool text = textFlag == null || LenientJson.True(textFlag);
            var types = new List<string>();
            if (text) types.Add(VideoType.TextToVideo);
            if (image) types.Add(VideoType.ImageToVideo);

            int[] durations = Durations(LenientJson.Member(parameters, "durations") ?? LenientJson.Member(parameters, "duration"));
            string[] resolutions = Strings(LenientJson.Member(parameters, "resolutions"));
            string[] aspects = Strings(LenientJson.Member(parameters, "aspect_ratios") ?? LenientJson.Member(parameters, "aspectRatios"));
            bool negative = LenientJson.True(LenientJson.Member(parameters, "negative_prompt"));
            bool seed = LenientJson.True(LenientJson.Member(parameters, "seed"));
            bool cameraFixed = LenientJson.True(LenientJson.Member(parameters, "camera_fixed"));
            bool audio = LenientJson.True(LenientJson.Member(capabilities, "audio_generation")) || LenientJson.True(LenientJson.Member(parameters, "generateAudio"));

            var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> list in ListOptions)
            {
                string[] values = Strings(LenientJson.Member(parameters, list.Key));
                if (values.Length > 0) options[list.Value] = values;
            }
            foreach (string flag in BooleanOptions)
                if (LenientJson.True(LenientJson.Member(parameters, flag))) options[flag] = TrueFalse;

            var fields = new List<string> { VideoField.Model, VideoField.Type, VideoField.Prompt };
            if (image) fields.AddRange(new[] { VideoField.ImageUrl, VideoField.ImagePath });
            if (durations.Length > 0) fields.Add(VideoField.Duration);
            if (aspects.Length > 0) fields.Add(VideoField.AspectRatio);
            if (resolutions.Length > 0) fields.Add(VideoField.Resolution);
            if (negative) fields.Add(VideoField.NegativePrompt);
            if (seed) fields.Add(VideoField.Seed);
            if (audio) fields.Add(VideoField.GenerateAudio);
            if (cameraFixed) fields.Add(VideoField.CameraFixed);

            JsonElement? pricing = dto.Pricing;
            decimal? perSecond = LenientJson.Decimal(LenientJson.Member(pricing, "per_second"));
            return new VideoModel
            {
                Provider = NanoGptProvider.Name,
                Source = Source,
                Fields = fields,
                Options = options,
                Model = id,
                Name = string.IsNullOrWhiteSpace(dto.Name) ? id : dto.Name!.Trim(),
                Types = types,
                Duration = durations,
                Resolution = resolutions,
                AspectRatio = aspects,
                SupportsNegativePrompt = negative,
                SupportsSeed = seed,
                SupportsGenerateAudio = audio,
                SupportsCameraFixed = cameraFixed,
                PricePerSecond = perSecond >= 0 ? perSecond : null,
                Currency = LenientJson.String(LenientJson.Member(pricing, "currency"))?.ToUpperInvariant() ?? DefaultCurrency,
            };
        }

        /// <summary>Whole seconds from numbers, <c>"5"</c> or <c>"5s"</c>; others skipped; sorted, distinct.</summary>
        private static int[] Durations(JsonElement? list)
        {
            if (list == null || list.Value.ValueKind != JsonValueKind.Array) return new int[0];
            var seconds = new SortedSet<int>();
            foreach (JsonElement item in list.Value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int n) && n > 0) seconds.Add(n);
                else if (item.ValueKind == JsonValueKind.String)
                {
                    string t = (item.GetString() ?? "").Trim();
                    if (t.EndsWith("s", StringComparison.OrdinalIgnoreCase)) t = t.Substring(0, t.Length - 1);
                    if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0) seconds.Add(parsed);
                }
            }
            return seconds.ToArray();
        }

        /// <summary>The non-blank strings (and numbers, as text) of an array, in order, distinct.</summary>
        private static string[] Strings(JsonElement? list)
        {
            if (list == null || list.Value.ValueKind != JsonValueKind.Array) return new string[0];
            var values = new List<string>();
            foreach (JsonElement item in list.Value.EnumerateArray())
            {
                string? value = item.ValueKind == JsonValueKind.String ? item.GetString()?.Trim()
                    : item.ValueKind == JsonValueKind.Number ? item.GetRawText() : null;
                if (!string.IsNullOrEmpty(value) && !values.Contains(value!, StringComparer.Ordinal)) values.Add(value!);
            }
            return values.ToArray();
        }
    }
}
