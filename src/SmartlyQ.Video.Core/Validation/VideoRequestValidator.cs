using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>
    /// Checks a <see cref="VideoRequest"/> against a model's capabilities from the provider's catalog before it is
    /// sent, so a bad row costs nothing and its error names the field and the allowed values: the neutral fields the
    /// model takes at all (<see cref="VideoModel.Fields"/>), the values of each, and the provider-specific options it
    /// declares (<see cref="VideoModel.Options"/>). String values are matched case-insensitively and normalised to the
    /// model's spelling.
    /// </summary>
    public static class VideoRequestValidator
    {
        /// <summary>
        /// Returns the request ready to send (type inferred from image_url or image_path when absent, values in the
        /// model's spelling, a false generate_audio or camera_fixed left out for a model without that feature).
        /// <paramref name="provider"/> names the provider in "SmartlyQ does not accept ImagePath (…)". Throws
        /// <see cref="VideoRequestValidationException"/> listing every bad field.
        /// </summary>
        public static VideoRequest Validate(VideoRequest request, IReadOnlyList<VideoModel> models, string? provider = null)
        {
            var errors = new List<FieldError>();
            bool image = request.ImageUrl != null || request.ImagePath != null;
            string? type = request.Type ?? (image ? VideoType.ImageToVideo : VideoType.TextToVideo);
            string? typeMatch = Match(type, VideoType.All);
            if (typeMatch == null)
                errors.Add(new FieldError("type", "type " + Quote(type) + " is not valid; allowed values: " + Join(VideoType.All) + "."));
            else
                type = typeMatch;

            VideoModel? model = null;
            if (request.Model == null)
            {
                errors.Add(new FieldError("model", "model is required; allowed values: " + Join(models.Select(m => m.Model)) + "."));
            }
            else
            {
                model = models.FirstOrDefault(m => string.Equals(m.Model, request.Model, StringComparison.OrdinalIgnoreCase));
                if (model == null)
                    errors.Add(new FieldError("model", "model " + Quote(request.Model) + " is not available; allowed values: " + Join(models.Select(m => m.Model)) + "."));
            }

            if (type == VideoType.TextToVideo && request.Prompt == null)
                errors.Add(new FieldError("prompt", "prompt is required for type text_to_video."));
            if (type == VideoType.ImageToVideo && !image)
                errors.Add(new FieldError("image_url", "image_url is required for type image_to_video (a public http or https URL of a JPEG or PNG)."));
            if (type == VideoType.TextToVideo && request.ImageUrl != null)
                errors.Add(new FieldError("image_url", "image_url is only used with type image_to_video; remove it or set type to image_to_video."));
            if (type == VideoType.TextToVideo && request.ImagePath != null)
                errors.Add(new FieldError("image_path", "image_path is only used with type image_to_video; remove it or set type to image_to_video."));
            if (request.ImageUrl != null && request.ImagePath != null)
                errors.Add(new FieldError("image_path", "give image_url or image_path, not both."));

            if (request.ImageUrl != null && UnsafeCharacters.IndexOf(request.ImageUrl) >= 0)
                errors.Add(new FieldError("image_url", "image_url " + Quote(request.ImageUrl) + " contains a control character or line break."));
            else if (request.ImageUrl != null && !IsHttpUrl(request.ImageUrl))
                errors.Add(new FieldError("image_url", "image_url " + Quote(request.ImageUrl) + " is not an absolute http or https URL."));

            if (model == null)
                throw new VideoRequestValidationException(errors);

            string m = model.Model;
            CheckFields(request, model, provider ?? "This provider", errors);
            // The file itself is read only where the provider takes one: elsewhere "use a URL" is the whole answer.
            if (request.ImagePath != null && !errors.Any(e => e.Field == "image_path") && ReferenceImage.Problem(request.ImagePath) is string imageProblem)
                errors.Add(new FieldError("image_path", imageProblem));
            Dictionary<string, string> options = CheckOptions(request.Options, model, provider ?? "This provider", errors);
            if (typeMatch != null && model.Types.Count > 0 && Match(type, model.Types) == null)
                errors.Add(new FieldError("type", "type " + Quote(type) + " is not supported by model " + m + "; allowed values: " + Join(model.Types) + "."));
            if (request.Prompt != null && model.PromptMaxLength is int max && request.Prompt.Length > max)
                errors.Add(new FieldError("prompt", "prompt is " + request.Prompt.Length + " characters; model " + m + " allows at most " + max + "."));
            if (request.Duration is int duration && !model.Duration.Contains(duration))
                errors.Add(new FieldError("duration", "duration " + duration + " is not allowed for model " + m + "; allowed values: " + Join(model.Duration.Select(d => d.ToString(CultureInfo.InvariantCulture))) + " (seconds)."));

            string? resolution = CheckList(request.Resolution, model.Resolution, "resolution", m, errors);
            string? mode = CheckList(request.Mode, model.Mode, "mode", m, errors);
            string? aspect = CheckList(request.AspectRatio, model.AspectRatio, "aspect_ratio", m, errors);
            string? style = CheckList(request.Style, model.Style, "style", m, errors);
            string? movement = CheckList(request.Movement, model.Movement, "movement", m, errors);

            CheckSupported(request.NegativePrompt != null, model.SupportsNegativePrompt, "negative_prompt", m, errors);
            CheckSupported(request.Seed != null, model.SupportsSeed, "seed", m, errors);
            // A flag set to false requests nothing, so it is no error on a model without the feature (and is not sent there).
            CheckSupported(request.GenerateAudio == true, model.SupportsGenerateAudio, "generate_audio", m, errors);
            CheckSupported(request.CameraFixed == true, model.SupportsCameraFixed, "camera_fixed", m, errors);

            // A field the provider cannot send at all is said once, as that, not again as a value the model lacks.
            if (errors.Count > 0)
                throw new VideoRequestValidationException(errors.GroupBy(e => e.Field, StringComparer.Ordinal).Select(g => g.First()).ToList());

            return new VideoRequest
            {
                Model = m,
                Type = type,
                Prompt = request.Prompt,
                ImageUrl = request.ImageUrl,
                ImagePath = request.ImagePath,
                Duration = request.Duration,
                Resolution = resolution,
                Mode = mode,
                AspectRatio = aspect,
                Style = style,
                Movement = movement,
                NegativePrompt = request.NegativePrompt,
                Seed = request.Seed,
                GenerateAudio = model.SupportsGenerateAudio ? request.GenerateAudio : null,
                CameraFixed = model.SupportsCameraFixed ? request.CameraFixed : null,
                Options = options,
            };
        }

        /// <summary>
        /// Every neutral field the request gives that the model's <see cref="VideoModel.Fields"/> (when declared) lacks:
        /// "OpenAI does not accept Seed (model sora-2 accepts: Model, Type, Prompt, …)." A false flag asks for nothing.
        /// </summary>
        private static void CheckFields(VideoRequest request, VideoModel model, string provider, List<FieldError> errors)
        {
            if (model.Fields.Count == 0) return;
            var accepted = new HashSet<string>(model.Fields, StringComparer.OrdinalIgnoreCase);
            foreach (string field in Given(request))
                if (!accepted.Contains(field) && field == VideoField.ImagePath)
                    errors.Add(new FieldError("image_path", provider + " takes no local image file (ImagePath) for model " + model.Model
                        + "; upload the image and pass its public http(s) URL as ImageUrl (image_url)."));
                else if (!accepted.Contains(field))
                    errors.Add(new FieldError(Snake(field), provider + " does not accept " + field + " (model " + model.Model + " accepts: " + Join(model.Fields) + ")."));
        }

        /// <summary>
        /// The options the model declares, in its spelling; each undeclared option or value not among its allowed ones
        /// is an error naming the provider and the option.
        /// </summary>
        private static Dictionary<string, string> CheckOptions(IReadOnlyDictionary<string, string> given, VideoModel model, string provider, List<FieldError> errors)
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> option in given)
            {
                string? name = model.Options.Keys.FirstOrDefault(k => string.Equals(k, option.Key, StringComparison.OrdinalIgnoreCase));
                if (name == null)
                {
                    errors.Add(new FieldError(option.Key, provider + " does not accept the option " + Quote(option.Key) + " for model " + model.Model
                        + (model.Options.Count == 0 ? " (it declares none)." : " (it declares: " + Join(model.Options.Keys) + ").")));
                    continue;
                }

                IReadOnlyList<string> allowed = model.Options[name];
                string? value = allowed.Count == 0 ? option.Value : Match(option.Value, allowed);
                if (value == null)
                    errors.Add(new FieldError(name, name + " " + Quote(option.Value) + " is not allowed for model " + model.Model + "; allowed values: " + Join(allowed) + "."));
                else
                    options[name] = value;
            }

            return options;
        }

        /// <summary>The neutral fields a request gives (Model and Type always count as given).</summary>
        private static IEnumerable<string> Given(VideoRequest request)
        {
            if (request.Prompt != null) yield return VideoField.Prompt;
            if (request.ImageUrl != null) yield return VideoField.ImageUrl;
            if (request.ImagePath != null) yield return VideoField.ImagePath;
            if (request.Duration != null) yield return VideoField.Duration;
            if (request.AspectRatio != null) yield return VideoField.AspectRatio;
            if (request.Resolution != null) yield return VideoField.Resolution;
            if (request.NegativePrompt != null) yield return VideoField.NegativePrompt;
            if (request.Seed != null) yield return VideoField.Seed;
            if (request.GenerateAudio == true) yield return VideoField.GenerateAudio;
            if (request.CameraFixed == true) yield return VideoField.CameraFixed;
            if (request.Mode != null) yield return VideoField.Mode;
            if (request.Style != null) yield return VideoField.Style;
            if (request.Movement != null) yield return VideoField.Movement;
        }

        /// <summary>"ImagePath" → "image_path": the error field names the other checks use.</summary>
        private static string Snake(string field)
        {
            var text = new System.Text.StringBuilder();
            foreach (char c in field)
            {
                if (char.IsUpper(c) && text.Length > 0) text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }

            return text.ToString();
        }

        private static string? CheckList(string? value, IReadOnlyList<string> allowed, string field, string model, List<FieldError> errors)
        {
            if (value == null) return null;
            string? match = Match(value, allowed);
            if (match != null) return match;
            errors.Add(allowed.Count == 0
                ? new FieldError(field, "model " + model + " does not take " + field + "; remove " + Quote(value) + ".")
                : new FieldError(field, field + " " + Quote(value) + " is not allowed for model " + model + "; allowed values: " + Join(allowed) + "."));
            return value;
        }

        private static void CheckSupported(bool given, bool supported, string field, string model, List<FieldError> errors)
        {
            if (given && !supported)
                errors.Add(new FieldError(field, "model " + model + " does not support " + field + "; remove it or pick a model that does (Get-SqVideoModel)."));
        }

        /// <summary>'value' with control characters escaped, so an error message cannot forge lines of a log.</summary>
        private static string Quote(string? value) => "'" + UnsafeCharacters.Show(value, 200) + "'";

        private static string? Match(string? value, IEnumerable<string> allowed)
            => allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));

        private static string Join(IEnumerable<string> values)
        {
            string text = string.Join(", ", values);
            return text.Length == 0 ? "(none)" : text;
        }

        private static bool IsHttpUrl(string value)
            => Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}
