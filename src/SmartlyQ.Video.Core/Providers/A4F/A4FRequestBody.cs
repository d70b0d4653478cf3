using System;
using System.IO;
using System.Text.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// The JSON body of <c>POST /v1/video/generations</c>: <c>model</c>, <c>prompt</c>, <c>quality</c> (from Resolution;
    /// default <see cref="DefaultQuality"/>, which every documented model takes), <c>duration</c> (an integer; default
    /// <see cref="DefaultDuration"/>, within every documented model's limit) and <c>ratio</c> (from AspectRatio; left
    /// out otherwise, so A4F applies its default <c>9:16</c>). Both quality and duration are required by A4F, hence
    /// the defaults.
    /// </summary>
    internal static class A4FRequestBody
    {
        /// <summary>Quality sent when the request names none: <c>1080p</c> (A4F recommends it; every documented model takes it).</summary>
        public const string DefaultQuality = "1080p";

        /// <summary>Seconds sent when the request names none: 4, the longest every documented model takes.</summary>
        public const int DefaultDuration = 4;

        /// <summary>
        /// The UTF-8 body. Throws <see cref="ArgumentException"/> naming A4F and the field (nothing is sent) for an empty
        /// model or prompt, image_to_video or an image, and every field the body has no place for (NegativePrompt, Seed,
        /// GenerateAudio, CameraFixed, Mode, Style, Movement, options).
        /// </summary>
        public static byte[] Write(VideoRequest request)
        {
            if (string.IsNullOrWhiteSpace(request.Model))
                throw new ArgumentException("The video request needs a model id (see GET /v1/models).", VideoField.Model);
            if (string.Equals(request.Type, VideoType.ImageToVideo, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException("A4F does not accept Type image_to_video: its video/generations body takes a text prompt only.", VideoField.Type);
            Refuse(VideoField.ImageUrl, request.ImageUrl != null);
            Refuse(VideoField.ImagePath, request.ImagePath != null);
            Refuse(VideoField.NegativePrompt, request.NegativePrompt != null);
            Refuse(VideoField.Seed, request.Seed != null);
            Refuse(VideoField.GenerateAudio, request.GenerateAudio == true);
            Refuse(VideoField.CameraFixed, request.CameraFixed == true);
            Refuse(VideoField.Mode, request.Mode != null);
            Refuse(VideoField.Style, request.Style != null);
            Refuse(VideoField.Movement, request.Movement != null);
            foreach (string name in request.Options.Keys)
                throw new ArgumentException("A4F does not accept option '" + UnsafeCharacters.Show(name) + "': its video/generations body has no such field.", "Option");
            if (string.IsNullOrWhiteSpace(request.Prompt))
                throw new ArgumentException("A4F needs a Prompt: its video/generations body requires one.", VideoField.Prompt);

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("model", request.Model!.Trim());
                json.WriteString("prompt", request.Prompt);
                json.WriteString("quality", request.Resolution ?? DefaultQuality);
                json.WriteNumber("duration", request.Duration ?? DefaultDuration);
                if (request.AspectRatio != null) json.WriteString("ratio", request.AspectRatio);
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        private static void Refuse(string field, bool given)
        {
            if (given) throw new ArgumentException("A4F does not accept " + field + ": its video/generations body has no such field.", field);
        }
    }
}
