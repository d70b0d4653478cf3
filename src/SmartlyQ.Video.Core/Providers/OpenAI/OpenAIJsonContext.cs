using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>Source-generated metadata of the create body: snake_case names, nulls left out.</summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(OpenAICreateRequestDto))]
    internal sealed partial class OpenAIJsonContext : JsonSerializerContext
    {
    }
}
