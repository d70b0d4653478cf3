using System.Collections.Generic;
using System.Text.Json.Nodes;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Videos
{
    /// <summary>A catalog entry as <c>GET /videos/models</c> lists it; field names verbatim from the OpenAPI text (API doc §7.2).</summary>
    internal static class ModelJson
    {
        public static JsonObject Write(SandboxModel model) => new JsonObject
        {
            ["model"] = model.Model,
            ["name"] = model.Name,
            ["types"] = Array(model.Types),
            ["duration"] = Array(model.Duration),
            ["resolution"] = Array(model.Resolution),
            ["mode"] = Array(model.Mode),
            ["aspect_ratio"] = Array(model.AspectRatio),
            ["style"] = Array(model.Style),
            ["movement"] = Array(model.Movement),
            ["prompt_max_length"] = model.PromptMaxLength,
            ["supports_negative_prompt"] = model.SupportsNegativePrompt,
            ["supports_seed"] = model.SupportsSeed,
            ["supports_generate_audio"] = model.SupportsGenerateAudio,
            ["supports_camera_fixed"] = model.SupportsCameraFixed,
            // Emulator addition (undocumented): money is a 4-decimal string like every other amount.
            ["price_per_second"] = ApiFormat.Money(model.PricePerSecond),
        };

        private static JsonArray Array<T>(IEnumerable<T> values)
        {
            var array = new JsonArray();
            foreach (var value in values) array.Add(JsonValue.Create(value));
            return array;
        }
    }
}
