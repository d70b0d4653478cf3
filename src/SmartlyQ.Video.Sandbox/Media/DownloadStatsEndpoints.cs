using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>
    /// <c>GET /sandbox/downloads</c>: <c>{"answers","continued","bytes_sent","bytes_skipped"}</c> of
    /// <see cref="SandboxDownloadStats"/>; <c>DELETE</c> zeroes them. Sandbox-only, no auth, never faulted.
    /// </summary>
    internal static class DownloadStatsEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/sandbox/downloads", (SandboxDownloadStats stats) => Describe(stats));
            app.MapDelete("/sandbox/downloads", (SandboxDownloadStats stats) =>
            {
                stats.Reset();
                return Describe(stats);
            });
        }

        private static IResult Describe(SandboxDownloadStats stats)
        {
            var body = new JsonObject
            {
                ["answers"] = stats.Answers,
                ["continued"] = stats.Continued,
                ["bytes_sent"] = stats.BytesSent,
                ["bytes_skipped"] = stats.BytesSkipped,
            };
            return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options), "application/json; charset=utf-8");
        }
    }
}
