using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox.Providers.NanoGPT
{
    /// <summary>
    /// One video model of the emulator's catalog. Prices are USD and an emulator choice: either per second of video or,
    /// like the per_video pricing NanoGPT's catalog also shows, per video by resolution.
    /// </summary>
    internal sealed record NanoGptModel(
        string Id,
        string Name,
        string Description,
        bool ImageToVideo,
        bool Audio,
        IReadOnlyList<string> Durations,
        IReadOnlyList<string> AspectRatios,
        IReadOnlyList<string> Resolutions,
        decimal? PricePerSecond,
        IReadOnlyDictionary<string, decimal>? PricePerVideo,
        bool SoraStyle = false)
    {
        /// <summary>Sora models take <c>seconds</c> ("4"/"8"/"12") and <c>orientation</c> instead of duration/aspect ratio.</summary>
        public static readonly IReadOnlyList<string> Orientations = new[] { "landscape", "portrait" };

        /// <summary>Cost of one video of <paramref name="seconds"/> at <paramref name="resolution"/>, 4 decimals.</summary>
        public decimal Cost(int seconds, string? resolution)
        {
            if (PricePerVideo != null)
                return PricePerVideo[resolution ?? Resolutions[0]];
            return decimal.Round(PricePerSecond.GetValueOrDefault() * seconds, 4, System.MidpointRounding.AwayFromZero);
        }
    }
}
