using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Providers.NewApi
{
    /// <summary>
    /// new-api's task endpoint under <c>/newapi/v1</c> (research-2026-12/new-api-gateway.md §5, §6, §11): submit
    /// (<c>POST video/generations</c>, 200 with a <c>task_</c> id, debited from the token's USD quota), fetch
    /// (<c>GET video/generations/{task_id}</c>, the TaskDto envelope; another user's or an unknown task is 400
    /// <c>task_not_exist</c>) and the model list (<c>GET models</c>). Every task is a shared sandbox job.
    /// </summary>
    internal static class NewApiTaskEndpoints
    {
        private const string IdAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

        /// <summary>Seconds the emulated upstream channel takes (emulator choice: the gateway checks none; its channels span 1–20).</summary>
        private const int MinSeconds = 1, MaxSeconds = 20, DefaultSeconds = 5;

        // Fixed "created" of the list's entries (Unix seconds), as new-api's list gives one fixed value.
        private const long CatalogCreated = 1626777600;

        public static void Map(IEndpointRouteBuilder app)
        {
            var api = app.MapGroup(NewApiProtocol.BasePath + "/v1");
            // Patterns are part of the chaos route names (NewApiRouteNames).
            api.MapPost("/video/generations", Submit);
            api.MapGet("/video/generations/{task_id}", (string task_id, HttpContext context, JobStore jobs) =>
                Find(context, jobs, task_id, out var job) ?? NewApiErrors.Result(200, NewApiTaskJson.Fetched(job, jobs.Settle(job), context.Request)));
            api.MapGet("/models", Models);
        }

        private static async Task<IResult> Submit(HttpContext context, JobStore jobs)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            }
            catch (JsonException)
            {
                return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("invalid_json", "invalid character in request body"));
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("invalid_json", "the request body must be a JSON object"));
                string? prompt = Text(root, "prompt");
                if (string.IsNullOrEmpty(prompt))
                    return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("invalid_request", "prompt is required"));
                string? modelId = Text(root, "model");
                // The distributor finds no channel for an unknown model (middleware envelope, emulator's English text).
                if (string.IsNullOrEmpty(modelId) || !NewApiModels.TryGetVideo(modelId, out var model))
                    return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Middleware(context,
                        $"No available channel for model {modelId} under group default", "model_not_found"));
                if (!TryDuration(root, out int seconds))
                    return UpstreamRefusal(context, $"duration must be a whole number of seconds from {MinSeconds} to {MaxSeconds}");
                bool hasImage = !string.IsNullOrEmpty(Text(root, "image"))
                    || (root.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array && images.GetArrayLength() > 0);

                var caller = ApiCaller.Get(context);
                decimal cost = model.PricePerSecond!.Value * seconds;
                jobs.SettleDue(); // refunds that are due count towards the quota
                if (!caller.Wallet.TryDebit(cost, out _))
                    return NewApiErrors.Result(StatusCodes.Status403Forbidden, NewApiErrors.Task("insufficient_user_quota",
                        $"user quota is not enough: this task needs {cost.ToString(CultureInfo.InvariantCulture)} USD"));

                var job = jobs.Create(caller, model.Id, hasImage ? "image_to_video" : "text_to_video", seconds, cost,
                    idempotencyKey: null, NewTaskId, provider: SandboxProviderNames.NewApi);
                AcceptedJobMark.Set(context, job.Id);
                context.Response.Headers["X-New-Api-Other-Ratios"] = "{\"seconds\":" + seconds.ToString(CultureInfo.InvariantCulture) + "}";
                return NewApiErrors.Result(StatusCodes.Status200OK, NewApiTaskJson.Submitted(job));
            }
        }

        private static IResult Models()
        {
            var data = new JsonArray();
            foreach (var model in NewApiModels.All)
            {
                var types = new JsonArray();
                foreach (string type in model.EndpointTypes) types.Add(type);
                data.Add(new JsonObject { ["id"] = model.Id, ["object"] = "model", ["created"] = CatalogCreated, ["owned_by"] = model.OwnedBy, ["supported_endpoint_types"] = types });
            }
            return NewApiErrors.Result(200, new JsonObject { ["success"] = true, ["object"] = "list", ["data"] = data });
        }

        /// <summary>
        /// The task <paramref name="id"/> of the caller; null when found. Tasks are scoped to the token's user, so an
        /// unknown id and another user's are both 400 <c>task_not_exist</c>. A task of any dialect (Kling, Jimeng) is
        /// found here too, as on a real gateway.
        /// </summary>
        internal static IResult? Find(HttpContext context, JobStore jobs, string id, out SandboxJob job)
        {
            if (!jobs.TryGet(id, out job) || job.Owner != ApiCaller.Get(context))
                return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("task_not_exist", "task_not_exist"));
            return null;
        }

        // An upstream's non-200 passes through as fail_to_fetch_task with its status and raw body (relay/relay_task.go).
        private static IResult UpstreamRefusal(HttpContext context, string message)
        {
            string upstream = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error" } }.ToJsonString();
            return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("fail_to_fetch_task", upstream));
        }

        /// <summary><c>duration</c> (a number or a numeric string), else <c>seconds</c> (a string), else the default.</summary>
        private static bool TryDuration(JsonElement root, out int seconds)
        {
            seconds = DefaultSeconds;
            string? text = null;
            if (root.TryGetProperty("duration", out var duration) && duration.ValueKind != JsonValueKind.Null)
            {
                if (duration.ValueKind == JsonValueKind.Number) return duration.TryGetInt32(out seconds) && seconds >= MinSeconds && seconds <= MaxSeconds;
                text = duration.ValueKind == JsonValueKind.String ? duration.GetString() : "?";
            }
            else if (root.TryGetProperty("seconds", out var secondsText) && secondsText.ValueKind != JsonValueKind.Null)
            {
                text = secondsText.ValueKind == JsonValueKind.String ? secondsText.GetString() : "?";
            }
            if (text == null) return true;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds >= MinSeconds && seconds <= MaxSeconds;
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary><c>task_</c> + 32 letters and digits (<c>model/task.go GenerateTaskID</c>).</summary>
        internal static string NewTaskId() => "task_" + RandomNumberGenerator.GetString(IdAlphabet, 32);
    }
}
