using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>
    /// Checks a <see cref="VideoRequest"/> against a model's capabilities from <c>GET /videos/models</c> before it is
    /// sent, so a bad row costs nothing and its error names the field and the allowed values. String values are
    /// matched case-insensitively and normalised to the model's spelling.
    /// </summary>
    public static class VideoRequestValidator
    {
        /// <summary>
        /// Returns the request ready to send (type inferred from image_url when absent, values in the model's
        /// spelling, a false generate_audio or camera_fixed left out for a model without that feature). Throws <see cref="VideoRequestValidationException"/> listing every bad field.
        /// </summary>
        public static VideoRequest Validate(VideoRequest request, IReadOnlyList<VideoModel> models)
        {
            var errors = new List<FieldError>();
            string? type = request.Type ?? (request.ImageUrl != null || request.ImagePath != null ? VideoType.ImageToVideo : VideoType.TextToVideo);
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
            if (type == VideoType.ImageToVideo && request.ImageUrl == null && request.ImagePath == null)
                errors.Add(new FieldError("image_url", "image_url is required for type image_to_video (a public http or https URL of a JPEG or PNG, or -ImagePath where the provider takes a local file)."));
            if (request.ImageUrl != null && request.ImagePath != null)
                errors.Add(new FieldError("image_path", "give image_url or image_path, not both."));
            if (type == VideoType.TextToVideo && request.ImagePath != null)
                errors.Add(new FieldError("image_path", "image_path is only used with type image_to_video; remove it or set type to image_to_video."));
            if (request.ImagePath != null && ReferenceImage.Problem(request.ImagePath) is string imageProblem)
                errors.Add(new FieldError("image_path", imageProblem));
            if (type == VideoType.TextToVideo && request.ImageUrl != null)
                errors.Add(new FieldError("image_url", "image_url is only used with type image_to_video; remove it or set type to image_to_video."));
            if (request.ImageUrl != null && UnsafeCharacters.IndexOf(request.ImageUrl) >= 0)
                errors.Add(new FieldError("image_url", "image_url " + Quote(request.ImageUrl) + " contains a control character or line break."));
            else if (request.ImageUrl != null && !IsHttpUrl(request.ImageUrl))
                errors.Add(new FieldError("image_url", "image_url " + Quote(request.ImageUrl) + " is not an absolute http or https URL."));

            if (model == null)
                throw new VideoRequestValidationException(errors);

            // Errors name the model as "sora-2 (OpenAI)", so a row refused on any provider says which one.
            string m = model.Provider == null ? model.Model : model.Model + " (" + model.Provider + ")";
            IReadOnlyDictionary<string, string> options = CheckOptions(request.Options, model, errors);
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
            CheckFields(request, model, errors);
            // A field refused twice (the model lists no value for it, and the provider cannot express it) is said once.
            errors = errors.GroupBy(e => e.Field, StringComparer.Ordinal).Select(g => g.First()).ToList();

            if (errors.Count > 0)
                throw new VideoRequestValidationException(errors);

            return new VideoRequest
            {
                Model = model.Model,
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
        /// A neutral field the provider cannot express for this model (not in <see cref="VideoModel.Fields"/>) is an
        /// error naming the provider, the parameter and what the model does take. A local image needs a provider that
        /// declares <see cref="VideoField.ImagePath"/>; one that does not (SmartlyQ) needs a public URL.
        /// </summary>
        private static void CheckFields(VideoRequest request, VideoModel model, List<FieldError> errors)
        {
            string provider = model.Provider ?? "this provider";
            if (request.ImagePath != null && !model.Fields.Contains(VideoField.ImagePath))
                errors.Add(new FieldError("image_path", provider + " takes no local image file for model " + model.Model
                    + "; upload the image and pass its public http(s) URL as ImageUrl (image_url)."));
            if (model.Fields.Count == 0) return;

            var given = new List<(string Field, string Column)>();
            if (request.ImageUrl != null) given.Add((VideoField.ImageUrl, "image_url"));
            if (request.Duration != null) given.Add((VideoField.Duration, "duration"));
            if (request.AspectRatio != null) given.Add((VideoField.AspectRatio, "aspect_ratio"));
            if (request.Resolution != null) given.Add((VideoField.Resolution, "resolution"));
            if (request.NegativePrompt != null) given.Add((VideoField.NegativePrompt, "negative_prompt"));
            if (request.Seed != null) given.Add((VideoField.Seed, "seed"));
            if (request.GenerateAudio == true) given.Add((VideoField.GenerateAudio, "generate_audio"));
            if (request.CameraFixed == true) given.Add((VideoField.CameraFixed, "camera_fixed"));
            if (request.Mode != null) given.Add((VideoField.Mode, "mode"));
            if (request.Style != null) given.Add((VideoField.Style, "style"));
            if (request.Movement != null) given.Add((VideoField.Movement, "movement"));
            foreach ((string field, string column) in given)
            {
                if (!model.Fields.Contains(field))
                    errors.Add(new FieldError(column, provider + " does not accept " + field + " (" + column + ") for model " + model.Model
                        + "; it accepts: " + Join(VideoField.All.Where(model.Fields.Contains)) + "."));
            }
        }

        /// <summary>
        /// Provider-specific options (-Option, or CSV columns the catalog declares): each must be declared by the model
        /// and, where the catalog lists values, be one of them. Returns them under the catalog's spelling.
        /// </summary>
        private static IReadOnlyDictionary<string, string> CheckOptions(IReadOnlyDictionary<string, string>? options, VideoModel model, List<FieldError> errors)
        {
            var checkedOptions = new Dictionary<string, string>(StringComparer.Ordinal);
            if (options == null) return checkedOptions;
            string provider = model.Provider ?? "this provider";
            foreach (KeyValuePair<string, string> option in options)
            {
                string? name = Match(option.Key, model.Options.Keys);
                if (name == null)
                {
                    errors.Add(new FieldError(option.Key, provider + " model " + model.Model + " has no option " + Quote(option.Key) + "; declared options: " + Join(model.Options.Keys) + "."));
                    continue;
                }
                IReadOnlyList<string> allowed = model.Options[name];
                string value = option.Value;
                if (allowed.Count > 0)
                {
                    string? match = Match(value, allowed);
                    if (match == null)
                    {
                        errors.Add(new FieldError(name, name + " " + Quote(value) + " is not allowed for model " + model.Model + "; allowed values: " + Join(allowed) + "."));
                        continue;
                    }
                    value = match;
                }
                else if (UnsafeCharacters.IndexOf(value) >= 0)
                {
                    errors.Add(new FieldError(name, name + " " + Quote(value) + " contains a control character or line break."));
                    continue;
                }
                checkedOptions[name] = value;
            }
            return checkedOptions;
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
