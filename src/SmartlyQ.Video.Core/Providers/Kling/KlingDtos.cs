using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// Any answer of the Kling routes, in both shapes: Kling's own envelope
    /// <c>{"code":0,"message":"SUCCEED","request_id","data":{task…}}</c>, new-api's submit answer (an OpenAI video object
    /// <c>{"id","task_id","object":"video","model","status":"queued","progress":0,"created_at"}</c>) and new-api's task
    /// envelope <c>{"code":"success","message":"","data":TaskDto}</c>. <c>code</c> is a number in Kling's, a string in new-api's.
    /// </summary>
    internal sealed class KlingEnvelopeDto
    {
        public JsonElement? Code { get; set; }
        public string? Message { get; set; }

        [JsonPropertyName("request_id")]
        public string? RequestId { get; set; }

        public KlingTaskDto? Data { get; set; }

        // new-api's OpenAI video object (submit answer).
        public string? Id { get; set; }

        [JsonPropertyName("task_id")]
        public string? TaskId { get; set; }

        public string? Status { get; set; }
        public string? Model { get; set; }

        [JsonPropertyName("created_at")]
        public JsonElement? CreatedAt { get; set; }
    }

    /// <summary>
    /// <c>data</c>: Kling's task (<c>task_id</c>, <c>task_status</c>, <c>task_status_msg</c>, <c>task_result.videos</c>,
    /// <c>created_at</c>/<c>updated_at</c> in milliseconds) or new-api's TaskDto (<c>task_id</c>, <c>status</c>,
    /// <c>progress</c> "NN%", <c>result_url</c>, <c>fail_reason</c>, times in seconds, <c>data</c> = the raw Kling answer).
    /// </summary>
    internal sealed class KlingTaskDto
    {
        [JsonPropertyName("task_id")]
        public string? TaskId { get; set; }

        [JsonPropertyName("task_status")]
        public string? TaskStatus { get; set; }

        [JsonPropertyName("task_status_msg")]
        public string? TaskStatusMsg { get; set; }

        [JsonPropertyName("task_result")]
        public KlingTaskResultDto? TaskResult { get; set; }

        [JsonPropertyName("created_at")]
        public JsonElement? CreatedAt { get; set; }

        [JsonPropertyName("updated_at")]
        public JsonElement? UpdatedAt { get; set; }

        // new-api TaskDto
        public string? Status { get; set; }

        [JsonPropertyName("result_url")]
        public string? ResultUrl { get; set; }

        [JsonPropertyName("fail_reason")]
        public string? FailReason { get; set; }

        [JsonPropertyName("submit_time")]
        public JsonElement? SubmitTime { get; set; }

        [JsonPropertyName("finish_time")]
        public JsonElement? FinishTime { get; set; }

        /// <summary>TaskDto's raw upstream Kling JSON (an object, or a string of one).</summary>
        public JsonElement? Data { get; set; }
    }

    /// <summary><c>task_result</c>: <c>{"videos":[{"id","url","duration":"5"}]}</c>.</summary>
    internal sealed class KlingTaskResultDto
    {
        public List<KlingVideoDto?>? Videos { get; set; }
    }

    /// <summary>One generated video; <c>duration</c> is a string of seconds.</summary>
    internal sealed class KlingVideoDto
    {
        public string? Id { get; set; }
        public string? Url { get; set; }
        public JsonElement? Duration { get; set; }
    }

    /// <summary>
    /// Source-generated metadata for Kling's wire types (explicit snake_case names, case-insensitive reading, comments
    /// and trailing commas tolerated). Request bodies are written with <see cref="Utf8JsonWriter"/> (the request body writer, still to be written).
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true)]
    [JsonSerializable(typeof(KlingEnvelopeDto))]
    internal sealed partial class KlingJsonContext : JsonSerializerContext
    {
    }
}
