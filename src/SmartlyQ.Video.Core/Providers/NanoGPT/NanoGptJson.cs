using System;
using System.Globalization;
using System.Text.Json;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>Lenient readers of NanoGPT's loosely typed values (amounts as numbers or strings, booleans as text).</summary>
    internal static class NanoGptJson
    {
        /// <summary>A JSON number, or a string holding one (invariant culture); null otherwise.</summary>
        public static decimal? Decimal(JsonElement? value)
        {
            if (value == null) return null;
            JsonElement v = value.Value;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out decimal number)) return number;
            if (v.ValueKind == JsonValueKind.String
                && decimal.TryParse(v.GetString()?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal parsed)) return parsed;
            return null;
        }

        /// <summary>A non-blank string value, trimmed; null otherwise.</summary>
        public static string? String(JsonElement? value)
        {
            if (value == null || value.Value.ValueKind != JsonValueKind.String) return null;
            string? text = value.Value.GetString();
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        /// <summary><c>true</c>, or the string "true"; false otherwise.</summary>
        public static bool True(JsonElement? value)
            => value != null && (value.Value.ValueKind == JsonValueKind.True
                                 || value.Value.ValueKind == JsonValueKind.String && string.Equals(value.Value.GetString(), "true", StringComparison.OrdinalIgnoreCase));

        /// <summary>An ISO 8601 string, or Unix seconds as a number; null otherwise.</summary>
        public static DateTimeOffset? Timestamp(JsonElement? value)
        {
            if (value == null) return null;
            JsonElement v = value.Value;
            if (v.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
                return parsed;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long seconds) && seconds > 0 && seconds < 253402300799L)
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            return null;
        }

        /// <summary>The member <paramref name="name"/> of an object (exact name first, then case-insensitive); null when absent.</summary>
        public static JsonElement? Member(JsonElement? obj, string name)
        {
            if (obj == null || obj.Value.ValueKind != JsonValueKind.Object) return null;
            if (obj.Value.TryGetProperty(name, out JsonElement exact)) return exact;
            foreach (JsonProperty property in obj.Value.EnumerateObject())
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
            return null;
        }
    }
}
