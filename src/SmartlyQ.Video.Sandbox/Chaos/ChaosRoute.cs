namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>A faultable route: its exact name and its group (keys of <see cref="ChaosOptions.Routes"/>).</summary>
    /// <remarks><paramref name="BodyFaults"/>: a route outside the files group whose answer is the video (A4F's generation) also gets the body faults.</remarks>
    internal sealed record ChaosRoute(string Name, string Group, bool BodyFaults = false)
    {
        /// <summary>A route that creates a job (accept-then-drop applies): every route of the generate group.</summary>
        public bool IsGenerate => Group == ChaosRouteNames.GenerateGroup;

        /// <summary>A GET of a file route (body faults apply); HEAD never gets them.</summary>
        public bool IsFileDownload => BodyFaults || Group == ChaosRouteNames.FilesGroup && Name.StartsWith("GET ", System.StringComparison.Ordinal);
    }
}
