using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Sandbox.Providers.NewApi
{
    /// <summary>
    /// The emulated gateway's models (emulator choice): the three Kling models new-api's Kling channel lists
    /// (<c>GetModelList</c>, research-2026-12/new-api-gateway.md §9), Sora 2 and Sora 2 Pro through an OpenAI channel (also served on <c>/v1/videos</c>), and one chat model
    /// so a client must filter the list by <c>supported_endpoint_types</c>. Platforms are new-api channel types
    /// (Kling 50, Jimeng 51, Sora 55); prices are the sandbox's own.
    /// </summary>
    internal static class NewApiModels
    {
        private static readonly string[] Video = { "openai-video" };

        public static readonly IReadOnlyList<NewApiModel> All = new[]
        {
            new NewApiModel("kling-v1", "kling", Video, "50", 0.05m, Proxied: false),
            new NewApiModel("kling-v1-6", "kling", Video, "50", 0.06m, Proxied: false),
            new NewApiModel("kling-v2-master", "kling", Video, "50", 0.12m, Proxied: false),
            new NewApiModel("sora-2", "openai", Video, "55", 0.10m, Proxied: true),
            new NewApiModel("sora-2-pro", "openai", Video, "55", 0.30m, Proxied: true),
            new NewApiModel("gpt-4o-mini", "openai", new[] { "openai" }, "1", null, Proxied: false),
        };

        /// <summary>The video model <paramref name="id"/> (exact, as new-api's distributor matches it).</summary>
        public static bool TryGetVideo(string id, out NewApiModel model)
        {
            model = All.FirstOrDefault(m => m.Id == id && m.IsVideo)!;
            return model != null;
        }
    }
}
