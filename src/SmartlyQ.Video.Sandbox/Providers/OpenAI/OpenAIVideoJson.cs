using System;
using System.Text.Json.Nodes;
using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>
    /// The <c>VideoResource</c> of OpenAI's OpenAPI document: exactly its 13 required members, unset ones as null
    /// (<c>completed_at</c>, <c>expires_at</c>, <c>remixed_from_video_id</c>, <c>error</c>), times in Unix seconds.
    /// </summary>
    internal static class OpenAIVideoJson
    {
        public const string Queued = "queued";
        public const string InProgress = "in_progress";
        public const string Completed = "completed";
        public const string Failed = "failed";

        /// <summary>Assets stay downloadable for an hour after completion (research §2: "valid for a maximum of 1 hour").</summary>
        public static readonly TimeSpan AssetLifetime = TimeSpan.FromHours(1);

        /// <summary>The shared job statuses in OpenAI's names (pending and queued are both <c>queued</c>).</summary>
        public static string Status(JobState state) => state.Status switch
        {
            JobStatuses.Processing => InProgress,
            JobStatuses.Completed => Completed,
            JobStatuses.Failed => Failed,
            _ => Queued,
        };

        public static bool IsTerminal(string status) => status == Completed || status == Failed;

        public static JsonObject Write(OpenAIVideo video, JobState state, DateTimeOffset now)
        {
            var job = video.Job;
            var status = Status(state);
            var finished = IsTerminal(status) ? job.FinishedAt.ToUnixTimeSeconds() : (long?)null;
            JsonNode? error = status == Failed
                ? new JsonObject
                {
                    ["code"] = "video_generation_failed",
                    ["message"] = "The sandbox's simulated provider failed to generate this video (Sandbox:FailureRate). Its usage cost was refunded.",
                }
                : null;

            return new JsonObject
            {
                ["id"] = video.Id,
                ["object"] = "video",
                ["model"] = video.Model,
                ["status"] = status,
                ["progress"] = Progress(job, status, now),
                ["created_at"] = job.CreatedAt.ToUnixTimeSeconds(),
                ["completed_at"] = finished,
                ["expires_at"] = status == Completed ? finished + (long)AssetLifetime.TotalSeconds : null,
                ["prompt"] = video.Prompt,
                ["size"] = video.Size,
                ["seconds"] = video.Seconds,
                ["remixed_from_video_id"] = video.RemixedFrom,
                ["error"] = error,
            };
        }

        // Emulator choice: linear over the processing time, 0 while queued, 100 when completed, 0 when failed (nothing usable was made).
        private static int Progress(SandboxJob job, string status, DateTimeOffset now)
        {
            if (status == Completed) return 100;
            if (status != InProgress) return 0;
            var total = (job.FinishedAt - job.ProcessingAt).Ticks;
            if (total <= 0) return 99;
            var share = (double)(now - job.ProcessingAt).Ticks / total;
            return (int)Math.Clamp(Math.Floor(share * 100), 0, 99);
        }
    }
}
