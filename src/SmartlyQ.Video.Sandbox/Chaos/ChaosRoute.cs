namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>A faultable route: its exact name and its group (keys of <see cref="ChaosOptions.Routes"/>).</summary>
    internal sealed record ChaosRoute(string Name, string Group)
    {
        public bool IsGenerate => Name == ChaosRouteNames.Generate;

        public bool IsFileDownload => Name == ChaosRouteNames.GetFile;
    }
}
