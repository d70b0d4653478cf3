using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartlyQ.Video.Sandbox.Videos
{
    /// <summary>
    /// Per-model validation of <c>POST /videos/generate</c> (API doc §7.1). Collects every offending
    /// field into <c>details</c> as <c>{"field": "message naming the allowed values"}</c>; unknown keys are ignored.
    /// </summary>
    internal static class GenerateRequestValidator
    {
        public const string TextToVideo = "text_to_video";
        public const string ImageToVideo = "image_to_video";
        private static readonly string[] Types = { TextToVideo, ImageToVideo };

        public static VideoSpec? Validate(JsonElement body, ModelCatalog catalog, JsonObject errors)
        {
            var fields = new Fields(body, errors);

            SandboxModel? model = null;
            var modelId = fields.String("model");
            if (modelId == null && !errors.ContainsKey("model"))
                errors["model"] = "model is required; available models: " + Join(catalog.Ids) + ".";
            else if (modelId != null && !catalog.TryGet(modelId, out model))
                errors["model"] = $"Unknown model '{modelId}'; available models: {Join(catalog.Ids)}.";

            var type = fields.String("type");
            if (type == null && !errors.ContainsKey("type"))
                errors["type"] = "type is required; one of: " + Join(Types) + ".";
            else if (type != null && !Types.Contains(type))
                errors["type"] = $"type '{type}' is invalid; one of: {Join(Types)}.";
            else if (type != null && model != null && !model.Types.Contains(type))
                errors["type"] = $"type '{type}' is not supported by model '{model.Model}'; supported: {Join(model.Types)}.";

            var prompt = fields.String("prompt");
            if (type == TextToVideo && string.IsNullOrWhiteSpace(prompt) && !errors.ContainsKey("prompt"))
                errors["prompt"] = "prompt is required for text_to_video.";
            else if (prompt != null && model != null && prompt.Length > model.PromptMaxLength)
                errors["prompt"] = $"prompt has {prompt.Length} characters; model '{model.Model}' allows at most {model.PromptMaxLength}.";

            var imageUrl = fields.String("image_url");
            if (type == ImageToVideo && string.IsNullOrWhiteSpace(imageUrl) && !errors.ContainsKey("image_url"))
                errors["image_url"] = "image_url is required for image_to_video (a public JPEG or PNG URL).";
            else if (!string.IsNullOrWhiteSpace(imageUrl) && !IsHttpUrl(imageUrl))
                errors["image_url"] = "image_url must be an absolute http or https URL of a JPEG or PNG image.";

            var duration = fields.Integer("duration");
            var resolution = fields.String("resolution");
            var mode = fields.String("mode");
            var aspectRatio = fields.String("aspect_ratio");
            var style = fields.String("style");
            var movement = fields.String("movement");
            var hasNegativePrompt = fields.String("negative_prompt") != null;
            var hasSeed = fields.Integer("seed") != null;
            var hasAudio = fields.Boolean("generate_audio") != null;
            var hasCameraFixed = fields.Boolean("camera_fixed") != null;

            if (model == null) return null;

            if (duration is int d && !model.Duration.Contains(d))
                errors["duration"] = $"duration {d} is not supported by model '{model.Model}'; one of: {Join(model.Duration)} (seconds).";
            else if (duration == null && errors.ContainsKey("duration"))
                errors["duration"] = $"duration must be an integer number of seconds; model '{model.Model}' allows: {Join(model.Duration)}.";
            CheckChoice(errors, model, "resolution", resolution, model.Resolution);
            CheckChoice(errors, model, "mode", mode, model.Mode);
            CheckChoice(errors, model, "aspect_ratio", aspectRatio, model.AspectRatio);
            CheckChoice(errors, model, "style", style, model.Style);
            CheckChoice(errors, model, "movement", movement, model.Movement);
            CheckSupported(errors, model, "negative_prompt", hasNegativePrompt, model.SupportsNegativePrompt);
            CheckSupported(errors, model, "seed", hasSeed, model.SupportsSeed);
            CheckSupported(errors, model, "generate_audio", hasAudio, model.SupportsGenerateAudio);
            CheckSupported(errors, model, "camera_fixed", hasCameraFixed, model.SupportsCameraFixed);

            if (errors.Count > 0) return null;
            // Documented default: the shortest valid duration.
            return new VideoSpec(model, type!, duration ?? model.Duration.Min());
        }

        private static void CheckChoice(JsonObject errors, SandboxModel model, string field, string? value, List<string> allowed)
        {
            if (value == null && errors.ContainsKey(field))
            {
                // Wrong JSON type: still tell the caller what the model accepts.
                errors[field] = allowed.Count == 0
                    ? $"{field} is not supported by model '{model.Model}'; omit it."
                    : $"{field} must be a string; model '{model.Model}' allows: {Join(allowed)}.";
                return;
            }
            if (value == null || allowed.Contains(value)) return;
            errors[field] = allowed.Count == 0
                ? $"{field} is not supported by model '{model.Model}'; omit it."
                : $"{field} '{value}' is not supported by model '{model.Model}'; one of: {Join(allowed)}.";
        }

        private static void CheckSupported(JsonObject errors, SandboxModel model, string field, bool present, bool supported)
        {
            if (present && !supported && !errors.ContainsKey(field))
                errors[field] = $"{field} is not supported by model '{model.Model}'; omit it.";
        }

        private static bool IsHttpUrl(string value) =>
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

        private static string Join<T>(IEnumerable<T> values) => string.Join(", ", values);

        /// <summary>Typed reads of optional members; null means absent or JSON null; wrong types are recorded as errors.</summary>
        private readonly struct Fields
        {
            private readonly JsonElement _body;
            private readonly JsonObject _errors;

            public Fields(JsonElement body, JsonObject errors) { _body = body; _errors = errors; }

            public string? String(string name)
            {
                if (!TryGet(name, out var value)) return null;
                if (value.ValueKind == JsonValueKind.String) return value.GetString();
                _errors[name] = $"{name} must be a string.";
                return null;
            }

            public int? Integer(string name)
            {
                if (!TryGet(name, out var value)) return null;
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) return number;
                _errors[name] = $"{name} must be an integer.";
                return null;
            }

            public bool? Boolean(string name)
            {
                if (!TryGet(name, out var value)) return null;
                if (value.ValueKind == JsonValueKind.True) return true;
                if (value.ValueKind == JsonValueKind.False) return false;
                _errors[name] = $"{name} must be true or false.";
                return null;
            }

            private bool TryGet(string name, out JsonElement value) =>
                _body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
        }
    }
}
