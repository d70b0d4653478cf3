using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Reads a nested object that the API may also send as <c>null</c>, a string or an array: only an object is read,
    /// everything else becomes null. Subclasses say which generated type info to use (no reflection).
    /// </summary>
    internal abstract class LenientObjectConverter<T> : JsonConverter<T?>
        where T : class
    {
        public override bool HandleNull => true;

        protected abstract JsonTypeInfo<T> TypeInfo { get; }

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
                return JsonSerializer.Deserialize(ref reader, TypeInfo);
            return ReadOther(ref reader);
        }

        /// <summary>Called for anything but an object; must leave the reader on the value's last token.</summary>
        protected virtual T? ReadOther(ref Utf8JsonReader reader)
        {
            reader.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value == null) writer.WriteNullValue();
            else JsonSerializer.Serialize(writer, value, TypeInfo);
        }
    }
}
