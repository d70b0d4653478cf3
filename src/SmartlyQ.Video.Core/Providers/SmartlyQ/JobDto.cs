using System;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// Wire job: the <c>data</c> of <c>GET /jobs/{id}</c>, of <c>POST /videos/generate</c> (202) and each row of
    /// <c>GET /jobs</c>. The id is <c>job_uid</c> (video submit), <c>job_id</c> (async guide, webhooks) or
    /// <c>id</c> (job object); <c>video_url</c>/<c>duration_sec</c> at the top level are the avatar render's layout.
    /// </summary>
    internal sealed class JobDto
    {
        [JsonConverter(typeof(LenientStringConverter))]
        public string? JobUid { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? JobId { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Type { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Status { get; set; }

        [JsonConverter(typeof(JobResultConverter))]
        public JobResultDto? Result { get; set; }

        [JsonConverter(typeof(ErrorBodyConverter))]
        public ErrorBodyDto? Error { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? VideoUrl { get; set; }

        [JsonConverter(typeof(LenientInt32Converter))]
        public int? DurationSec { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Model { get; set; }

        [JsonConverter(typeof(LenientTimestampConverter))]
        public DateTimeOffset? CreatedAt { get; set; }

        [JsonConverter(typeof(LenientTimestampConverter))]
        public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>The first non-empty of <c>job_uid</c>, <c>job_id</c>, <c>id</c>.</summary>
        [JsonIgnore]
        public string? AnyId => FirstNonEmpty(JobUid, JobId, Id);

        private static string? FirstNonEmpty(params string?[] values)
        {
            foreach (string? value in values)
                if (!string.IsNullOrWhiteSpace(value)) return value;
            return null;
        }
    }
}
