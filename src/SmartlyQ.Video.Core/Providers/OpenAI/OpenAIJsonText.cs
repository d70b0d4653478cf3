using System;
using System.Globalization;
using System.Text.Json;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// Tolerant reads of OpenAI video JSON: gateways relay the same fields with other types (<c>seconds</c> as a number,
    /// <c>progress</c> as <c>"30%"</c>, <c>created_at</c> in milliseconds), so each value is read as what it holds.
    /// </summary>
    internal static class OpenAIJsonText
    {
        /// <summary>A string (a number's text for a number); null when absent, null or another kind.</summary>
        public static string? String(JsonElement obj, string name)
        {
            if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out JsonElement value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }

        /// <summary>A whole number from a number or a numeric string (<c>"8"</c>, <c>"30%"</c>); null otherwise.</summary>
        public static long? Integer(JsonElement obj, string name)
        {
            string? text = String(obj, name)?.Trim().TrimEnd('%');
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && Math.Abs(number) < 1e17
                ? (long)Math.Round(number)
                : (long?)null;
        }

        /// <summary>A Unix time in seconds, or in milliseconds as some gateways send it (a value past the year 5138).</summary>
        public static DateTimeOffset? Time(JsonElement obj, string name)
        {
            long? value = Integer(obj, name);
            if (value == null || value <= 0) return null;
            return value > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(value.Value) : DateTimeOffset.FromUnixTimeSeconds(value.Value);
        }
    }
}
