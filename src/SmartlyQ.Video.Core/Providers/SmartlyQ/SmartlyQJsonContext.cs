using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Source-generated metadata for every wire type (no reflection, so it works trimmed and needs no
    /// runtime code generation). snake_case names, case-insensitive reading, nulls left out when writing,
    /// numbers in strings accepted where a plain <c>int</c> list is read.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true)]
    [JsonSerializable(typeof(VideoGenerateRequestDto))]
    [JsonSerializable(typeof(EmptyObjectDto))]
    [JsonSerializable(typeof(ErrorEnvelopeDto))]
    [JsonSerializable(typeof(ErrorBodyDto))]
    [JsonSerializable(typeof(JobResultDto))]
    [JsonSerializable(typeof(ApiEnvelope<JobDto>))]
    [JsonSerializable(typeof(ApiEnvelope<List<JobDto?>>))]
    [JsonSerializable(typeof(ApiEnvelope<List<VideoModelDto?>>))]
    [JsonSerializable(typeof(ApiEnvelope<AccountDto>))]
    [JsonSerializable(typeof(ApiEnvelope<BalanceDto>))]
    internal sealed partial class SmartlyQJsonContext : JsonSerializerContext
    {
    }
}
