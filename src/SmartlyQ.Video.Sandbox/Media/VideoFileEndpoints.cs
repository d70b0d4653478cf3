using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>
    /// <c>GET /sandbox/files/{job_uid}/sha256</c>: <c>{"job_uid","sha256","length"}</c> of the job's complete file,
    /// same as <see cref="SandboxServer.GetVideoSha256"/>. Sandbox-only, no auth, never faulted.
    /// </summary>
    internal static class VideoFileEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/sandbox/files/{job_uid}/sha256", (string job_uid, VideoFiles files) =>
            {
                if (!files.Exists(job_uid)) return Envelope.Error(ApiErrorKind.NotFound, $"Job '{job_uid}' was not found.");
                var body = new JsonObject
                {
                    ["job_uid"] = job_uid,
                    ["sha256"] = files.Sha256(job_uid),
                    ["length"] = files.Length(job_uid),
                };
                return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options), "application/json; charset=utf-8");
            });
        }
    }
}
