using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;
using SmartlyQ.Video.Sandbox.Providers.NewApi;

namespace SmartlyQ.Video.Sandbox.Providers.Kling
{
    /// <summary>
    /// A sandbox job as Kling and the gateway show it (research-2026-12/kling-official-vs-newapi.md §1–2): Kling's own
    /// answer <c>{"code":0,"message":"SUCCEED","request_id","data":{"task_id","task_status","task_status_msg",
    /// "created_at","updated_at" (ms),"task_result":{"videos":[{"id","url","duration"}]}}}</c>, which the gateway keeps
    /// as the TaskDto's <c>data.data</c>, and Kling's error body <c>{"code":&lt;int&gt;,"message","request_id"}</c>.
    /// </summary>
    internal static class KlingTaskJson
    {
        public const string Submitted = "submitted";
        public const string Processing = "processing";
        public const string Succeed = "succeed";
        public const string Failed = "failed";

        /// <summary>Why a failed task failed (Kling's <c>task_status_msg</c>).</summary>
        public const string FailMessage = "The sandbox's simulated Kling upstream failed to generate this video (Sandbox:FailureRate).";

        /// <summary>Kling's <c>task_status</c> of a job state.</summary>
        public static string Status(JobState state) => state.Status switch
        {
            JobStatuses.Pending or JobStatuses.Queued => Submitted,
            JobStatuses.Processing => Processing,
            JobStatuses.Completed => Succeed,
            _ => Failed,
        };

        /// <summary>
        /// The upstream Kling task id the gateway hides (emulator choice: 22 base64url characters derived from the
        /// gateway's id, the length of Kling's ids).
        /// </summary>
        public static string UpstreamId(SandboxJob job) =>
            Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(job.Id))).Replace('+', '-').Replace('/', '_').Substring(0, 22);

        /// <summary>Kling's query answer for the job, as the gateway last polled it.</summary>
        public static JsonObject Upstream(SandboxJob job, JobState state, HttpRequest request)
        {
            string status = Status(state);
            var data = new JsonObject
            {
                ["task_id"] = UpstreamId(job),
                ["task_status"] = status,
                ["task_status_msg"] = status == Failed ? FailMessage : "",
                ["created_at"] = job.CreatedAt.ToUnixTimeMilliseconds(),
                ["updated_at"] = state.UpdatedAt.ToUnixTimeMilliseconds(),
            };
            if (status == Succeed)
                data["task_result"] = new JsonObject
                {
                    ["videos"] = new JsonArray(new JsonObject { ["id"] = UpstreamId(job) + "v", ["url"] = VideoUrls.For(request, job.Id), ["duration"] = job.Duration.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                };
            return new JsonObject { ["code"] = 0, ["message"] = "SUCCEED", ["request_id"] = RequestIdOf(job), ["data"] = data };
        }

        /// <summary>The gateway's fetch answer: new-api's TaskDto envelope with Kling's answer as <c>data.data</c>.</summary>
        public static JsonObject Fetched(SandboxJob job, JobState state, HttpRequest request)
        {
            JsonObject envelope = NewApiTaskJson.Fetched(job, state, request);
            var data = (JsonObject)envelope["data"]!;
            data["platform"] = "50";
            data["data"] = Upstream(job, state, request);
            return envelope;
        }

        /// <summary>Kling's error body, e.g. <c>{"code":1201,"message":"…","request_id":"…"}</c>.</summary>
        public static JsonObject Error(int code, string message) =>
            new JsonObject { ["code"] = code, ["message"] = message, ["request_id"] = Guid.NewGuid().ToString() };

        private static string RequestIdOf(SandboxJob job) => "Cj" + UpstreamId(job).Substring(2);
    }
}
