namespace SmartlyQ.Video.Sandbox.Videos
{
    /// <summary>What an accepted generate request resolves to: enough to price and run the job.</summary>
    internal sealed record VideoSpec(SandboxModel Model, string Type, int Duration)
    {
        /// <summary>Emulator pricing: <c>price_per_second × duration</c>, 4 decimals.</summary>
        public decimal Price => decimal.Round(Model.PricePerSecond * Duration, 4, System.MidpointRounding.AwayFromZero);
    }
}
