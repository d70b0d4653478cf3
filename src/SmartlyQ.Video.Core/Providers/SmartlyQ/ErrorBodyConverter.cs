using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// <c>error</c> as an object, <c>{}</c>, null, or a plain string (the avatar endpoint sends <c>"error": ""</c>);
    /// an empty string means no error.
    /// </summary>
    internal sealed class ErrorBodyConverter : LenientObjectConverter<ErrorBodyDto>
    {
        protected override JsonTypeInfo<ErrorBodyDto> TypeInfo => SmartlyQJsonContext.Default.ErrorBodyDto;

        protected override ErrorBodyDto? ReadOther(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                string text = reader.GetString() ?? "";
                return text.Trim().Length == 0 ? null : new ErrorBodyDto { Message = text };
            }
            return base.ReadOther(ref reader);
        }
    }
}
