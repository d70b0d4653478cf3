using System;
using System.Linq;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Providers.NanoGPT
{
    /// <summary>A valid <c>POST /generate-video</c>: what to price and run.</summary>
    internal sealed record NanoGptGenerateSpec(NanoGptModel Model, int Seconds, string? Resolution, bool HasImage);

    /// <summary>
    /// Validation of <c>POST /generate-video</c> bodies (nanogpt.md §2): <c>model</c> required and known; <c>prompt</c>
    /// required unless an image is given to an image-capable model; <c>duration</c> (or Sora's <c>seconds</c>) a string
    /// of seconds ("5", Veo's "5s") the model offers; <c>aspect_ratio</c>, <c>resolution</c>, <c>orientation</c> from the
    /// model's lists; <c>imageUrl</c> https, <c>imageDataUrl</c> a data URL. Unknown keys are ignored, as NanoGPT does.
    /// The first problem is a 400 <c>{"error":400,"message"}</c>.
    /// </summary>
    internal static class NanoGptGenerateValidator
    {
        public static IResult? Validate(JsonElement body, out NanoGptGenerateSpec spec)
        {
            spec = null!;
            if (!TryString(body, "model", out var modelId, out var error)) return error;
            if (modelId == null) return Bad("model is required. Discover video models at GET /api/v1/video-models.");
            if (!NanoGptModels.TryGet(modelId, out var model))
                return Bad($"Unknown video model '{modelId}'. Available: {string.Join(", ", NanoGptModels.All.Select(m => m.Id))}.");

            if (!TryString(body, "imageUrl", out var imageUrl, out error)) return error;
            if (!TryString(body, "imageDataUrl", out var imageDataUrl, out error)) return error;
            var hasImage = imageUrl != null || imageDataUrl != null;
            if (hasImage && !model.ImageToVideo) return Bad($"Model '{model.Id}' does not accept image input.");
            if (imageUrl != null && !(Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
                return Bad("imageUrl must be a public HTTPS URL of the source image.");
            if (imageDataUrl != null && !imageDataUrl.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
                return Bad("imageDataUrl must be a base64 data URL of an image (data:image/...;base64,...).");

            if (!TryString(body, "prompt", out var prompt, out error)) return error;
            if (string.IsNullOrWhiteSpace(prompt) && !hasImage) return Bad("prompt is required for text-to-video generation.");

            // Sora takes `seconds`; every model also reads `duration`.
            string? duration = null;
            if (model.SoraStyle && !TryString(body, "seconds", out duration, out error)) return error;
            if (duration == null && !TryString(body, "duration", out duration, out error)) return error;
            var text = duration ?? model.Durations[0];
            var normalized = text.EndsWith('s') ? text[..^1] : text;
            if (!model.Durations.Contains(normalized))
                return Bad($"duration '{text}' is not supported by model '{model.Id}'; use one of: {string.Join(", ", model.Durations.Select(d => "\"" + d + "\""))}.");

            if (!Choice(body, "aspect_ratio", model.AspectRatios, model, out _, out error)) return error;
            if (!Choice(body, "resolution", model.Resolutions, model, out var resolution, out error)) return error;
            if (model.SoraStyle && !Choice(body, "orientation", NanoGptModel.Orientations, model, out _, out error)) return error;

            spec = new NanoGptGenerateSpec(model, int.Parse(normalized, System.Globalization.CultureInfo.InvariantCulture), resolution, hasImage);
            return null;
        }

        private static bool Choice(JsonElement body, string name, System.Collections.Generic.IReadOnlyList<string> allowed, NanoGptModel model, out string? value, out IResult? error)
        {
            if (!TryString(body, name, out value, out error)) return false;
            if (value == null || allowed.Contains(value)) return true;
            error = allowed.Count == 0
                ? Bad($"{name} is not supported by model '{model.Id}'.")
                : Bad($"{name} '{value}' is not supported by model '{model.Id}'; use one of: {string.Join(", ", allowed)}.");
            return false;
        }

        /// <summary>An optional string member: absent or null gives null; another JSON type is a 400.</summary>
        private static bool TryString(JsonElement body, string name, out string? value, out IResult? error)
        {
            value = null;
            error = null;
            if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return true;
            if (element.ValueKind == JsonValueKind.String)
            {
                value = element.GetString();
                return true;
            }
            error = Bad(name == "duration" || name == "seconds"
                ? $"{name} must be a string of seconds, e.g. \"5\"."
                : $"{name} must be a string.");
            return false;
        }

        private static IResult Bad(string message) => NanoGptErrors.Result(StatusCodes.Status400BadRequest, message);
    }
}
