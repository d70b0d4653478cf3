using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;

namespace SmartlyQ.Video.Sandbox.Providers.NewApi
{
    /// <summary>
    /// The gateway's content proxy <c>GET /newapi/v1/videos/{task_id}/content</c> (research-2026-12/new-api-gateway.md §8):
    /// the finished task's video with Range and <c>Cache-Control: public, max-age=86400</c>; <c>variant</c> is ignored (not
    /// forwarded). An unknown task (or another user's) is 404 "Task not found", an unfinished one 400 "Task is not
    /// completed yet, current status: IN_PROGRESS", in the proxy's <c>{"error":{"message","type"}}</c> envelope.
    /// </summary>
    internal static class NewApiContentEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet(NewApiProtocol.BasePath + "/v1/videos/{task_id}/content", (string task_id, HttpContext context, JobStore jobs, VideoFiles files) =>
            {
                if (!jobs.TryGet(task_id, out var job) || job.Owner != ApiCaller.Get(context))
                    return NewApiErrors.Result(StatusCodes.Status404NotFound, NewApiErrors.Proxy("Task not found"));
                string status = NewApiTaskJson.Status(jobs.Settle(job));
                if (status != NewApiTaskJson.Success)
                    return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Proxy("Task is not completed yet, current status: " + status));
                context.Response.Headers.CacheControl = "public, max-age=86400";
                var stream = files.Open(job.Id);
                var etag = new EntityTagHeaderValue($"\"{job.Id}-{stream.Length}\"");
                return Results.Stream(stream, "video/mp4", lastModified: job.FinishedAt, entityTag: etag, enableRangeProcessing: true);
            });
        }
    }
}
