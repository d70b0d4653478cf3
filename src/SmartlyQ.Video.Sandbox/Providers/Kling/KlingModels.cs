using System.Collections.Generic;
using SmartlyQ.Video.Sandbox.Providers.NewApi;

namespace SmartlyQ.Video.Sandbox.Providers.Kling
{
    /// <summary>
    /// The models the emulated gateway's Kling channel serves on <c>/newapi/kling/…</c> (emulator choice): the three of
    /// new-api's default Kling list (<c>GetModelList</c>, with their <see cref="NewApiModels"/> prices) plus the three
    /// newer models of Kling's docs, as an operator adds them to the channel (new-api forwards any model name it is
    /// configured with). Prices are the sandbox's own, in USD per second.
    /// </summary>
    internal static class KlingModels
    {
        private static readonly Dictionary<string, decimal> Added = new Dictionary<string, decimal>
        {
            ["kling-v2-1-master"] = 0.14m,
            ["kling-v2-5-turbo"] = 0.07m,
            ["kling-v2-6"] = 0.14m,
        };

        /// <summary>The USD price per second of the Kling model <paramref name="id"/> (exact, as the distributor matches it); false when the channel has no such model.</summary>
        public static bool TryGetPrice(string id, out decimal pricePerSecond)
        {
            if (NewApiModels.TryGetVideo(id, out var model) && model.OwnedBy == "kling")
            {
                pricePerSecond = model.PricePerSecond!.Value;
                return true;
            }
            return Added.TryGetValue(id, out pricePerSecond);
        }
    }
}
