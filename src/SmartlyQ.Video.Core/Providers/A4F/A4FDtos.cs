using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary><c>GET /v1/models</c>: <c>{"object":"list","data":[…]}</c>.</summary>
    internal sealed class A4FModelListDto
    {
        public List<A4FModelDto?>? Data { get; set; }
    }

    /// <summary>One model: <c>id</c> (e.g. <c>provider-2/kling-v2.1</c>), <c>base_model</c>, <c>owned_by</c>, <c>type</c> (e.g. <c>video/generations</c>).</summary>
    internal sealed class A4FModelDto
    {
        public string? Id { get; set; }

        [JsonPropertyName("base_model")]
        public string? BaseModel { get; set; }

        [JsonPropertyName("owned_by")]
        public string? OwnedBy { get; set; }

        public string? Type { get; set; }
    }

    /// <summary>
    /// Source-generated metadata for A4F's wire types and the local job files (no reflection). Case-insensitive reading,
    /// comments and trailing commas tolerated. The generation's answer is never deserialized: <see cref="A4FAnswerDecoder"/>
    /// streams it.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
        AllowTrailingCommas = true)]
    [JsonSerializable(typeof(A4FModelListDto))]
    [JsonSerializable(typeof(A4FLocalJob))]
    internal sealed partial class A4FJsonContext : JsonSerializerContext
    {
    }
}
