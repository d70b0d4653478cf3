using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>Where a bad New-SqVideo row is stopped.</summary>
    public enum RowStage
    {
        /// <summary>PowerShell's parameter binding (CSV conversion, ValidateSet, Mandatory): the row never reaches the operation.</summary>
        Binding,

        /// <summary>NewVideoOperation's check against the model list: refused before any request.</summary>
        Validation,

        /// <summary>Sent, and refused by the API without creating a job.</summary>
        Api,
    }

    /// <summary>
    /// One bad CSV row for New-SqVideo. <see cref="Row"/> values may contain <c>{tag}</c>, replaced by a per-run tag
    /// so prompts are unique. <see cref="Fields"/> are the names the error must carry (the first is its ParamName
    /// for Binding and Validation); <see cref="Allowed"/>, when the field has a finite set, the list the message
    /// must contain, taken from the sandbox catalog.
    /// </summary>
    public sealed class NewVideoCase
    {
        public NewVideoCase(string name, RowStage stage, Dictionary<string, string> row, string[] fields, string? allowed, string[] mentions)
        {
            Name = name;
            Stage = stage;
            Row = row;
            Fields = fields;
            Allowed = allowed;
            Mentions = mentions;
        }

        public string Name { get; }
        public RowStage Stage { get; }
        public Dictionary<string, string> Row { get; }
        public string[] Fields { get; }
        public string? Allowed { get; }
        public string[] Mentions { get; }

        /// <summary>The row uses this value in its idempotency_key column: the first good row's key.</summary>
        public const string FirstGoodRowKey = "{good1-key}";

        public override string ToString() => Name;
    }

    /// <summary>The New-SqVideo bad-row table.</summary>
    internal static class NewVideoCases
    {
        private static readonly string Type = string.Join(", ", VideoType.All);

        public static readonly IReadOnlyList<NewVideoCase> All = new List<NewVideoCase>
        {
            // --- wrong types from CSV: parameter binding errors (CsvValue via the Csv*Transformation attributes) ---
            Binding("duration 'ten' is not a number", Kling(("duration", "ten")), "Duration", mentions: "'ten'"),
            Binding("duration '10.5' is not a whole number", Kling(("duration", "10.5")), "Duration", mentions: "'10.5'"),
            Binding("duration '1e5' in exponent notation", Kling(("duration", "1e5")), "Duration", mentions: "'1e5'"),
            Binding("duration '99999999999' beyond Int32", Kling(("duration", "99999999999")), "Duration", mentions: "99999999999"),
            Binding("seed 'maybe' is not a number", Row("pixverse-v4-5", ("seed", "maybe")), "Seed", mentions: "'maybe'"),
            Binding("seed '3.14' is not a whole number", Row("pixverse-v4-5", ("seed", "3.14")), "Seed", mentions: "'3.14'"),
            Binding("generate_audio 'maybe' is not a boolean", Row("veo-3", ("generate_audio", "maybe")), "GenerateAudio", mentions: new[] { "'maybe'", "true or false" }),
            Binding("camera_fixed '2' is not a boolean", Row("seedance-1-pro", ("camera_fixed", "2")), "CameraFixed", mentions: new[] { "'2'", "true or false" }),
            // --- ValidateSet and Mandatory ---
            Binding("type 'video' is not a video type", Kling(("type", "video")), "Type", Type, "\"video\""),
            Binding("type 'text-to-video' spelled with hyphens", Kling(("type", "text-to-video")), "Type", Type, "\"text-to-video\""),
            Binding("row without a model column", Without(Kling(), "model"), "Model"),

            // --- model ---
            Invalid("unknown model 'sora-2'", Kling(("model", "sora-2")), "model", Catalog.Ids, "'sora-2'"),
            Invalid("empty model cell", Kling(("model", "")), "model", Catalog.Ids, "model is required"),
            Invalid("whitespace-only model cell", Kling(("model", "   ")), "model", Catalog.Ids, "model is required"),
            Invalid("display name 'Kling v2.1' instead of the model id", Kling(("model", "Kling v2.1")), "model", Catalog.Ids, "'Kling v2.1'"),

            // --- duration not in the model's list ---
            Invalid("duration 7 on kling-v2-1", Kling(("duration", "7")), "duration", Catalog.Join(Catalog.Kling.Duration), "duration 7", "kling-v2-1"),
            Invalid("duration -5 on kling-v2-1", Kling(("duration", "-5")), "duration", Catalog.Join(Catalog.Kling.Duration), "duration -5"),
            Invalid("duration 10 on pixverse-v4-5", Row("pixverse-v4-5", ("duration", "10")), "duration", Catalog.Join(Catalog.Pixverse.Duration), "pixverse-v4-5"),
            Invalid("duration 10 on veo-3", Row("veo-3", ("duration", "10")), "duration", Catalog.Join(Catalog.Veo.Duration), "veo-3"),
            Invalid("duration 0 on seedance-1-pro", Row("seedance-1-pro", ("duration", "0")), "duration", Catalog.Join(Catalog.Seedance.Duration), "duration 0"),

            // --- list fields with a value the model does not allow ---
            Invalid("resolution '4k' on kling-v2-1", Kling(("resolution", "4k")), "resolution", Catalog.Join(Catalog.Kling.Resolution), "'4k'"),
            Invalid("resolution '480p' on pixverse-v4-5", Row("pixverse-v4-5", ("resolution", "480p")), "resolution", Catalog.Join(Catalog.Pixverse.Resolution), "'480p'"),
            Invalid("resolution '540p' on veo-3", Row("veo-3", ("resolution", "540p")), "resolution", Catalog.Join(Catalog.Veo.Resolution), "'540p'"),
            Invalid("mode 'Turbo' on kling-v2-1", Kling(("mode", "Turbo")), "mode", Catalog.Join(Catalog.Kling.Mode), "'Turbo'"),
            Invalid("mode 'Professional' on veo-3", Row("veo-3", ("mode", "Professional")), "mode", Catalog.Join(Catalog.Veo.Mode), "'Professional'"),
            Invalid("aspect_ratio '4:3' on kling-v2-1", Kling(("aspect_ratio", "4:3")), "aspect_ratio", Catalog.Join(Catalog.Kling.AspectRatio), "'4:3'"),
            Invalid("aspect_ratio '1:1' on veo-3", Row("veo-3", ("aspect_ratio", "1:1")), "aspect_ratio", Catalog.Join(Catalog.Veo.AspectRatio), "'1:1'"),
            Invalid("aspect_ratio '16x9' on seedance-1-pro", Row("seedance-1-pro", ("aspect_ratio", "16x9")), "aspect_ratio", Catalog.Join(Catalog.Seedance.AspectRatio), "'16x9'"),
            Invalid("style 'Watercolor' on pixverse-v4-5", Row("pixverse-v4-5", ("style", "Watercolor")), "style", Catalog.Join(Catalog.Pixverse.Style), "'Watercolor'"),
            Invalid("movement 'Huge' on pixverse-v4-5", Row("pixverse-v4-5", ("movement", "Huge")), "movement", Catalog.Join(Catalog.Pixverse.Movement), "'Huge'"),

            // --- fields the model does not take ---
            Invalid("mode on pixverse-v4-5, which has no modes", Row("pixverse-v4-5", ("mode", "Standard")), "mode", null, "does not take mode", "pixverse-v4-5"),
            Invalid("style on kling-v2-1, which has no styles", Kling(("style", "Anime")), "style", null, "does not take style", "kling-v2-1"),
            Invalid("style on seedance-1-pro, which has no styles", Row("seedance-1-pro", ("style", "Cyberpunk")), "style", null, "does not take style"),
            Invalid("movement on kling-v2-1, which has no movement", Kling(("movement", "Small")), "movement", null, "does not take movement"),
            Invalid("movement on veo-3, which has no movement", Row("veo-3", ("movement", "Auto")), "movement", null, "does not take movement", "veo-3"),
            Invalid("seed on kling-v2-1, which does not support it", Kling(("seed", "42")), "seed", null, "does not support seed"),
            Invalid("generate_audio true on pixverse-v4-5", Row("pixverse-v4-5", ("generate_audio", "true")), "generate_audio", null, "does not support generate_audio"),
            Invalid("camera_fixed on veo-3, which does not support it", Row("veo-3", ("camera_fixed", "yes")), "camera_fixed", null, "does not support camera_fixed"),
            Invalid("negative_prompt on seedance-1-pro, which does not support it", Row("seedance-1-pro", ("negative_prompt", "blur")), "negative_prompt", null, "does not support negative_prompt"),

            // --- columns that bind to nothing but look like a parameter: PowerShell alone would drop their value ---
            Invalid("column 'aspect ratio' (space) for aspect_ratio", Kling(("aspect ratio", "16:9")), "aspect ratio", null, "looks like AspectRatio", "aspect_ratio"),
            Invalid("column 'Aspect-Ratio' (dash) for aspect_ratio", Kling(("Aspect-Ratio", "16:9")), "Aspect-Ratio", null, "looks like AspectRatio"),
            Invalid("column 'aspect_ration' (one letter too many)", Kling(("aspect_ration", "16:9")), "aspect_ration", null, "looks like AspectRatio"),
            Invalid("column 'promtp' (two letters swapped)", Without(Kling(("promtp", "a fox {tag}")), "prompt"), "promtp", null, "looks like Prompt"),
            Invalid("column 'negative_promt' (one letter missing)", Kling(("negative_promt", "blur")), "negative_promt", null, "looks like NegativePrompt", "negative_prompt"),
            Invalid("column 'durasion' (one letter wrong)", Kling(("durasion", "5")), "durasion", null, "looks like Duration"),

            // --- prompt ---
            Invalid("prompt one over kling-v2-1's limit", Kling(("prompt", Long(Catalog.Kling.PromptMaxLength + 1))), "prompt", null,
                (Catalog.Kling.PromptMaxLength + 1) + " characters", "at most " + Catalog.Kling.PromptMaxLength),
            Invalid("prompt one over pixverse-v4-5's limit", Row("pixverse-v4-5", ("prompt", Long(Catalog.Pixverse.PromptMaxLength + 1))), "prompt", null,
                "at most " + Catalog.Pixverse.PromptMaxLength),
            Invalid("prompt far over veo-3's limit", Row("veo-3", ("prompt", Long(Catalog.Veo.PromptMaxLength * 3))), "prompt", null,
                (Catalog.Veo.PromptMaxLength * 3) + " characters", "at most " + Catalog.Veo.PromptMaxLength),
            Invalid("text_to_video without prompt", Without(Kling(("type", "text_to_video")), "prompt"), "prompt", null, "required for type text_to_video"),
            Invalid("no type, no prompt, no image_url", Without(Kling(), "prompt"), "prompt", null, "required for type text_to_video"),
            Invalid("whitespace-only prompt", Kling(("prompt", " \t  ")), "prompt", null, "required for type text_to_video"),

            // --- image_url ---
            Invalid("image_to_video without image_url", Kling(("type", "image_to_video")), "image_url", null, "required for type image_to_video"),
            Invalid("image_to_video with an empty image_url cell", Kling(("type", "image_to_video"), ("image_url", "")), "image_url", null, "required for type image_to_video"),
            Invalid("image_url with ftp: scheme", ImageRow("ftp://example.com/cat.png"), "image_url", null, "'ftp://example.com/cat.png'", "http or https"),
            Invalid("image_url with file: scheme", ImageRow("file:///etc/passwd"), "image_url", null, "'file:///etc/passwd'", "http or https"),
            Invalid("image_url with javascript: scheme", ImageRow("javascript:alert(1)"), "image_url", null, "'javascript:alert(1)'", "http or https"),
            Invalid("image_url that is a bare file name", ImageRow("cat.png"), "image_url", null, "'cat.png'", "http or https"),
            Invalid("image_url without a scheme", ImageRow("www.example.com/cat.png"), "image_url", null, "'www.example.com/cat.png'", "http or https"),
            Invalid("image_url that is a local path", ImageRow("/home/me/cat.png"), "image_url", null, "'/home/me/cat.png'", "http or https"),

            // --- contradictory parameters ---
            Invalid("type text_to_video with an image_url", Kling(("type", "text_to_video"), ("image_url", "https://example.com/cat.png")), "image_url", null,
                "only used with type image_to_video"),
            Invalid("two bad fields at once: duration 7 and aspect_ratio 4:3", Kling(("duration", "7"), ("aspect_ratio", "4:3")), new[] { "duration", "aspect_ratio" },
                Catalog.Join(Catalog.Kling.AspectRatio), Catalog.Join(Catalog.Kling.Duration)),
            // --- idempotency_key: it becomes a header, so a line break in the cell must not add header lines ---
            Invalid("idempotency_key with CRLF and an injected header", Kling(("idempotency_key", "row-{tag}\r\nX-Evil: 1")), "idempotency_key", null, "CR (U+000D)", "X-Idempotency-Key"),
            Invalid("idempotency_key with a Unicode line separator", Kling(("idempotency_key", "row-{tag}\u2028X-Evil: 1")), "idempotency_key", null, "line separator (U+2028)"),
            Invalid("idempotency_key of 256 characters", Kling(("idempotency_key", new string('k', 256))), "idempotency_key", null, "256 characters long", "1 to 255"),
            Api("idempotency_key of an earlier row with a different request", Kling(("idempotency_key", NewVideoCase.FirstGoodRowKey)), "idempotency key",
                "different request body"),
        };

        public static NewVideoCase Get(string name) => All.Single(c => c.Name == name);

        private static NewVideoCase Binding(string name, Dictionary<string, string> row, string parameter, string? allowed = null, params string[] mentions)
            => new NewVideoCase(name, RowStage.Binding, row, new[] { parameter }, allowed, mentions);

        private static NewVideoCase Invalid(string name, Dictionary<string, string> row, string field, string? allowed, params string[] mentions)
            => new NewVideoCase(name, RowStage.Validation, row, new[] { field }, allowed, mentions);

        private static NewVideoCase Invalid(string name, Dictionary<string, string> row, string[] fields, params string[] allowedLists)
            => new NewVideoCase(name, RowStage.Validation, row, fields, allowedLists[0], allowedLists.Skip(1).ToArray());

        private static NewVideoCase Api(string name, Dictionary<string, string> row, string field, params string[] mentions)
            => new NewVideoCase(name, RowStage.Api, row, new[] { field }, null, mentions);

        /// <summary>A valid kling-v2-1 text_to_video row with <paramref name="changes"/> applied.</summary>
        private static Dictionary<string, string> Kling(params (string Column, string Value)[] changes) => Row("kling-v2-1", changes);

        /// <summary>A valid text_to_video row for <paramref name="model"/> (prompt only) with <paramref name="changes"/> applied.</summary>
        private static Dictionary<string, string> Row(string model, params (string Column, string Value)[] changes)
        {
            var row = new Dictionary<string, string>
            {
                ["model"] = model,
                ["type"] = "",
                ["prompt"] = "Bad row {tag}: a paper boat on a rainy street",
            };
            foreach ((string column, string value) in changes) row[column] = value;
            return row;
        }

        private static Dictionary<string, string> ImageRow(string imageUrl)
            => Kling(("type", "image_to_video"), ("image_url", imageUrl));

        private static Dictionary<string, string> Without(Dictionary<string, string> row, string column)
        {
            row.Remove(column);
            return row;
        }

        private static string Long(int length)
        {
            string start = "{tag} ";
            return start + new string('x', length - start.Replace("{tag}", "").Length - TagLength);
        }

        /// <summary>Length of the text that replaces <c>{tag}</c> (see <see cref="Tag"/>).</summary>
        public const int TagLength = 12;

        /// <summary>A fresh tag of <see cref="TagLength"/> characters.</summary>
        public static string Tag() => Guid.NewGuid().ToString("N").Substring(0, TagLength);
    }
}
