using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Providers.Jimeng
{
    /// <summary>
    /// The JSON bodies of the gateway's Jimeng route (kling-jimeng.md §2, research-2026-12/new-api-gateway.md §10).
    /// Submit: <c>req_key</c> (the model), <c>prompt</c>, <c>image_urls</c> (ImageUrl) or <c>binary_data_base64</c>
    /// (ImagePath as bare base64), <c>seed</c>, <c>frames</c> (3.0 models: 121 or 241 for 5 or 10 s) and the option
    /// <c>aspect_ratio</c> — the gateway copies the whole body into the upstream payload. Fields not given are left
    /// out, so Jimeng applies its defaults. GetResult: <c>{"task_id"}</c>.
    /// </summary>
    internal static class JimengRequestBody
    {
        /// <summary>Largest local image sent inline: 4.7 MB per file, the Jimeng channel's limit.</summary>
        public const long MaxImageBytes = 4_700_000;

        /// <summary>
        /// The UTF-8 submit body. Throws <see cref="ArgumentException"/> naming Jimeng and the field (nothing is sent)
        /// when <c>Model</c> is empty or not a plain req_key (see <see cref="ReqKey"/>), <c>Prompt</c> is empty, a
        /// neutral field Jimeng has no place for is given (NegativePrompt, Resolution, AspectRatio, Mode, Style,
        /// Movement, GenerateAudio, CameraFixed), an option is not <c>aspect_ratio</c>, both ImageUrl and ImagePath are
        /// given, or ImagePath is not a JPEG/PNG/WebP file of at most <see cref="MaxImageBytes"/> bytes.
        /// </summary>
        public static byte[] Submit(VideoRequest request)
        {
            string reqKey = ReqKey(request.Model);
            if (string.IsNullOrWhiteSpace(request.Prompt))
                throw new ArgumentException("Jimeng requires Prompt: the gateway refuses a task without one (\"prompt is required\"), also with an image.", "Prompt");
            var unsupported = new (string Field, bool Given)[]
            {
                (VideoField.NegativePrompt, request.NegativePrompt != null), (VideoField.Resolution, request.Resolution != null),
                (VideoField.AspectRatio, request.AspectRatio != null), (VideoField.Mode, request.Mode != null),
                (VideoField.Style, request.Style != null), (VideoField.Movement, request.Movement != null),
                (VideoField.GenerateAudio, request.GenerateAudio == true), (VideoField.CameraFixed, request.CameraFixed == true),
            };
            foreach (var (field, given) in unsupported)
                if (given)
                    throw new ArgumentException("Jimeng does not accept " + field + ": its CVSync2AsyncSubmitTask payload has no such field"
                        + (field == VideoField.AspectRatio ? " as a neutral value; pass the option aspect_ratio instead." : "."), field);
            foreach (string name in request.Options.Keys)
                if (!JimengCatalog.OptionNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                    throw new ArgumentException("Jimeng does not accept the option '" + UnsafeCharacters.Show(name) + "' (it takes: " + string.Join(", ", JimengCatalog.OptionNames) + ").", nameof(request));
            if (request.ImageUrl != null && request.ImagePath != null)
                throw new ArgumentException("Jimeng takes one starting image: give ImageUrl or ImagePath, not both.", VideoField.ImagePath);
            if (request.Duration is int seconds && JimengCatalog.Find(reqKey) is VideoModel known && !known.Duration.Contains(seconds))
                throw new ArgumentException("Jimeng's " + reqKey + " makes " + string.Join(" or ", known.Duration) + " s videos, not " + seconds.ToString(CultureInfo.InvariantCulture) + " s.", VideoField.Duration);

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("req_key", reqKey);
                json.WriteString("prompt", request.Prompt);
                if (request.ImageUrl != null)
                {
                    json.WriteStartArray("image_urls");
                    json.WriteStringValue(request.ImageUrl.Trim());
                    json.WriteEndArray();
                }
                if (request.ImagePath != null)
                {
                    json.WriteStartArray("binary_data_base64");
                    json.WriteStringValue(Base64(request.ImagePath));
                    json.WriteEndArray();
                }
                if (request.Seed is long seed) json.WriteNumber("seed", seed);
                if (JimengCatalog.FramesFor(reqKey, request.Duration) is int frames) json.WriteNumber("frames", frames);
                foreach (KeyValuePair<string, string> option in request.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
                    json.WriteString(option.Key.ToLowerInvariant(), option.Value);
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>The GetResult body <c>{"task_id":…}</c> (the gateway needs no req_key there: it polls with its own).</summary>
        public static byte[] GetResult(string taskId)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("task_id", taskId);
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>
        /// The trimmed req_key; a value that is empty, longer than 64 characters or has anything but letters, digits,
        /// <c>_</c>, <c>-</c> and <c>.</c> gives <see cref="ArgumentException"/> naming Model. An unknown but well-formed
        /// key is sent: the gateway answers for it (a channel may serve keys the catalog does not list).
        /// </summary>
        internal static string ReqKey(string? model)
        {
            string key = (model ?? "").Trim();
            if (key.Length == 0)
                throw new ArgumentException("The Jimeng request needs a model: a req_key such as " + JimengCatalog.TextToVideoL20 + " (see Get-SqVideoModel).", VideoField.Model);
            if (key.Length > 64 || !key.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.')))
                throw new ArgumentException("Jimeng's model '" + UnsafeCharacters.Show(key, 80) + "' is not a req_key: a req_key has only letters, digits, '_', '-' and '.', like " + JimengCatalog.TextToVideoL20 + ".", VideoField.Model);
            return key;
        }

        /// <summary>The file as bare base64 (no <c>data:</c> prefix: Jimeng takes the plain encoding).</summary>
        private static string Base64(string path)
        {
            if (ReferenceImage.Problem(path) is string problem) throw new ArgumentException(problem, VideoField.ImagePath);
            var info = new FileInfo(path);
            if (info.Length > MaxImageBytes)
                throw new ArgumentException("image_path '" + path + "' is " + info.Length.ToString(CultureInfo.InvariantCulture) + " bytes; Jimeng takes inline (base64) images up to "
                    + MaxImageBytes.ToString(CultureInfo.InvariantCulture) + " bytes. Pass a public https URL of the image as ImageUrl instead.", VideoField.ImagePath);
            return Convert.ToBase64String(File.ReadAllBytes(path));
        }
    }
}
