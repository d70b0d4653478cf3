using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Media;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary>The job object of <c>GET /jobs/{id}</c> (API doc §8.2): result/error are null unless terminal.</summary>
    internal static class JobJson
    {
        public static JsonObject Write(SandboxJob job, JobState state, HttpRequest request)
        {
            JsonNode? result = null;
            JsonNode? error = null;
            if (state.Status == JobStatuses.Completed)
            {
                result = new JsonObject
                {
                    ["video_url"] = VideoUrls.For(request, job.Id),
                    ["duration"] = job.Duration,
                    ["model"] = job.Model,
                };
            }
            else if (state.Status == JobStatuses.Failed)
            {
                error = new JsonObject
                {
                    ["code"] = "JOB_FAILED",
                    ["message"] = $"The provider failed to generate the video with model '{job.Model}'. The charge was refunded.",
                };
            }

            return new JsonObject
            {
                ["id"] = job.Id,
                ["type"] = job.Type,
                ["status"] = state.Status,
                ["result"] = result,
                ["error"] = error,
                ["created_at"] = ApiFormat.Timestamp(job.CreatedAt),
                ["updated_at"] = ApiFormat.Timestamp(state.UpdatedAt),
            };
        }
    }
}
