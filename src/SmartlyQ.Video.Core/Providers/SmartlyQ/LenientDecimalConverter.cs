using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Reads money sent as a 4-decimal string (<c>"0.2800"</c>, the documented form) or as a JSON number,
    /// always with the invariant culture. Anything unreadable becomes null rather than failing the whole answer.
    /// </summary>
    internal sealed class LenientDecimalConverter : JsonConverter<decimal?>
    {
        public override bool HandleNull => true;

        public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetDecimal(out decimal number)) return number;
                    return reader.TryGetDouble(out double d) && !double.IsInfinity(d) && Math.Abs(d) < (double)decimal.MaxValue ? (decimal)d : (decimal?)null;
                case JsonTokenType.String:
                    string text = (reader.GetString() ?? "").Trim();
                    return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal parsed) ? parsed : (decimal?)null;
                default:
                    reader.Skip();
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
        {
            if (value == null) writer.WriteNullValue();
            else writer.WriteStringValue(value.Value.ToString("0.0000", CultureInfo.InvariantCulture));
        }
    }
}
