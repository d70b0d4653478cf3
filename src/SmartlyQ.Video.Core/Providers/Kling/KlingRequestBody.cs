using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// The JSON body of <c>POST v1/videos/text2video</c> or <c>v1/videos/image2video</c> for a neutral
    /// <see cref="VideoRequest"/>, in Kling's own fields (research-2026-12/kling-official-vs-newapi.md §1; new-api copies
    /// them through): <c>model_name</c>, <c>prompt</c>, <c>negative_prompt</c>, <c>mode</c>, <c>duration</c> (a string of
    /// seconds), <c>aspect_ratio</c>, <c>sound</c> (<c>on</c>/<c>off</c>, official API only), <c>image</c> (ImageUrl, or
    /// ImagePath as raw base64 without a <c>data:</c> prefix) and the options <c>cfg_scale</c> (a number),
    /// <c>camera_control</c> (a preset type or a JSON object) and <c>image_tail</c>. Fields not given are left out so
    /// Kling applies its defaults.
    /// </summary>
    internal static class KlingRequestBody
    {
        /// <summary>Largest local image sent inline: 10 MB (Kling's limit for an image).</summary>
        public const long MaxImageBytes = 10L * 1024 * 1024;

        /// <summary>Longest prompt and negative prompt Kling takes, in characters.</summary>
        public const int MaxPromptLength = 2500;

        /// <summary>
        /// The route (image2video when the request has an image) and the UTF-8 body. <paramref name="official"/>: the
        /// request goes to Kling's own API (signed with the key pair), not through a gateway. Throws
        /// <see cref="ArgumentException"/> naming Kling and the field, and nothing is sent, when: Model is empty; Prompt is
        /// empty (optional only for image2video on the official API: new-api requires one); Prompt or NegativePrompt is
        /// longer than <see cref="MaxPromptLength"/>; Type is image_to_video without an image; a field Kling has no place
        /// for is given (Seed, Resolution, Style, Movement, CameraFixed; GenerateAudio through a gateway, which drops
        /// <c>sound</c>); Duration is not a whole number of seconds above 0; an option is not one of
        /// <see cref="KlingCatalog.OptionNames"/>, <c>cfg_scale</c> is not a number from 0 to 1 or <c>camera_control</c> is
        /// neither a preset nor a JSON object; ImagePath is not a JPEG or PNG file of at most <see cref="MaxImageBytes"/>.
        /// </summary>
        public static (bool Image, byte[] Body) Write(VideoRequest request, bool official)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.Model))
                throw new ArgumentException("Kling needs a model (model_name), e.g. kling-v1; Get-SqVideoModel -Provider Kling lists them.", "Model");
            bool image = request.ImageUrl != null || request.ImagePath != null;
            if (!image && string.Equals(request.Type, VideoType.ImageToVideo, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException("Kling's image_to_video needs ImageUrl or ImagePath (the first frame).", "ImageUrl");
            if (string.IsNullOrWhiteSpace(request.Prompt) && !(image && official))
                throw new ArgumentException("Kling requires Prompt" + (image ? " through a gateway (new-api refuses a task without one)." : " for text2video."), "Prompt");
            if (request.Prompt != null && request.Prompt.Length > MaxPromptLength)
                throw new ArgumentException("Kling takes a Prompt of at most " + MaxPromptLength + " characters; this one has " + request.Prompt.Length + ".", "Prompt");
            if (request.NegativePrompt != null && request.NegativePrompt.Length > MaxPromptLength)
                throw new ArgumentException("Kling takes a NegativePrompt of at most " + MaxPromptLength + " characters; this one has " + request.NegativePrompt.Length + ".", "NegativePrompt");
            var unsupported = new (string Field, bool Given, string Why)[]
            {
                (VideoField.Seed, request.Seed != null, "Kling has no seed field"),
                (VideoField.Resolution, request.Resolution != null, "Kling picks the resolution from mode (std/pro)"),
                (VideoField.Style, request.Style != null, "Kling has no style field"),
                (VideoField.Movement, request.Movement != null, "Kling has no movement field (see the camera_control option)"),
                (VideoField.CameraFixed, request.CameraFixed == true, "Kling has no such flag (see the camera_control option)"),
                (VideoField.GenerateAudio, request.GenerateAudio == true && !official, "a new-api gateway drops Kling's sound field"),
            };
            foreach (var (field, given, why) in unsupported)
                if (given) throw new ArgumentException("Kling does not accept " + field + ": " + why + ".", field);
            if (request.Duration is int d && d <= 0)
                throw new ArgumentException("Kling's Duration is a whole number of seconds (5 or 10); " + d.ToString(CultureInfo.InvariantCulture) + " is none.", "Duration");

            string? cfgScale = null, cameraControl = null, imageTail = null;
            foreach (KeyValuePair<string, string> option in request.Options)
            {
                if (string.Equals(option.Key, KlingCatalog.CfgScaleOption, StringComparison.OrdinalIgnoreCase)) cfgScale = option.Value;
                else if (string.Equals(option.Key, KlingCatalog.CameraControlOption, StringComparison.OrdinalIgnoreCase)) cameraControl = option.Value;
                else if (string.Equals(option.Key, KlingCatalog.ImageTailOption, StringComparison.OrdinalIgnoreCase)) imageTail = option.Value;
                else throw new ArgumentException("Kling does not accept the option '" + UnsafeCharacters.Show(option.Key) + "' (it takes: " + string.Join(", ", KlingCatalog.OptionNames) + ").", option.Key);
            }
            double? cfg = cfgScale == null ? (double?)null : CfgScale(cfgScale);
            JsonDocument? camera = cameraControl == null ? null : CameraControl(cameraControl);

            string? imageValue = request.ImageUrl?.Trim() ?? (request.ImagePath == null ? null : Base64(request.ImagePath));
            using var buffer = new MemoryStream();
            using (camera)
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("model_name", request.Model!.Trim());
                if (!string.IsNullOrWhiteSpace(request.Prompt)) json.WriteString("prompt", request.Prompt);
                if (request.NegativePrompt != null) json.WriteString("negative_prompt", request.NegativePrompt);
                if (imageValue != null) json.WriteString("image", imageValue);
                if (imageTail != null) json.WriteString("image_tail", imageTail.Trim());
                if (request.Mode != null) json.WriteString("mode", request.Mode.Trim().ToLowerInvariant());
                if (request.Duration is int seconds) json.WriteString("duration", seconds.ToString(CultureInfo.InvariantCulture));
                if (request.AspectRatio != null) json.WriteString("aspect_ratio", request.AspectRatio.Trim());
                if (cfg != null) json.WriteNumber("cfg_scale", cfg.Value);
                if (camera != null)
                {
                    json.WritePropertyName("camera_control");
                    camera.RootElement.WriteTo(json);
                }
                if (official && request.GenerateAudio != null) json.WriteString("sound", request.GenerateAudio.Value ? "on" : "off");
                json.WriteEndObject();
            }
            return (image, buffer.ToArray());
        }

        /// <summary><c>cfg_scale</c>: a number from 0 to 1 (Kling's range; default 0.5).</summary>
        private static double CfgScale(string text)
        {
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || value < 0 || value > 1)
                throw new ArgumentException("Kling's option cfg_scale is a number from 0 to 1 (e.g. 0.5); '" + UnsafeCharacters.Show(text) + "' is none.", KlingCatalog.CfgScaleOption);
            return value;
        }

        /// <summary><c>camera_control</c>: a preset type (as <c>{"type":…}</c>) or the JSON object itself.</summary>
        private static JsonDocument CameraControl(string text)
        {
            string value = text.Trim();
            string? preset = KlingCatalog.CameraPresets.FirstOrDefault(p => string.Equals(p, value, StringComparison.OrdinalIgnoreCase));
            if (preset != null) return JsonDocument.Parse("{\"type\":\"" + preset + "\"}");
            if (value.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    var document = JsonDocument.Parse(value);
                    if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
                    document.Dispose();
                }
                catch (JsonException)
                {
                    // Reported below without the parser's message (it would quote the text).
                }
            }
            throw new ArgumentException("Kling's option camera_control is one of " + string.Join(", ", KlingCatalog.CameraPresets)
                + " or a JSON object like {\"type\":\"simple\",\"config\":{\"zoom\":5}}.", KlingCatalog.CameraControlOption);
        }

        /// <summary>The file as raw base64 (Kling refuses a <c>data:</c> prefix); JPEG or PNG only, at most <see cref="MaxImageBytes"/>.</summary>
        private static string Base64(string path)
        {
            if (ReferenceImage.Problem(path) is string problem) throw new ArgumentException(problem, "ImagePath");
            var info = new FileInfo(path);
            if (info.Length > MaxImageBytes)
                throw new ArgumentException("image_path '" + path + "' is " + info.Length.ToString(CultureInfo.InvariantCulture) + " bytes; Kling takes images up to "
                    + MaxImageBytes.ToString(CultureInfo.InvariantCulture) + " bytes. Pass a public https URL of the image as ImageUrl instead.", "ImagePath");
            string? type = ReferenceImage.MediaType(path);
            if (type != "image/jpeg" && type != "image/png") throw new ArgumentException("image_path '" + path + "' is not a JPEG or PNG image (Kling takes .jpg, .jpeg and .png).", "ImagePath");
            return Convert.ToBase64String(File.ReadAllBytes(path));
        }
    }
}
