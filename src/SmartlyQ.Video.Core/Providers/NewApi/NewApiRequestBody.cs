using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// The JSON body of <c>POST /v1/video/generations</c> for a neutral <see cref="VideoRequest"/>, in the fields
    /// new-api's relay actually reads (<c>TaskSubmitReq</c>, research-2026-12/new-api-gateway.md §5): <c>model</c>,
    /// <c>prompt</c>, <c>image</c> (ImageUrl, or the local ImagePath as plain base64, which the channels take),
    /// <c>duration</c> (a number of seconds), the options <c>mode</c> and <c>size</c>, and <c>metadata</c> holding
    /// <c>negative_prompt</c> and the option <c>aspect_ratio</c> (metadata keys are merged into the upstream payload).
    /// Fields left out when not given, so the channel applies its defaults.
    /// </summary>
    internal static class NewApiRequestBody
    {
        /// <summary>Largest local image sent inline: 10 MB, Kling's limit for a base64 image (the strictest channel documented).</summary>
        public const long MaxImageBytes = 10L * 1024 * 1024;

        /// <summary>Options written at the top level of the body; the others go into <c>metadata</c>.</summary>
        private static readonly HashSet<string> TopLevel = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "mode", "size" };

        /// <summary>
        /// The UTF-8 body. Throws <see cref="ArgumentException"/> (nothing is sent) when <c>Model</c> or <c>Prompt</c> is
        /// empty (the gateway requires a prompt even with an image); a neutral field the relay would silently drop is
        /// given (Seed, Resolution, AspectRatio, GenerateAudio, CameraFixed, Style, Movement); an option is not
        /// <c>mode</c>, <c>size</c> or <c>aspect_ratio</c>; or ImagePath is not a JPEG/PNG/WebP file of at most
        /// <see cref="MaxImageBytes"/> bytes.
        /// </summary>
        public static byte[] Write(VideoRequest request)
        {
            if (string.IsNullOrWhiteSpace(request.Model))
                throw new ArgumentException("The video request needs a model id (see GET /v1/models of the gateway).", nameof(request));
            if (string.IsNullOrWhiteSpace(request.Prompt))
                throw new ArgumentException("NewApi requires Prompt: the gateway refuses a task without one (\"prompt is required\"), also with an image.", "Prompt");
            var dropped = new (string Field, bool Given)[]
            {
                (VideoField.Seed, request.Seed != null), (VideoField.Resolution, request.Resolution != null), (VideoField.AspectRatio, request.AspectRatio != null),
                (VideoField.GenerateAudio, request.GenerateAudio == true), (VideoField.CameraFixed, request.CameraFixed == true),
                (VideoField.Style, request.Style != null), (VideoField.Movement, request.Movement != null), (VideoField.Mode, request.Mode != null),
            };
            foreach (var (field, given) in dropped)
                if (given)
                    throw new ArgumentException("NewApi does not accept " + field + ": the gateway's /v1/video/generations reads no such field and would silently drop it.", field);
            foreach (string name in request.Options.Keys)
                if (!NewApiCatalog.OptionNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                    throw new ArgumentException("NewApi does not accept the option '" + UnsafeCharacters.Show(name) + "' (it takes: " + string.Join(", ", NewApiCatalog.OptionNames) + ").", nameof(request));

            string? image = request.ImageUrl ?? (request.ImagePath == null ? null : Base64(request.ImagePath));
            var metadata = new List<KeyValuePair<string, string>>();
            if (request.NegativePrompt != null) metadata.Add(new KeyValuePair<string, string>("negative_prompt", request.NegativePrompt));

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("model", request.Model!.Trim());
                json.WriteString("prompt", request.Prompt);
                if (image != null) json.WriteString("image", image);
                if (request.Duration is int seconds) json.WriteNumber("duration", seconds);
                foreach (KeyValuePair<string, string> option in request.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    if (TopLevel.Contains(option.Key)) json.WriteString(option.Key.ToLowerInvariant(), option.Value);
                    else metadata.Add(new KeyValuePair<string, string>(option.Key.ToLowerInvariant(), option.Value));
                }
                if (metadata.Count > 0)
                {
                    json.WriteStartObject("metadata");
                    foreach (KeyValuePair<string, string> item in metadata) json.WriteString(item.Key, item.Value);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>The file as plain base64 (no <c>data:</c> prefix: Kling and Jimeng take the bare encoding).</summary>
        private static string Base64(string path)
        {
            if (ReferenceImage.Problem(path) is string problem) throw new ArgumentException(problem, "ImagePath");
            var info = new FileInfo(path);
            if (info.Length > MaxImageBytes)
                throw new ArgumentException("image_path '" + path + "' is " + info.Length.ToString(CultureInfo.InvariantCulture) + " bytes; NewApi sends local images inline (base64) up to "
                    + MaxImageBytes.ToString(CultureInfo.InvariantCulture) + " bytes. Pass a public https URL of the image as ImageUrl instead.", "ImagePath");
            if (ReferenceImage.MediaType(path) == null) throw new ArgumentException("image_path '" + path + "' is not a JPEG, PNG or WebP image.", "ImagePath");
            return Convert.ToBase64String(File.ReadAllBytes(path));
        }
    }
}
