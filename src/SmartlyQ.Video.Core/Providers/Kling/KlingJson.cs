using System;
using System.Globalization;
using System.Text.Json;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>Lenient readers of Kling's loosely typed values (codes as numbers or strings, times in ms or s).</summary>
    internal static class KlingJson
    {
        /// <summary>An integer, or a string holding one; null otherwise.</summary>
        public static long? Integer(JsonElement? value)
        {
            if (value == null) return null;
            JsonElement v = value.Value;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n)) return n;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString()?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)) return parsed;
            return null;
        }

        /// <summary>A non-blank string value, trimmed; null otherwise.</summary>
        public static string? String(JsonElement? value)
        {
            if (value == null || value.Value.ValueKind != JsonValueKind.String) return null;
            string? text = value.Value.GetString();
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        /// <summary>
        /// A Unix time: Kling sends milliseconds, new-api's TaskDto seconds, so a number above 10^11 (year 5138 in
        /// seconds) is read as milliseconds, else as seconds. Null for none, zero or out of range.
        /// </summary>
        public static DateTimeOffset? Timestamp(JsonElement? value)
        {
            long? n = Integer(value);
            if (n == null || n <= 0) return null;
            try
            {
                return n.Value > 100_000_000_000L ? DateTimeOffset.FromUnixTimeMilliseconds(n.Value) : DateTimeOffset.FromUnixTimeSeconds(n.Value);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        /// <summary>The member <paramref name="name"/> of an object; null when absent or not an object.</summary>
        public static JsonElement? Member(JsonElement? obj, string name)
        {
            if (obj == null || obj.Value.ValueKind != JsonValueKind.Object) return null;
            return obj.Value.TryGetProperty(name, out JsonElement value) ? value : (JsonElement?)null;
        }
    }
}
