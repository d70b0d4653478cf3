using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>
    /// Where a finished job's file is served: <c>{root}/files/{job_uid}.mp4</c>, built from the
    /// request's own scheme and host so the URL works however the client reached the sandbox.
    /// </summary>
    internal static class VideoUrls
    {
        public const string Extension = ".mp4";

        public static string For(HttpRequest request, string jobId) =>
            $"{request.Scheme}://{request.Host}{request.PathBase}/files/{jobId}{Extension}";
    }
}
