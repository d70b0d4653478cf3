using System.Collections.Generic;
using SmartlyQ.Video.Sandbox.Chaos;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Chaos route names (keys of <see cref="ChaosOptions.Routes"/>) of the new-api gateway's Kling dialect
    /// (<c>/newapi/kling/v1/videos/…</c>): submits in the generate group, fetches in the jobs group. A name is
    /// <c>METHOD</c> + the route pattern as mapped, as in <see cref="NewApiRouteNames"/>.
    /// </summary>
    public static class KlingRouteNames
    {
        /// <summary><c>POST /newapi/kling/v1/videos/text2video</c>.</summary>
        public const string SubmitText = "POST /newapi/kling/v1/videos/text2video";

        /// <summary><c>POST /newapi/kling/v1/videos/image2video</c>.</summary>
        public const string SubmitImage = "POST /newapi/kling/v1/videos/image2video";

        /// <summary><c>GET /newapi/kling/v1/videos/text2video/{task_id}</c>.</summary>
        public const string FetchText = "GET /newapi/kling/v1/videos/text2video/{task_id}";

        /// <summary><c>GET /newapi/kling/v1/videos/image2video/{task_id}</c>.</summary>
        public const string FetchImage = "GET /newapi/kling/v1/videos/image2video/{task_id}";

        /// <summary>Every Kling route with its group.</summary>
        internal static IEnumerable<ChaosRoute> Routes => new[]
        {
            new ChaosRoute(SubmitText, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(SubmitImage, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(FetchText, ChaosRouteNames.JobsGroup),
            new ChaosRoute(FetchImage, ChaosRouteNames.JobsGroup),
        };
    }
}
