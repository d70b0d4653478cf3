using System;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;

namespace SmartlyQ.Video.Sandbox.Providers.NewApi
{
    /// <summary>
    /// A sandbox job as new-api's task (research-2026-12/new-api-gateway.md §5–6): the submit answer
    /// (<c>{id, task_id, object:"video", model, status:"queued", progress:0, created_at}</c>) and the fetch answer, the
    /// TaskDto envelope <c>{"code":"success","message":"","data":{…}}</c> with upper-case statuses, progress strings,
    /// Unix-seconds times and the quirk that a failed task's <c>result_url</c> holds its <c>fail_reason</c>.
    /// </summary>
    internal static class NewApiTaskJson
    {
        public const string NotStart = "NOT_START";
        public const string Queued = "QUEUED";
        public const string InProgress = "IN_PROGRESS";
        public const string Success = "SUCCESS";
        public const string Failure = "FAILURE";

        private const string FailReason = "The sandbox's simulated upstream channel failed to generate this video (Sandbox:FailureRate).";

        /// <summary>The task status word of a job state (a cancelled job cannot happen here: new-api cancels nothing).</summary>
        public static string Status(JobState state) => state.Status switch
        {
            JobStatuses.Pending => NotStart,
            JobStatuses.Queued => Queued,
            JobStatuses.Processing => InProgress,
            JobStatuses.Completed => Success,
            _ => Failure,
        };

        /// <summary>The poller's progress strings (<c>service/task_polling.go</c>): 0% before it first asked, then 20%, 30%, 100%.</summary>
        private static string Progress(string status) => status switch
        {
            NotStart => "0%",
            Queued => "20%",
            InProgress => "30%",
            _ => "100%",
        };

        /// <summary>The submit answer, HTTP 200 (the channel adaptor's <c>DoResponse</c>).</summary>
        public static JsonObject Submitted(SandboxJob job) => new JsonObject
        {
            ["id"] = job.Id,
            ["task_id"] = job.Id,
            ["object"] = "video",
            ["model"] = job.Model,
            ["status"] = "queued",
            ["progress"] = 0,
            ["created_at"] = job.CreatedAt.ToUnixTimeSeconds(),
        };

        /// <summary>
        /// <c>GET /v1/video/generations/{task_id}</c>: the TaskDto envelope. A finished task's <c>result_url</c> is the
        /// upstream's URL (the sandbox's unauthenticated <c>/files/{id}.mp4</c>) or, for a proxied model, the gateway's
        /// <c>/v1/videos/{task_id}/content</c>.
        /// </summary>
        public static JsonObject Fetched(SandboxJob job, JobState state, HttpRequest request)
        {
            string status = Status(state);
            bool started = state.Status == JobStatuses.Processing || JobStatuses.IsTerminal(state.Status);
            bool done = JobStatuses.IsTerminal(state.Status);
            string failReason = status == Failure ? FailReason : "";
            string resultUrl = status == Success ? ResultUrl(job, request) : failReason;
            NewApiModels.TryGetVideo(job.Model, out var model);
            return new JsonObject
            {
                ["code"] = "success",
                ["message"] = "",
                ["data"] = new JsonObject
                {
                    ["id"] = job.Sequence,
                    ["created_at"] = job.CreatedAt.ToUnixTimeSeconds(),
                    ["updated_at"] = state.UpdatedAt.ToUnixTimeSeconds(),
                    ["task_id"] = job.Id,
                    ["platform"] = model?.Platform ?? "50",
                    ["user_id"] = 1,
                    ["group"] = "default",
                    ["channel_id"] = 1,
                    ["quota"] = (long)Math.Round(job.Cost * 500000m), // new-api's quota units: 500,000 per USD
                    ["action"] = job.VideoType == "image_to_video" ? "generate" : "textGenerate",
                    ["status"] = status,
                    ["fail_reason"] = failReason,
                    ["result_url"] = resultUrl,
                    ["submit_time"] = job.CreatedAt.ToUnixTimeSeconds(),
                    ["start_time"] = started ? job.ProcessingAt.ToUnixTimeSeconds() : 0,
                    ["finish_time"] = done ? state.UpdatedAt.ToUnixTimeSeconds() : 0,
                    ["progress"] = Progress(status),
                    ["properties"] = new JsonObject { ["input"] = "", ["upstream_model_name"] = job.Model, ["origin_model_name"] = job.Model },
                    ["data"] = new JsonObject(),
                },
            };
        }

        private static string ResultUrl(SandboxJob job, HttpRequest request) =>
            NewApiModels.TryGetVideo(job.Model, out var model) && model.Proxied
                ? $"{request.Scheme}://{request.Host}{request.PathBase}{NewApiProtocol.BasePath}/v1/videos/{job.Id}/content"
                : VideoUrls.For(request, job.Id);
    }
}
