using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Providers.NanoGPT
{
    /// <summary>
    /// The model lists (<c>GET /v1/video-models</c>, <c>GET /v1/models</c>; a key is optional) and the balance
    /// (<c>POST /check-balance</c>, balances as strings) of the NanoGPT emulator.
    /// </summary>
    internal static class NanoGptCatalogEndpoints
    {
        // Fixed "created" time of the catalog entries (Unix seconds), so lists are stable between runs.
        private static readonly long CatalogCreated = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        public static void Map(IEndpointRouteBuilder app)
        {
            var api = app.MapGroup(NanoGptProtocol.BasePath);

            api.MapGet("/v1/video-models", (string? detailed, JobStore jobs) =>
            {
                var data = new JsonArray();
                foreach (var model in NanoGptModels.All) data.Add(IsDetailed(detailed) ? Detailed(model) : Brief(model));
                return Json(new JsonObject
                {
                    ["object"] = "list",
                    ["data"] = data,
                    ["meta"] = new JsonObject { ["count"] = NanoGptModels.All.Count, ["generated_at"] = ApiFormat.Timestamp(jobs.Now) },
                });
            }).AllowWithoutKey();

            api.MapGet("/v1/models", (string? detailed) =>
            {
                var data = new JsonArray();
                foreach (var model in NanoGptModels.All)
                {
                    var entry = new JsonObject { ["id"] = model.Id, ["object"] = "model", ["created"] = CatalogCreated, ["owned_by"] = "nanogpt" };
                    if (IsDetailed(detailed))
                    {
                        entry["name"] = model.Name;
                        entry["description"] = model.Description;
                        entry["pricing"] = Pricing(model);
                    }
                    data.Add(entry);
                }
                return Json(new JsonObject { ["object"] = "list", ["data"] = data });
            }).AllowWithoutKey();

            api.MapPost("/check-balance", (HttpContext context, JobStore jobs) =>
            {
                jobs.SettleDue(); // refunds that are due belong in the balance
                return Json(new JsonObject
                {
                    ["usd_balance"] = ApiCaller.Get(context).Wallet.Balance.ToString("0.00000000", CultureInfo.InvariantCulture),
                    ["nano_balance"] = "0.00000000",
                    ["nanoDepositAddress"] = "nano_1sandbox1111111111111111111111111111111111111111111111111",
                });
            });
        }

        // `detailed` defaults to true.
        private static bool IsDetailed(string? detailed) => !string.Equals(detailed, "false", StringComparison.OrdinalIgnoreCase);

        private static JsonObject Brief(NanoGptModel model) => new JsonObject { ["id"] = model.Id, ["object"] = "model", ["name"] = model.Name };

        private static JsonObject Detailed(NanoGptModel model)
        {
            var inputs = new JsonArray { "text" };
            if (model.ImageToVideo) inputs.Add("image");
            var supported = new JsonObject
            {
                ["durations"] = Strings(model.Durations),
                ["resolutions"] = Strings(model.Resolutions),
            };
            if (model.AspectRatios.Count > 0) supported["aspect_ratios"] = Strings(model.AspectRatios);
            if (model.SoraStyle) supported["orientations"] = Strings(NanoGptModel.Orientations);
            return new JsonObject
            {
                ["id"] = model.Id,
                ["object"] = "model",
                ["name"] = model.Name,
                ["description"] = model.Description,
                ["architecture"] = new JsonObject { ["modality"] = "video", ["input_modalities"] = inputs, ["output_modalities"] = new JsonArray { "video" } },
                ["pricing"] = Pricing(model),
                ["capabilities"] = new JsonObject
                {
                    ["video_generation"] = true,
                    ["text_to_video"] = true,
                    ["image_to_video"] = model.ImageToVideo,
                    ["audio_generation"] = model.Audio,
                },
                ["supported_parameters"] = supported,
            };
        }

        private static JsonObject Pricing(NanoGptModel model)
        {
            var pricing = new JsonObject { ["currency"] = "USD" };
            if (model.PricePerVideo != null)
            {
                var perVideo = new JsonObject();
                foreach (var pair in model.PricePerVideo) perVideo[pair.Key] = pair.Value;
                pricing["per_video"] = perVideo;
            }
            else pricing["per_second"] = model.PricePerSecond;
            return pricing;
        }

        private static JsonArray Strings(System.Collections.Generic.IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode?)v).ToArray());

        private static IResult Json(JsonNode body) => new NanoGptErrors.JsonResult(StatusCodes.Status200OK, body);
    }
}
