using System;
using System.Collections.Generic;
using System.Text.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// The <c>Video</c> object (openai-videos-openapi.yaml; required: id, object, model, status, progress, created_at,
    /// seconds, size) as a <see cref="JobSnapshot"/>, tolerant of what new-api gateways relay instead: <c>task_id</c>
    /// beside or for <c>id</c>, upper-case task states, <c>progress</c> as <c>"30%"</c>, times in milliseconds,
    /// <c>seconds</c> as a number. A finished video's <see cref="JobSnapshot.VideoUrl"/> is its content route
    /// <c>{base}/videos/{id}/content</c>, opened with the key.
    /// </summary>
    internal static class OpenAIVideoReader
    {
        /// <summary>The job of one video object; null when it names no id.</summary>
        public static JobSnapshot? ToSnapshot(JsonElement video, Uri normalizedBase, string? requestId)
        {
            string? id = OpenAIJsonText.String(video, "id");
            if (string.IsNullOrWhiteSpace(id)) id = OpenAIJsonText.String(video, "task_id");
            if (string.IsNullOrWhiteSpace(id)) return null;
            id = id!.Trim();

            string? raw = OpenAIJsonText.String(video, "status")?.Trim();
            JobStatus status = OpenAIStatus.ToNeutral(raw);
            JobError? error = null;
            if (video.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.Object)
            {
                string? code = OpenAIJsonText.String(e, "code");
                string? message = OpenAIJsonText.String(e, "message");
                if (!string.IsNullOrWhiteSpace(code) || !string.IsNullOrWhiteSpace(message))
                    error = new JobError(string.IsNullOrWhiteSpace(code) ? "video_generation_failed" : code, message);
            }
            if (status == JobStatus.Failed && error == null)
                error = new JobError("video_generation_failed", OpenAIJsonText.String(video, "fail_reason") ?? "The video failed (status " + raw + ").");

            long? seconds = OpenAIJsonText.Integer(video, "seconds");
            DateTimeOffset? created = OpenAIJsonText.Time(video, "created_at");
            return new JobSnapshot
            {
                JobUid = id,
                Provider = OpenAIProvider.Name,
                Status = status,
                ProviderStatus = raw,
                Model = OpenAIJsonText.String(video, "model"),
                Prompt = OpenAIJsonText.String(video, "prompt"),
                Duration = seconds is long s && s > 0 && s < 100_000 ? (int)s : (int?)null,
                CreatedAt = created,
                UpdatedAt = OpenAIJsonText.Time(video, "completed_at") ?? created,
                Error = error,
                VideoUrl = status == JobStatus.Succeeded ? ContentUri(normalizedBase, id) : null,
                RequestId = requestId,
            };
        }

        /// <summary><c>{base}/videos/{id}/content</c>, the id escaped.</summary>
        public static Uri ContentUri(Uri normalizedBase, string id) => ApiUris.Combine(normalizedBase, "videos/" + Uri.EscapeDataString(id) + "/content");

        /// <summary>
        /// A list page <c>{"object":"list","data":[…],"first_id","last_id","has_more"}</c>: its videos and, while
        /// <c>has_more</c>, the cursor for <c>after</c> (<c>last_id</c>, else the last video's id).
        /// </summary>
        public static (List<JobSnapshot> Jobs, string? Next) ToPage(JsonElement page, Uri normalizedBase, string? requestId)
        {
            var jobs = new List<JobSnapshot>();
            if (page.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Array)
                foreach (JsonElement item in data.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object && ToSnapshot(item, normalizedBase, requestId) is JobSnapshot job) jobs.Add(job);
            bool more = page.TryGetProperty("has_more", out JsonElement hasMore) && hasMore.ValueKind == JsonValueKind.True;
            string? next = OpenAIJsonText.String(page, "last_id");
            if (string.IsNullOrWhiteSpace(next) && jobs.Count > 0) next = jobs[jobs.Count - 1].JobUid;
            return (jobs, more && jobs.Count > 0 ? next : null);
        }
    }
}
