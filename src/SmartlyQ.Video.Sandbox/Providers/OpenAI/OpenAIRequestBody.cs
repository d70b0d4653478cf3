using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>
    /// A create or remix body, JSON or <c>multipart/form-data</c> (the SDK always sends multipart), as one set of fields
    /// so both are validated alike. Multipart text fields become JSON strings; <c>name[sub]</c> fields (how the SDK
    /// encodes an object such as <c>input_reference[image_url]</c>) and a text field holding a JSON object become
    /// objects; uploaded files are kept apart.
    /// </summary>
    internal sealed class OpenAIRequestBody
    {
        private const string UnparsableJson =
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. "
            + "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

        private OpenAIRequestBody(JsonElement fields, IReadOnlyDictionary<string, IFormFile> files)
        {
            Fields = fields;
            Files = files;
        }

        /// <summary>The fields as a JSON object (never null).</summary>
        public JsonElement Fields { get; }

        /// <summary>Uploaded files by field name (multipart only).</summary>
        public IReadOnlyDictionary<string, IFormFile> Files { get; }

        /// <summary>All top-level names sent, fields and files.</summary>
        public IEnumerable<string> Names => Fields.EnumerateObject().Select(p => p.Name).Concat(Files.Keys);

        /// <summary>A present, non-null field.</summary>
        public bool TryGet(string name, out JsonElement value) =>
            Fields.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

        /// <summary>The body, or the 400 OpenAI answers for a body it cannot read.</summary>
        public static async Task<(OpenAIRequestBody? Body, IResult? Error)> ReadAsync(HttpRequest request)
        {
            var contentType = request.ContentType;
            if (contentType != null && MediaTypeHeaderValue.TryParse(contentType, out var media)
                && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadMultipartAsync(request);
            }
            if (contentType != null && !IsJson(contentType))
            {
                return (null, OpenAIErrors.BadRequest(
                    $"Unsupported content type: '{contentType}'. This endpoint accepts 'application/json' and 'multipart/form-data' requests.",
                    null, "unsupported_content_type"));
            }

            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return (null, OpenAIErrors.BadRequest("The request body must be a JSON object.", null, null));
                return (new OpenAIRequestBody(document.RootElement.Clone(), new Dictionary<string, IFormFile>()), null);
            }
            catch (JsonException)
            {
                // An empty body without a content type is an empty request (then "prompt" is missing), not broken JSON.
                if (contentType == null && request.ContentLength is null or 0)
                    return (new OpenAIRequestBody(JsonDocument.Parse("{}").RootElement.Clone(), new Dictionary<string, IFormFile>()), null);
                return (null, OpenAIErrors.BadRequest(UnparsableJson, null, null));
            }
        }

        private static async Task<(OpenAIRequestBody?, IResult?)> ReadMultipartAsync(HttpRequest request)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is System.IO.InvalidDataException || ex is System.IO.IOException)
            {
                return (null, OpenAIErrors.BadRequest("The multipart/form-data body could not be parsed: " + ex.Message, null, null));
            }

            var fields = new JsonObject();
            foreach (var pair in form)
            {
                var value = pair.Value.ToString();
                var open = pair.Key.IndexOf('[');
                if (open > 0 && pair.Key.EndsWith(']'))
                {
                    var name = pair.Key[..open];
                    var sub = pair.Key[(open + 1)..^1];
                    if (fields[name] is not JsonObject nested) fields[name] = nested = new JsonObject();
                    nested[sub] = value;
                }
                else
                {
                    fields[pair.Key] = TryParseObject(value) ?? (JsonNode)value;
                }
            }

            var files = new Dictionary<string, IFormFile>(StringComparer.Ordinal);
            foreach (var file in form.Files) files[file.Name] = file;
            using var document = JsonDocument.Parse(fields.ToJsonString());
            return (new OpenAIRequestBody(document.RootElement.Clone(), files), null);
        }

        // Some clients send input_reference as a JSON text part; other text stays text.
        private static JsonNode? TryParseObject(string value)
        {
            if (!value.TrimStart().StartsWith('{')) return null;
            try { return JsonNode.Parse(value) as JsonObject; }
            catch (JsonException) { return null; }
        }

        private static bool IsJson(string contentType) =>
            MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);
    }
}
