using System.Collections.Generic;
using SmartlyQ.Video.Sandbox.Chaos;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Chaos route names (keys of <see cref="ChaosOptions.Routes"/>) of the A4F emulator. The generation answers with
    /// the video itself, so the body faults of downloads (<see cref="ChaosOptions.TruncatedDownloadRate"/>: a cut in the
    /// middle of the base64; <see cref="ChaosOptions.WrongContentLengthRate"/>) apply to it as well as accept-then-drop.
    /// </summary>
    public static class A4FRouteNames
    {
        /// <summary><c>POST /a4f/v1/video/generations</c> (the synchronous generation).</summary>
        public const string Generate = "POST /a4f/v1/video/generations";

        /// <summary><c>GET /a4f/v1/models</c>.</summary>
        public const string Models = "GET /a4f/v1/models";

        internal static IReadOnlyList<ChaosRoute> Routes { get; } = new[]
        {
            new ChaosRoute(Generate, ChaosRouteNames.GenerateGroup, BodyFaults: true),
            new ChaosRoute(Models, ChaosRouteNames.ModelsGroup),
        };
    }
}
