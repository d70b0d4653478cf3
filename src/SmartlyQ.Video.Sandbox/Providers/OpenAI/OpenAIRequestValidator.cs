using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>
    /// Validation of <c>POST /videos</c> and <c>POST /videos/{id}/remix</c> bodies the way OpenAI answers: the first
    /// problem found as a 400 <c>invalid_request_error</c> naming the <c>param</c>, with OpenAI's message wording
    /// (unknown parameter, missing parameter, wrong type, string length, value not in the enum). Unknown fields are
    /// refused, as OpenAI does.
    /// </summary>
    internal static class OpenAIRequestValidator
    {
        public const int PromptMaxLength = 32000;
        public const int ImageUrlMaxLength = 20971520;

        private static readonly string[] CreateFields = { "model", "prompt", "input_reference", "seconds", "size" };
        private static readonly string[] RemixFields = { "prompt" };
        private static readonly string[] ReferenceFields = { "image_url", "file_id" };
        private static readonly string[] ImageTypes = { "image/jpeg", "image/png", "image/webp" };

        public static IResult? ValidateCreate(OpenAIRequestBody body, out OpenAICreateSpec spec)
        {
            spec = null!;
            var prompt = "";
            var error = Unknown(body, CreateFields) ?? Prompt(body, out prompt);
            if (error != null) return error;

            var model = OpenAIVideoModels.DefaultModel;
            if (body.TryGet("model", out var modelValue))
            {
                if (modelValue.ValueKind != JsonValueKind.String) return InvalidType("model", "a string", modelValue);
                model = modelValue.GetString()!;
                if (!OpenAIVideoModels.IsKnown(model))
                    return InvalidValue("model", model, $"Supported values are: {OpenAIVideoModels.Quote(OpenAIVideoModels.Models)}.");
            }

            var seconds = OpenAIVideoModels.DefaultSeconds;
            if (body.TryGet("seconds", out var secondsValue))
            {
                // The real message (research §1): the enum as the reference still lists it, whatever the guide added.
                if (secondsValue.ValueKind != JsonValueKind.String)
                    return OpenAIErrors.BadRequest(
                        $"Invalid type for 'seconds': expected one of '4', '8', or '12', but got {TypeName(secondsValue)} instead.", "seconds", "invalid_type");
                seconds = secondsValue.GetString()!;
                if (!OpenAIVideoModels.Seconds.Contains(seconds))
                    return InvalidValue("seconds", seconds, $"Supported values are: {OpenAIVideoModels.Quote(OpenAIVideoModels.Seconds)}.");
            }

            var size = OpenAIVideoModels.DefaultSize;
            if (body.TryGet("size", out var sizeValue))
            {
                if (sizeValue.ValueKind != JsonValueKind.String) return InvalidType("size", "a string", sizeValue);
                size = sizeValue.GetString()!;
                if (!OpenAIVideoModels.AllSizes.Contains(size))
                    return InvalidValue("size", size, $"Supported values are: {OpenAIVideoModels.Quote(OpenAIVideoModels.AllSizes)}.");
                var allowed = OpenAIVideoModels.SizesFor(model);
                if (!allowed.Contains(size))
                    return InvalidValue("size", size, $"Model '{model}' supports the sizes {OpenAIVideoModels.Quote(allowed)}.");
            }

            error = Reference(body, out var hasReference);
            if (error != null) return error;
            spec = new OpenAICreateSpec(model, prompt, seconds, size, hasReference);
            return null;
        }

        public static IResult? ValidateRemix(OpenAIRequestBody body, out string prompt)
        {
            prompt = "";
            return Unknown(body, RemixFields) ?? Prompt(body, out prompt);
        }

        private static IResult? Unknown(OpenAIRequestBody body, string[] known)
        {
            var unknown = body.Names.FirstOrDefault(n => !known.Contains(n));
            return unknown == null ? null : OpenAIErrors.BadRequest($"Unknown parameter: '{unknown}'.", unknown, "unknown_parameter");
        }

        private static IResult? Prompt(OpenAIRequestBody body, out string prompt)
        {
            prompt = null!;
            if (!body.TryGet("prompt", out var value))
                return OpenAIErrors.BadRequest("Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
            if (value.ValueKind != JsonValueKind.String) return InvalidType("prompt", "a string", value);
            prompt = value.GetString()!;
            if (prompt.Length == 0)
                return OpenAIErrors.BadRequest(
                    "Invalid 'prompt': string too short. Expected a string with minimum length 1, but got an empty string instead.",
                    "prompt", "string_below_min_length");
            if (prompt.Length > PromptMaxLength)
                return OpenAIErrors.BadRequest(
                    $"Invalid 'prompt': string too long. Expected a string with maximum length {PromptMaxLength}, but got a string with length {prompt.Length} instead.",
                    "prompt", "string_above_max_length");
            return null;
        }

        /// <summary><c>input_reference</c>: an uploaded JPEG/PNG/WebP image, or an object with exactly one of <c>image_url</c> / <c>file_id</c>.</summary>
        private static IResult? Reference(OpenAIRequestBody body, out bool present)
        {
            var hasFile = body.Files.TryGetValue("input_reference", out var file);
            var hasObject = body.TryGet("input_reference", out var value);
            present = hasFile || hasObject;
            if (hasFile && hasObject) return ExactlyOne();
            if (hasFile)
            {
                var type = (file!.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
                if (!ImageTypes.Contains(type))
                    return OpenAIErrors.BadRequest(
                        $"Invalid file format for 'input_reference': '{file.ContentType}'. Supported formats are: {OpenAIVideoModels.Quote(ImageTypes)}.",
                        "input_reference", "invalid_value");
                if (file.Length == 0)
                    return OpenAIErrors.BadRequest("Invalid 'input_reference': the uploaded file is empty.", "input_reference", "invalid_value");
                return null;
            }
            if (!hasObject) return null;

            if (value.ValueKind != JsonValueKind.Object) return InvalidType("input_reference", "an object", value);
            var unknown = value.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !ReferenceFields.Contains(n));
            if (unknown != null)
                return OpenAIErrors.BadRequest($"Unknown parameter: 'input_reference.{unknown}'.", "input_reference." + unknown, "unknown_parameter");
            var hasUrl = value.TryGetProperty("image_url", out var url) && url.ValueKind != JsonValueKind.Null;
            var hasId = value.TryGetProperty("file_id", out var id) && id.ValueKind != JsonValueKind.Null;
            if (hasUrl == hasId) return ExactlyOne();

            if (hasUrl)
            {
                if (url.ValueKind != JsonValueKind.String) return InvalidType("input_reference.image_url", "a string", url);
                var text = url.GetString()!;
                if (text.Length > ImageUrlMaxLength)
                    return OpenAIErrors.BadRequest(
                        $"Invalid 'input_reference.image_url': string too long. Expected a string with maximum length {ImageUrlMaxLength}, but got a string with length {text.Length} instead.",
                        "input_reference.image_url", "string_above_max_length");
                if (!IsImageUrl(text))
                    return OpenAIErrors.BadRequest(
                        "Invalid 'input_reference.image_url': expected a fully qualified URL or a base64-encoded data URL of a JPEG, PNG or WebP image.",
                        "input_reference.image_url", "invalid_value");
                return null;
            }

            if (id.ValueKind != JsonValueKind.String) return InvalidType("input_reference.file_id", "a string", id);
            if (!id.GetString()!.StartsWith("file-", StringComparison.Ordinal) || id.GetString()!.Length <= "file-".Length)
                return OpenAIErrors.BadRequest("Invalid 'input_reference.file_id': expected a file id such as 'file-123'.",
                    "input_reference.file_id", "invalid_value");
            return null;
        }

        private static IResult ExactlyOne() =>
            OpenAIErrors.BadRequest("Invalid 'input_reference': provide exactly one of an uploaded image, 'image_url' or 'file_id'.",
                "input_reference", "invalid_value");

        private static bool IsImageUrl(string text)
        {
            if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                return ImageTypes.Any(t => text.StartsWith("data:" + t + ";base64,", StringComparison.OrdinalIgnoreCase));
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        }

        private static IResult InvalidType(string param, string expected, JsonElement got) =>
            OpenAIErrors.BadRequest($"Invalid type for '{param}': expected {expected}, but got {TypeName(got)} instead.", param, "invalid_type");

        private static IResult InvalidValue(string param, string value, string supported) =>
            OpenAIErrors.BadRequest($"Invalid value: '{value}'. {supported}", param, "invalid_value");

        private static string TypeName(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => value.TryGetInt64(out _) ? "an integer" : "a decimal",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => "null",
        };
    }
}
