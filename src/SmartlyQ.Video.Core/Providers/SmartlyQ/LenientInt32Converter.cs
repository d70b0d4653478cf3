using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Reads optional counts and seconds sent as an integer, a fractional number (rounded) or a numeric string.</summary>
    internal sealed class LenientInt32Converter : JsonConverter<int?>
    {
        public override bool HandleNull => true;

        public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt32(out int whole)) return whole;
                    return reader.TryGetDouble(out double d) ? FromDouble(d) : null;
                case JsonTokenType.String:
                    return double.TryParse((reader.GetString() ?? "").Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
                        ? FromDouble(parsed)
                        : null;
                default:
                    reader.Skip();
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
        {
            if (value == null) writer.WriteNullValue();
            else writer.WriteNumberValue(value.Value);
        }

        private static int? FromDouble(double value)
            => double.IsNaN(value) || value > int.MaxValue || value < int.MinValue ? (int?)null : (int)Math.Round(value, MidpointRounding.AwayFromZero);
    }
}
