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
    /// with Content-Length, ETag, Last-Modified and Range support (paced to <see cref="SandboxOptions.DownloadBytesPerSecond"/>
    /// when set; counted in <see cref="SandboxDownloadStats"/>). Unknown or unfinished jobs are 404.
    /// </summary>
    internal static class FileEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            // The parameter name is part of the chaos route name "GET /files/{file}" (ChaosRouteNames.GetFile).
            app.MapMethods("/files/{file}", new[] { HttpMethods.Get, HttpMethods.Head }, (string file, JobStore jobs, VideoFiles files, SandboxOptions options, SandboxDownloadStats stats) =>
            {
                var id = file.EndsWith(VideoUrls.Extension, StringComparison.Ordinal) ? file[..^VideoUrls.Extension.Length] : null;
                if (id == null || !jobs.TryGet(id, out var job) || jobs.Settle(job).Status != JobStatuses.Completed)
                    return Envelope.Error(ApiErrorKind.NotFound, $"Video '{file}' was not found or is not ready.");

                var stream = new ServedVideoStream(files.Open(job.Id), stats, options.DownloadBytesPerSecond);
                var etag = new EntityTagHeaderValue($"\"{job.Id}-{stream.Length}\"");
                return Results.Stream(stream, "video/mp4", lastModified: job.FinishedAt, entityTag: etag, enableRangeProcessing: true);
            });
        }
    }
}
