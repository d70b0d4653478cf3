using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>
    /// <c>GET /files/{job_uid}.mp4</c>: a completed job's video, without auth like a CDN URL,
    /// with Content-Length and Range support. Unknown or unfinished jobs are 404.
    /// </summary>
    internal static class FileEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapMethods("/files/{name}", new[] { HttpMethods.Get, HttpMethods.Head }, (string name, JobStore jobs, SandboxOptions options) =>
            {
                var id = name.EndsWith(VideoUrls.Extension, StringComparison.Ordinal) ? name[..^VideoUrls.Extension.Length] : null;
                if (id == null || !jobs.TryGet(id, out var job) || jobs.Settle(job).Status != JobStatuses.Completed)
                    return Envelope.Error(ApiErrorKind.NotFound, $"Video '{name}' was not found or is not ready.");

                var stream = new JobVideoStream(job.Id, ClipAsset.Clip.Span, options.VideoSizeBytes);
                var etag = new EntityTagHeaderValue($"\"{job.Id}-{stream.Length}\"");
                return Results.Stream(stream, "video/mp4", lastModified: job.FinishedAt, entityTag: etag, enableRangeProcessing: true);
            });
        }
    }
}
