using System;
using System.Globalization;
using System.Text.Json;

namespace SmartlyQ.Video.Core.Json
{
    /// <summary>
    /// Lenient readers of loosely typed JSON values (amounts as numbers or strings, booleans as text, members in any
    /// case), for APIs whose answers vary in shape (NanoGPT, the new-api gateway).
    /// </summary>
    internal static class LenientJson
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

        /// <summary>A string value, or an object's <c>message</c> (an error given either way); null otherwise.</summary>
        public static string? TextOrMessage(JsonElement? value) => String(value) ?? String(Member(value, "message"));

        /// <summary>The first of <paramref name="values"/> that is not blank, trimmed; null when all are.</summary>
        public static string? FirstText(params string?[] values)
        {
            foreach (string? value in values)
                if (!string.IsNullOrWhiteSpace(value)) return value!.Trim();
            return null;
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
