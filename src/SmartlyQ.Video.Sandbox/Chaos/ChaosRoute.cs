namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>A faultable route: its exact name and its group (keys of <see cref="ChaosOptions.Routes"/>).</summary>
    internal sealed record ChaosRoute(string Name, string Group)
    {
        /// <summary>A route that creates a job (accept-then-drop applies): every route of the generate group.</summary>
        public bool IsGenerate => Group == ChaosRouteNames.GenerateGroup;

        /// <summary>A GET of a file route (body faults apply); HEAD never gets them.</summary>
        public bool IsFileDownload => Group == ChaosRouteNames.FilesGroup && Name.StartsWith("GET ", System.StringComparison.Ordinal);
    }
}
