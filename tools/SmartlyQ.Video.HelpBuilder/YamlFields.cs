using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>
    /// A flat YAML mapping of text fields (front matter, a parameter's yaml block), read with YamlDotNet. Values stay
    /// text: <c>Position: 0</c> is "0" and <c>Required: False</c> is "False", exactly as written.
    /// </summary>
    internal sealed class YamlFields
    {
        private readonly Dictionary<string, string> _values;

        private YamlFields(Dictionary<string, string> values) => _values = values;

        /// <summary>The field names, as written.</summary>
        public IEnumerable<string> Names => _values.Keys;

        /// <summary>True when the field is present (even empty).</summary>
        public bool Has(string name) => _values.ContainsKey(name);

        /// <summary>The field's text, trimmed; empty when it is absent or has no value.</summary>
        public string this[string name] => _values.TryGetValue(name, out string? value) ? value : "";

        /// <summary>
        /// Parses <paramref name="yaml"/>; on a syntax error or anything but a mapping of plain values, returns null
        /// and the error's message and 1-based line within <paramref name="yaml"/>.
        /// </summary>
        public static YamlFields? Parse(string yaml, out string? error, out int? line)
        {
            error = null;
            line = null;
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException ex)
            {
                // Start.Line is 1-based. A value such as {job_uid}.mp4 is a flow mapping to YAML: quote it.
                error = "invalid YAML: " + (ex.InnerException?.Message ?? ex.Message) + " (quote values that start with {, [, *, & or a quote)";
                line = (int)ex.Start.Line;
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (stream.Documents.Count == 0)
                return new YamlFields(values);
            if (!(stream.Documents[0].RootNode is YamlMappingNode mapping))
            {
                error = "expected 'Name: value' lines";
                line = (int)stream.Documents[0].RootNode.Start.Line;
                return null;
            }
            foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
            {
                if (!(entry.Key is YamlScalarNode key) || !(entry.Value is YamlScalarNode value))
                {
                    error = "expected 'Name: value' lines, each value plain text";
                    line = (int)entry.Key.Start.Line;
                    return null;
                }
                values[key.Value ?? ""] = (value.Value ?? "").Trim();
            }
            return new YamlFields(values);
        }
    }
}
