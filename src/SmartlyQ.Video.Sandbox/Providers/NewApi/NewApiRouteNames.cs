using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Chaos;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Chaos route names (keys of <see cref="ChaosOptions.Routes"/>) of the new-api gateway emulator, each in a shared
    /// group. A dialect served under <c>/newapi</c> (task endpoint, Kling, Jimeng) adds its routes to <see cref="Routes"/>.
    /// A name is <c>METHOD</c> + the route pattern as mapped (e.g. <c>GET /newapi/v1/video/generations/{task_id}</c>).
    /// </summary>
    public static class NewApiRouteNames
    {
        /// <summary><c>POST /newapi/v1/video/generations</c> (submit a task).</summary>
        public const string Submit = "POST /newapi/v1/video/generations";

        /// <summary><c>GET /newapi/v1/video/generations/{task_id}</c> (fetch a task).</summary>
        public const string Fetch = "GET /newapi/v1/video/generations/{task_id}";

        /// <summary><c>POST /newapi/v1/videos</c> (OpenAI-compatible create, Sora channel).</summary>
        public const string CreateVideo = "POST /newapi/v1/videos";

        /// <summary><c>GET /newapi/v1/videos/{task_id}</c> (OpenAI-compatible retrieve).</summary>
        public const string RetrieveVideo = "GET /newapi/v1/videos/{task_id}";

        /// <summary><c>GET /newapi/v1/models</c>.</summary>
        public const string Models = "GET /newapi/v1/models";

        /// <summary><c>GET /newapi/v1/videos/{task_id}/content</c> (the content proxy; body faults apply to it).</summary>
        public const string Content = "GET /newapi/v1/videos/{task_id}/content";

        /// <summary>Every route of the gateway with its group.</summary>
        internal static IEnumerable<ChaosRoute> Routes => new[]
        {
            new ChaosRoute(Submit, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(Fetch, ChaosRouteNames.JobsGroup),
            new ChaosRoute(CreateVideo, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(RetrieveVideo, ChaosRouteNames.JobsGroup),
            new ChaosRoute(Models, ChaosRouteNames.ModelsGroup),
            new ChaosRoute(Content, ChaosRouteNames.FilesGroup),
        };

        /// <summary>True when <paramref name="request"/> is the route named <paramref name="name"/>.</summary>
        internal static bool Matches(string name, HttpRequest request)
        {
            int space = name.IndexOf(' ');
            if (space < 0 || !HttpMethods.Equals(name.Substring(0, space), request.Method)) return false;
            string[] pattern = name.Substring(space + 1).Trim('/').Split('/');
            string[] path = (request.PathBase + request.Path).Value!.Trim('/').Split('/');
            if (pattern.Length != path.Length) return false;
            for (int i = 0; i < pattern.Length; i++)
                if (!pattern[i].StartsWith("{", System.StringComparison.Ordinal) && !string.Equals(pattern[i], path[i], System.StringComparison.Ordinal)) return false;
            return true;
        }
    }
}
