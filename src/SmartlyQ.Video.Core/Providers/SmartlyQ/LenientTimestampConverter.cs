using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Reads timestamps in ISO 8601 (<c>2023-11-07T05:31:56Z</c>) or the avatar endpoint's
    /// <c>2026-10-15 09:16:00</c>; a time without a zone is taken as UTC. Unix seconds are accepted too.
    /// Anything unreadable becomes null rather than failing the whole answer.
    /// </summary>
    internal sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return Parse(reader.GetString());
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out long seconds) && seconds > 0 && seconds < 253402300800L
                        ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                        : (DateTimeOffset?)null;
                default:
                    reader.Skip();
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value == null) writer.WriteNullValue();
            else writer.WriteStringValue(value.Value);
        }

        internal static DateTimeOffset? Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            return DateTimeOffset.TryParse(text!.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
                ? parsed
                : (DateTimeOffset?)null;
        }
    }
}
