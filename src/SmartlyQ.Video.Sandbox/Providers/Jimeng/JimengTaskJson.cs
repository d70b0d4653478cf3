using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;
using SmartlyQ.Video.Sandbox.Providers.NewApi;

namespace SmartlyQ.Video.Sandbox.Providers.Jimeng
{
    /// <summary>
    /// A Jimeng task's GetResult answer through new-api (research-2026-12/new-api-gateway.md §6, §10): the gateway's
    /// TaskDto envelope (<see cref="NewApiTaskJson.Fetched"/>), platform <c>51</c> (new-api's Jimeng channel type),
    /// with <c>data.data</c> = the last upstream answer in Volcengine's envelope
    /// <c>{"code":10000,"message":"Success","request_id","status":10000,"time_elapsed","data":{"status","video_url",…}}</c>.
    /// Emulator choice: a running task is <c>IN_PROGRESS</c> with upstream status <c>generating</c> (new-api at
    /// 4ca47ee2 would mark it FAILURE, a bug the research infers from its code); a failed one carries upstream code 50500.
    /// </summary>
    internal static class JimengTaskJson
    {
        /// <summary>new-api's channel type of Jimeng, as the TaskDto's <c>platform</c> shows it.</summary>
        public const string Platform = "51";

        /// <summary>Volcengine's success code.</summary>
        public const int SuccessCode = 10000;

        public static JsonObject Result(SandboxJob job, JobState state, HttpRequest request)
        {
            JsonObject envelope = NewApiTaskJson.Fetched(job, state, request);
            var data = envelope["data"]!.AsObject();
            data["platform"] = Platform;
            data["data"] = Upstream(job, state, request);
            return envelope;
        }

        /// <summary>Volcengine's words for a job state: <c>in_queue</c>, <c>generating</c>, <c>done</c>.</summary>
        public static string UpstreamStatus(JobState state) => state.Status switch
        {
            JobStatuses.Pending or JobStatuses.Queued => "in_queue",
            JobStatuses.Processing => "generating",
            _ => "done",
        };

        private static JsonObject Upstream(SandboxJob job, JobState state, HttpRequest request)
        {
            bool failed = state.Status == JobStatuses.Failed;
            return new JsonObject
            {
                ["code"] = failed ? 50500 : SuccessCode,
                ["message"] = failed ? "Internal Error" : "Success",
                ["request_id"] = RequestId(),
                ["status"] = failed ? 50500 : SuccessCode,
                ["time_elapsed"] = "104.85ms",
                ["data"] = failed ? null : new JsonObject
                {
                    ["status"] = UpstreamStatus(state),
                    ["video_url"] = state.Status == JobStatuses.Completed ? VideoUrls.For(request, job.Id) : "",
                    ["resp_data"] = "",
                    ["binary_data_base64"] = new JsonArray(),
                    ["image_urls"] = null,
                },
            };
        }

        /// <summary>A Volcengine-style request id (digits and hex, emulator choice).</summary>
        public static string RequestId() => "2026" + System.Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
    }
}
