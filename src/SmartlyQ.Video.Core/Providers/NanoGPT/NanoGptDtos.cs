using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmartlyQ.Video.Core.Json;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>
    /// The 202 (or 200) answer of <c>POST /api/generate-video</c>:
    /// <c>{"runId","id","status":"pending","model","cost","paymentSource":"USD|XNO","remainingBalance","prechargeLabel"}</c>.
    /// Amounts are JSON numbers in the docs; strings are accepted too (read by <see cref="LenientJson.Decimal"/>).
    /// </summary>
    internal sealed class NanoGptSubmitDto
    {
        public string? RunId { get; set; }
        public string? Id { get; set; }
        public string? Status { get; set; }
        public string? Model { get; set; }
        public JsonElement? Cost { get; set; }
        public string? PaymentSource { get; set; }
        public JsonElement? RemainingBalance { get; set; }
    }

    /// <summary>
    /// <c>GET /api/video/status</c>: the enveloped shape of the docs' examples (<c>data.status</c> upper-case,
    /// <c>data.output.video.url</c>, <c>data.cost</c>, <c>data.error</c>, <c>data.isNSFWError</c>,
    /// <c>data.userFriendlyError</c>) and the flat fields of its OpenAPI schema at top level (<c>status</c>,
    /// <c>videoUrl</c>, <c>progress</c>, <c>error</c>, <c>createdAt</c>, <c>completedAt</c>); also the variants a
    /// third-party client tolerates (<c>video_url</c>, <c>videos[0].url</c>, <c>data.output.url</c>).
    /// </summary>
    internal sealed class NanoGptStatusDto
    {
        public string? RequestId { get; set; }
        public string? RunId { get; set; }
        public string? Model { get; set; }
        public string? Status { get; set; }
        public string? VideoUrl { get; set; }

        [JsonPropertyName("video_url")]
        public string? VideoUrlSnake { get; set; }

        public List<NanoGptUrlDto?>? Videos { get; set; }
        public NanoGptOutputDto? Output { get; set; }

        /// <summary>A string in the schema; kept as JSON so another type cannot make the whole answer unreadable.</summary>
        public JsonElement? Error { get; set; }

        public JsonElement? CreatedAt { get; set; }
        public JsonElement? CompletedAt { get; set; }
        public NanoGptStatusDataDto? Data { get; set; }
    }

    /// <summary>The <c>data</c> object of a status answer (the legacy endpoint's names <c>request_id</c> included).</summary>
    internal sealed class NanoGptStatusDataDto
    {
        public string? Status { get; set; }
        public string? RequestId { get; set; }

        [JsonPropertyName("request_id")]
        public string? RequestIdSnake { get; set; }

        public NanoGptOutputDto? Output { get; set; }
        public JsonElement? Cost { get; set; }
        public JsonElement? Error { get; set; }

        [JsonPropertyName("isNSFWError")]
        public JsonElement? IsNsfwError { get; set; }

        public string? UserFriendlyError { get; set; }
    }

    /// <summary><c>output</c>: <c>{"video":{"url"}}</c> as documented, or <c>{"url"}</c>.</summary>
    internal sealed class NanoGptOutputDto
    {
        public NanoGptUrlDto? Video { get; set; }
        public string? Url { get; set; }
    }

    /// <summary>An object with a <c>url</c>.</summary>
    internal sealed class NanoGptUrlDto
    {
        public string? Url { get; set; }
    }

    /// <summary>
    /// <c>GET /api/v1/video-models?detailed=true</c>: <c>{"object":"list","data":[…],"meta":{…}}</c>. Each entry's
    /// <c>pricing</c>, <c>capabilities</c> and <c>supported_parameters</c> are open objects (read by <see cref="NanoGptCatalog"/>).
    /// </summary>
    internal sealed class NanoGptModelListDto
    {
        public List<NanoGptModelDto?>? Data { get; set; }
    }

    /// <summary>One video model of the catalog.</summary>
    internal sealed class NanoGptModelDto
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public NanoGptArchitectureDto? Architecture { get; set; }
        public JsonElement? Pricing { get; set; }
        public JsonElement? Capabilities { get; set; }

        [JsonPropertyName("supported_parameters")]
        public JsonElement? SupportedParameters { get; set; }
    }

    /// <summary><c>architecture</c>: <c>input_modalities</c> such as <c>text</c>, <c>image</c>.</summary>
    internal sealed class NanoGptArchitectureDto
    {
        [JsonPropertyName("input_modalities")]
        public List<string?>? InputModalities { get; set; }
    }

    /// <summary><c>POST /api/check-balance</c>: <c>{"usd_balance":"129.46956147","nano_balance":"26.71801147","nanoDepositAddress"}</c> (strings).</summary>
    internal sealed class NanoGptBalanceDto
    {
        [JsonPropertyName("usd_balance")]
        public JsonElement? UsdBalance { get; set; }

        [JsonPropertyName("nano_balance")]
        public JsonElement? NanoBalance { get; set; }
    }

    /// <summary>
    /// Source-generated metadata for NanoGPT's wire types (no reflection): camelCase names as NanoGPT sends them
    /// (explicit names where it uses snake_case), case-insensitive reading, comments and trailing commas tolerated.
    /// Request bodies are written with <see cref="Utf8JsonWriter"/> (<see cref="NanoGptRequestBody"/>), since their
    /// option fields are open-ended.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true)]
    [JsonSerializable(typeof(NanoGptSubmitDto))]
    [JsonSerializable(typeof(NanoGptStatusDto))]
    [JsonSerializable(typeof(NanoGptModelListDto))]
    [JsonSerializable(typeof(NanoGptBalanceDto))]
    internal sealed partial class NanoGptJsonContext : JsonSerializerContext
    {
    }
}
