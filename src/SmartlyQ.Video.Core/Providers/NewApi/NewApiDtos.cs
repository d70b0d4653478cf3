using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// The 200 answer of <c>POST /v1/video/generations</c> (research §5): the channel adaptor's OpenAI-video-shaped
    /// <c>{"id":"task_…","task_id":"task_…","object":"video","model","status":"queued","progress":0,"created_at"}</c>;
    /// the docs' <c>{"task_id","status"}</c> is a subset.
    /// </summary>
    internal sealed class NewApiSubmitDto
    {
        public string? Id { get; set; }

        [JsonPropertyName("task_id")]
        public string? TaskId { get; set; }

        public string? Status { get; set; }
    }

    /// <summary>
    /// <c>GET /v1/video/generations/{task_id}</c>: the task envelope <c>{"code":"success","message","data":{…}}</c>
    /// (research §6) or the docs' flat <c>VideoTaskResponse</c> <c>{"task_id","status","url","error"}</c>.
    /// </summary>
    internal sealed class NewApiFetchDto
    {
        public JsonElement? Code { get; set; }
        public string? Message { get; set; }
        public NewApiTaskDto? Data { get; set; }

        [JsonPropertyName("task_id")]
        public string? TaskId { get; set; }

        public string? Status { get; set; }
        public string? Url { get; set; }
        public JsonElement? Error { get; set; }
    }

    /// <summary>
    /// The envelope's <c>data</c>: the TaskDto (<c>task_id</c>, upper-case <c>status</c>, <c>fail_reason</c>,
    /// <c>result_url</c> — which holds the failure reason on a failed task —, <c>progress</c> "NN%", Unix-second
    /// <c>submit_time</c>/<c>finish_time</c>/<c>updated_at</c>, <c>properties.origin_model_name</c>), or the
    /// Gemini/Vertex live answer (<c>status</c> lower-case, <c>url</c>, <c>error</c>).
    /// </summary>
    internal sealed class NewApiTaskDto
    {
        [JsonPropertyName("task_id")]
        public string? TaskId { get; set; }

        public string? Status { get; set; }

        [JsonPropertyName("fail_reason")]
        public string? FailReason { get; set; }

        [JsonPropertyName("result_url")]
        public string? ResultUrl { get; set; }

        public string? Url { get; set; }
        public JsonElement? Error { get; set; }

        [JsonPropertyName("submit_time")]
        public JsonElement? SubmitTime { get; set; }

        [JsonPropertyName("created_at")]
        public JsonElement? CreatedAt { get; set; }

        [JsonPropertyName("updated_at")]
        public JsonElement? UpdatedAt { get; set; }

        [JsonPropertyName("finish_time")]
        public JsonElement? FinishTime { get; set; }

        public NewApiTaskPropertiesDto? Properties { get; set; }
    }

    /// <summary>A task's <c>properties</c>: <c>origin_model_name</c> (the model asked for), <c>upstream_model_name</c>.</summary>
    internal sealed class NewApiTaskPropertiesDto
    {
        [JsonPropertyName("origin_model_name")]
        public string? OriginModelName { get; set; }
    }

    /// <summary>
    /// <c>GET /v1/models</c> (research §11): <c>{"success":true,"object":"list","data":[{"id","object","created",
    /// "owned_by","supported_endpoint_types":["openai-video"]}]}</c>.
    /// </summary>
    internal sealed class NewApiModelListDto
    {
        public List<NewApiModelDto?>? Data { get; set; }
    }

    /// <summary>One entry of the gateway's model list.</summary>
    internal sealed class NewApiModelDto
    {
        public string? Id { get; set; }

        [JsonPropertyName("owned_by")]
        public string? OwnedBy { get; set; }

        [JsonPropertyName("supported_endpoint_types")]
        public List<string?>? SupportedEndpointTypes { get; set; }
    }

    /// <summary>
    /// Source-generated metadata for new-api's wire types (no reflection): snake_case names as the gateway sends
    /// them, case-insensitive reading, comments and trailing commas tolerated. Request bodies are written with
    /// <see cref="Utf8JsonWriter"/> (<see cref="NewApiRequestBody"/>).
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString)]
    [JsonSerializable(typeof(NewApiSubmitDto))]
    [JsonSerializable(typeof(NewApiFetchDto))]
    [JsonSerializable(typeof(NewApiModelListDto))]
    internal sealed partial class NewApiJsonContext : JsonSerializerContext
    {
    }
}
