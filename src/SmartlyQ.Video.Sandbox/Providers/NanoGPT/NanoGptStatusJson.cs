using System;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Providers.NanoGPT
{
    /// <summary>
    /// The status answers (nanogpt.md §3 emulator choice): the enveloped upper-case shape the official samples parse
    /// (<c>data.status</c> IN_QUEUE/IN_PROGRESS/COMPLETED/FAILED, <c>data.output.video.url</c>) plus the flat fields of
    /// its OpenAPI schema at top level (lower-case <c>status</c>, <c>videoUrl</c>, <c>progress</c>, ISO times), so both
    /// readers work. The video URL is relative and needs the key, like NanoGPT's content proxy URLs.
    /// </summary>
    internal static class NanoGptStatusJson
    {
        public const string InQueue = "IN_QUEUE";
        public const string InProgress = "IN_PROGRESS";
        public const string Completed = "COMPLETED";
        public const string Failed = "FAILED";

        private const string FailureMessage = "The sandbox's simulated provider failed to generate this video (Sandbox:FailureRate).";
        private const string FriendlyFailure = "Video generation failed. Your balance was refunded; please try again.";

        public static string Upper(JobState state) => state.Status switch
        {
            JobStatuses.Processing => InProgress,
            JobStatuses.Completed => Completed,
            JobStatuses.Failed => Failed,
            _ => InQueue,
        };

        /// <summary>The flat schema's names: queued, processing, completed, failed.</summary>
        public static string Flat(JobState state) => state.Status switch
        {
            JobStatuses.Processing => "processing",
            JobStatuses.Completed => "completed",
            JobStatuses.Failed => "failed",
            _ => "queued",
        };

        /// <summary><c>/nanogpt/api/generate-video/content?model=…&amp;runId=…&amp;variant=video</c>: root-relative, resolved against the base URI's origin.</summary>
        public static string ContentUrl(HttpRequest request, SandboxJob job, string variant = "video") =>
            $"{request.PathBase}{NanoGptProtocol.BasePath}/generate-video/content?model={Uri.EscapeDataString(job.Model)}&runId={Uri.EscapeDataString(job.Id)}&variant={variant}";

        public static JsonObject Unified(SandboxJob job, JobState state, DateTimeOffset now, HttpRequest request)
        {
            var upper = Upper(state);
            var (progress, remaining) = Progress(job, upper, now);
            var url = upper == Completed ? ContentUrl(request, job) : null;
            var data = new JsonObject
            {
                ["status"] = upper,
                ["requestId"] = job.Id,
                ["progress"] = progress,
                ["estimatedTimeRemaining"] = remaining,
            };
            if (upper == Completed)
            {
                data["output"] = new JsonObject { ["video"] = new JsonObject { ["url"] = url } };
                data["cost"] = job.Cost;
            }
            if (upper == Failed)
            {
                data["error"] = FailureMessage;
                data["isNSFWError"] = false;
                data["userFriendlyError"] = FriendlyFailure;
            }

            return new JsonObject
            {
                ["requestId"] = job.Id,
                ["model"] = job.Model,
                ["status"] = Flat(state),
                ["progress"] = progress,
                ["estimatedTimeRemaining"] = remaining,
                ["videoUrl"] = url,
                ["error"] = upper == Failed ? FailureMessage : null,
                ["createdAt"] = ApiFormat.Timestamp(job.CreatedAt),
                ["completedAt"] = upper == Completed || upper == Failed ? ApiFormat.Timestamp(job.FinishedAt) : null,
                ["data"] = data,
            };
        }

        /// <summary>The deprecated <c>/generate-video/status</c> shape: <c>{"data":{status, request_id, output, cost, error, …}}</c>.</summary>
        public static JsonObject Legacy(SandboxJob job, JobState state, HttpRequest request)
        {
            var upper = Upper(state);
            return new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["status"] = upper,
                    ["request_id"] = job.Id,
                    ["output"] = upper == Completed ? new JsonObject { ["video"] = new JsonObject { ["url"] = ContentUrl(request, job) } } : null,
                    ["cost"] = job.Cost,
                    ["error"] = upper == Failed ? FailureMessage : null,
                    ["isNSFWError"] = false,
                    ["userFriendlyError"] = upper == Failed ? FriendlyFailure : null,
                },
            };
        }

        // Linear over the processing time: 0 while queued, none for a failed job (the schema allows number or null).
        private static (int? Progress, int? Remaining) Progress(SandboxJob job, string status, DateTimeOffset now)
        {
            if (status == Completed) return (100, 0);
            if (status == Failed) return (null, null);
            var remaining = (int)Math.Ceiling(Math.Max(0, (job.FinishedAt - now).TotalSeconds));
            if (status == InQueue) return (0, remaining);
            var total = (job.FinishedAt - job.ProcessingAt).Ticks;
            var share = total <= 0 ? 0.99 : (double)(now - job.ProcessingAt).Ticks / total;
            return ((int)Math.Clamp(Math.Floor(share * 100), 0, 99), remaining);
        }
    }
}
