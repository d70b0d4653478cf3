using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>
    /// The JSON body of <c>POST /api/generate-video</c> for a neutral <see cref="VideoRequest"/> (fields left out when
    /// not given, so NanoGPT applies its defaults):
    /// <c>model</c>, <c>prompt</c>, <c>negative_prompt</c>, <c>duration</c> (seconds as a <b>string</b>, as NanoGPT
    /// takes it), <c>aspect_ratio</c>, <c>resolution</c>, <c>seed</c> (number), <c>generateAudio</c>,
    /// <c>camera_fixed</c>, <c>imageUrl</c> (from ImageUrl) or <c>imageDataUrl</c> (<c>data:image/png;base64,…</c> from
    /// the local ImagePath), then the options by their NanoGPT names (strings; the documented booleans as JSON
    /// booleans). There is no type field: NanoGPT infers image-to-video from the image.
    /// </summary>
    internal static class NanoGptRequestBody
    {
        /// <summary>Largest local image sent as <c>imageDataUrl</c>: NanoGPT takes API uploads up to 4 MB, larger ones by <c>imageUrl</c>.</summary>
        public const long MaxImageBytes = 4L * 1024 * 1024;

        /// <summary>Body fields an option may not set: they come from the neutral fields, or are media inputs NanoGPT may choke on.</summary>
        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "model", "prompt", "negative_prompt", "duration", "aspect_ratio", "resolution", "seed", "generateAudio", "camera_fixed",
            "camera_fix", "cameraFixed", "imageUrl", "imageDataUrl", "imageAttachmentId", "image", "reference_image", "referenceImages",
            "referenceVideos", "audioDataUrl", "audioUrl", "audio", "videoUrl", "videoDataUrl", "video", "videoAttachmentId",
        };

        private static readonly HashSet<string> Booleans = new HashSet<string>(NanoGptCatalog.BooleanOptions, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The UTF-8 body. Throws <see cref="ArgumentException"/> (nothing is sent) when <c>Model</c> is empty; Mode,
        /// Style or Movement is given (NanoGPT has no such field); an option would set a field the request already
        /// names; or ImagePath is not a JPEG/PNG/WebP file of at most <see cref="MaxImageBytes"/> bytes.
        /// </summary>
        public static byte[] Write(VideoRequest request)
        {
            if (string.IsNullOrWhiteSpace(request.Model))
                throw new ArgumentException("The video request needs a model id (see GET /api/v1/video-models).", nameof(request));
            foreach (var (field, value) in new[] { (VideoField.Mode, request.Mode), (VideoField.Style, request.Style), (VideoField.Movement, request.Movement) })
                if (value != null)
                    throw new ArgumentException("NanoGPT does not accept " + field + ": its generate-video body has no such field.", nameof(request));
            foreach (string name in request.Options.Keys)
                if (Reserved.Contains(name))
                    throw new ArgumentException("NanoGPT option '" + UnsafeCharacters.Show(name) + "' would set a field the request's own parameters set; use the parameter instead.", nameof(request));

            string? dataUrl = request.ImagePath == null ? null : DataUrl(request.ImagePath);

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("model", request.Model!.Trim());
                if (request.Prompt != null) json.WriteString("prompt", request.Prompt);
                if (request.NegativePrompt != null) json.WriteString("negative_prompt", request.NegativePrompt);
                if (request.Duration is int seconds) json.WriteString("duration", seconds.ToString(CultureInfo.InvariantCulture));
                if (request.AspectRatio != null) json.WriteString("aspect_ratio", request.AspectRatio);
                if (request.Resolution != null) json.WriteString("resolution", request.Resolution);
                if (request.Seed is long seed) json.WriteNumber("seed", seed);
                if (request.GenerateAudio is bool audio) json.WriteBoolean("generateAudio", audio);
                if (request.CameraFixed is bool fixedCamera) json.WriteBoolean("camera_fixed", fixedCamera);
                if (request.ImageUrl != null) json.WriteString("imageUrl", request.ImageUrl);
                if (dataUrl != null) json.WriteString("imageDataUrl", dataUrl);
                foreach (KeyValuePair<string, string> option in request.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    if (Booleans.Contains(option.Key) && bool.TryParse(option.Value, out bool flag)) json.WriteBoolean(option.Key, flag);
                    else json.WriteString(option.Key, option.Value);
                }
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary><c>data:&lt;type&gt;;base64,&lt;bytes&gt;</c> of the file, its type recognised by its first bytes.</summary>
        private static string DataUrl(string path)
        {
            if (ReferenceImage.Problem(path) is string problem) throw new ArgumentException(problem, "ImagePath");
            var info = new FileInfo(path);
            if (info.Length > MaxImageBytes)
                throw new ArgumentException("image_path '" + path + "' is " + info.Length.ToString(CultureInfo.InvariantCulture) + " bytes; NanoGPT takes uploaded images (imageDataUrl) of at most "
                    + MaxImageBytes.ToString(CultureInfo.InvariantCulture) + " bytes. Pass a public https URL of the image as ImageUrl instead.", "ImagePath");
            string type = ReferenceImage.MediaType(path) ?? throw new ArgumentException("image_path '" + path + "' is not a JPEG, PNG or WebP image.", "ImagePath");
            return "data:" + type + ";base64," + Convert.ToBase64String(File.ReadAllBytes(path));
        }
    }
}
