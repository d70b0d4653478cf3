using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary>
    /// The subset of JSON Schema OpenAI's OpenAPI extract uses, checked against JSON the emulator returned:
    /// <c>$ref</c>, <c>type</c> (string, integer, number, boolean, array, object, null), <c>enum</c>, <c>anyOf</c>,
    /// <c>oneOf</c>, <c>properties</c>, <c>required</c>, <c>items</c>. An object must have every required member and
    /// no member its schema does not define. Unknown keywords fail loudly, so a newer extract cannot pass by accident.
    /// </summary>
    internal sealed class OpenApiSchema
    {
        private static readonly HashSet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
        {
            "description", "title", "default", "example", "format", "x-stainless-const", "deprecated",
            // Length and range limits are request-side; the emulator's answers are checked by type and enum.
            "minLength", "maxLength", "minimum", "maximum",
        };

        private readonly YamlMappingNode _root;

        private OpenApiSchema(YamlMappingNode root) => _root = root;

        public static OpenApiSchema Load(string path)
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            return new OpenApiSchema((YamlMappingNode)stream.Documents[0].RootNode);
        }

        /// <summary>The component name of the 200 JSON answer of <paramref name="method"/> <paramref name="path"/> (e.g. <c>VideoResource</c>).</summary>
        public string ResponseSchemaName(string path, string method)
        {
            var schema = Map(Map(Map(Map(Map(Map(Map(_root, "paths"), path), method), "responses"), "200"), "content"), "application/json");
            var reference = Scalar(Map(schema, "schema"), "$ref");
            return reference.Substring("#/components/schemas/".Length);
        }

        /// <summary>Content types the spec lists for the 200 answer.</summary>
        public IReadOnlyList<string> ResponseContentTypes(string path, string method) =>
            Map(Map(Map(Map(Map(Map(_root, "paths"), path), method), "responses"), "200"), "content").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

        public YamlMappingNode Component(string name) => Map(Map(Map(_root, "components"), "schemas"), name);

        /// <summary>The members <paramref name="name"/> requires.</summary>
        public IReadOnlyList<string> Required(string name) =>
            ((YamlSequenceNode)Component(name).Children[new YamlScalarNode("required")]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();

        /// <summary>Every violation of <paramref name="value"/> against component <paramref name="name"/>; empty when it conforms.</summary>
        public List<string> Validate(string name, JsonElement value)
        {
            var problems = new List<string>();
            Check(Component(name), value, "$", problems);
            return problems;
        }

        private void Check(YamlMappingNode schema, JsonElement value, string at, List<string> problems)
        {
            foreach (var key in schema.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
            {
                if (Annotations.Contains(key) || key is "$ref" or "type" or "enum" or "anyOf" or "oneOf" or "properties" or "required" or "items") continue;
                problems.Add($"{at}: schema keyword '{key}' is not supported by this checker");
            }

            if (TryScalar(schema, "$ref", out var reference))
            {
                Check(Component(reference.Substring("#/components/schemas/".Length)), value, at, problems);
                return;
            }
            if (TrySequence(schema, "anyOf", out var anyOf) || TrySequence(schema, "oneOf", out anyOf))
            {
                var matches = anyOf.Children.Count(option => { var p = new List<string>(); Check((YamlMappingNode)option, value, at, p); return p.Count == 0; });
                var oneOf = schema.Children.ContainsKey(new YamlScalarNode("oneOf"));
                if (matches == 0 || (oneOf && matches > 1))
                    problems.Add($"{at}: {value.GetRawText()} matches {matches} of the {(oneOf ? "oneOf" : "anyOf")} options");
                return;
            }

            if (TryScalar(schema, "type", out var type) && !HasType(value, type))
            {
                problems.Add($"{at}: expected {type}, got {value.ValueKind} {Short(value)}");
                return;
            }
            if (TrySequence(schema, "enum", out var allowed))
            {
                var values = allowed.Children.Select(n => ((YamlScalarNode)n).Value).ToList();
                if (value.ValueKind != JsonValueKind.String || !values.Contains(value.GetString()))
                    problems.Add($"{at}: {Short(value)} is not one of [{string.Join(", ", values)}]");
            }
            if (value.ValueKind == JsonValueKind.Object)
            {
                var defined = TryMap(schema, "properties", out var properties)
                    ? properties.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (YamlMappingNode)p.Value)
                    : new Dictionary<string, YamlMappingNode>();
                var required = TrySequence(schema, "required", out var req) ? req.Children.Select(n => ((YamlScalarNode)n).Value!).ToList() : new List<string>();
                foreach (var member in required)
                    if (!value.TryGetProperty(member, out _)) problems.Add($"{at}: required member '{member}' is missing");
                foreach (var member in value.EnumerateObject())
                {
                    if (defined.TryGetValue(member.Name, out var memberSchema)) Check(memberSchema, member.Value, at + "." + member.Name, problems);
                    else problems.Add($"{at}: member '{member.Name}' is not in the schema");
                }
            }
            if (value.ValueKind == JsonValueKind.Array && TryMap(schema, "items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray()) Check(items, item, $"{at}[{i++}]", problems);
            }
        }

        private static bool HasType(JsonElement value, string type) => type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "array" => value.ValueKind == JsonValueKind.Array,
            "object" => value.ValueKind == JsonValueKind.Object,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => throw new NotSupportedException("type " + type),
        };

        private static string Short(JsonElement value)
        {
            var text = value.GetRawText();
            return text.Length > 60 ? text[..60] + "…" : text;
        }

        private static YamlMappingNode Map(YamlMappingNode node, string key) =>
            TryMap(node, key, out var child) ? child : throw new KeyNotFoundException($"The spec has no '{key}' here.");

        private static string Scalar(YamlMappingNode node, string key) =>
            TryScalar(node, key, out var value) ? value : throw new KeyNotFoundException($"The spec has no '{key}' here.");

        private static bool TryMap(YamlMappingNode node, string key, out YamlMappingNode child)
        {
            child = null!;
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var found) || found is not YamlMappingNode map) return false;
            child = map;
            return true;
        }

        private static bool TryScalar(YamlMappingNode node, string key, out string value)
        {
            value = null!;
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var found) || found is not YamlScalarNode scalar) return false;
            value = scalar.Value!;
            return true;
        }

        private static bool TrySequence(YamlMappingNode node, string key, out YamlSequenceNode sequence)
        {
            sequence = null!;
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var found) || found is not YamlSequenceNode seq) return false;
            sequence = seq;
            return true;
        }
    }
}
