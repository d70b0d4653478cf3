using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Providers.NewApi;

namespace SmartlyQ.Video.Sandbox.Providers.Kling
{
    /// <summary>
    /// Kling through the new-api gateway, <c>/newapi/kling/v1/videos/text2video|image2video</c>
    /// (research-2026-12/new-api-gateway.md §5, §6, §9; kling-official-vs-newapi.md §2), with the gateway's key and quota:
    /// <list type="bullet">
    /// <item>submit: Kling's native body (<c>model_name</c> or <c>model</c>, <c>prompt</c>, <c>duration</c> "5"/"10",
    /// <c>mode</c>, <c>aspect_ratio</c>, <c>cfg_scale</c>, <c>image</c>…); the gateway's checks (prompt, a Kling model it
    /// serves, <see cref="KlingModels"/>, quota), then the emulated upstream's (Kling's 400 with code 1201, relayed as <c>fail_to_fetch_task</c>
    /// with the raw Kling body); 200 with the OpenAI video object and a <c>task_</c> id;</item>
    /// <item>fetch on either route: the TaskDto envelope (upper-case status, <c>result_url</c>) with Kling's own answer
    /// in <c>data.data</c>; an unknown or another user's task is 400 <c>task_not_exist</c>.</item>
    /// </list>
    /// The video URL is the sandbox's unauthenticated <c>/files/{id}.mp4</c>, as Kling's CDN needs no token.
    /// </summary>
    internal static class KlingEndpoints
    {
        private const string TextToVideo = "text_to_video", ImageToVideo = "image_to_video";
        private const int MaxPromptLength = 2500;
        private static readonly string[] Durations = { "5", "10" };
        private static readonly string[] Modes = { "std", "pro" };
        private static readonly string[] AspectRatios = { "16:9", "9:16", "1:1" };

        public static void Map(IEndpointRouteBuilder app)
        {
            var api = app.MapGroup(NewApiProtocol.BasePath + "/kling/v1/videos");
            // Patterns are part of the chaos route names (KlingRouteNames).
            api.MapPost("/text2video", (HttpContext context, JobStore jobs) => Submit(context, jobs, TextToVideo));
            api.MapPost("/image2video", (HttpContext context, JobStore jobs) => Submit(context, jobs, ImageToVideo));
            api.MapGet("/text2video/{task_id}", Fetch);
            api.MapGet("/image2video/{task_id}", Fetch);
        }

        // The gateway fetches by its own id whatever the route (RelayTaskFetch).
        private static IResult Fetch(string task_id, HttpContext context, JobStore jobs) =>
            NewApiTaskEndpoints.Find(context, jobs, task_id, out var job) ?? NewApiErrors.Result(200, KlingTaskJson.Fetched(job, jobs.Settle(job), context.Request));

        private static async Task<IResult> Submit(HttpContext context, JobStore jobs, string videoType)
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
                string modelId = Text(root, "model_name") ?? Text(root, "model") ?? "kling-v1";
                if (!KlingModels.TryGetPrice(modelId, out decimal pricePerSecond))
                    return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Middleware(context,
                        $"No available channel for model {modelId} under group default", "model_not_found"));
                if (UpstreamProblem(root, prompt, videoType) is string problem)
                    return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("fail_to_fetch_task", KlingTaskJson.Error(1201, problem).ToJsonString()));
                int seconds = int.Parse(Text(root, "duration") ?? Number(root, "duration") ?? "5", CultureInfo.InvariantCulture);

                var caller = ApiCaller.Get(context);
                decimal cost = pricePerSecond * seconds;
                jobs.SettleDue(); // refunds that are due count towards the quota
                if (!caller.Wallet.TryDebit(cost, out _))
                    return NewApiErrors.Result(StatusCodes.Status403Forbidden, NewApiErrors.Task("insufficient_user_quota",
                        $"user quota is not enough: this task needs {cost.ToString(CultureInfo.InvariantCulture)} USD"));

                var job = jobs.Create(caller, modelId, videoType, seconds, cost, idempotencyKey: null, NewApiTaskEndpoints.NewTaskId, provider: SandboxProviderNames.Kling);
                AcceptedJobMark.Set(context, job.Id);
                context.Response.Headers["X-New-Api-Other-Ratios"] = "{\"seconds\":" + seconds.ToString(CultureInfo.InvariantCulture) + "}";
                return NewApiErrors.Result(StatusCodes.Status200OK, NewApiTaskJson.Submitted(job));
            }
        }

        /// <summary>What the emulated Kling upstream refuses (its 1201 "parameter value invalid"); null when it accepts the body.</summary>
        private static string? UpstreamProblem(JsonElement root, string prompt, string videoType)
        {
            if (prompt.Length > MaxPromptLength) return $"prompt must be at most {MaxPromptLength} characters";
            string? duration = Text(root, "duration") ?? Number(root, "duration");
            if (Present(root, "duration") && (duration == null || !Durations.Contains(duration))) return "duration must be one of 5, 10";
            string? mode = Text(root, "mode");
            if (Present(root, "mode") && (mode == null || !Modes.Contains(mode))) return "mode must be one of std, pro";
            string? ratio = Text(root, "aspect_ratio");
            if (Present(root, "aspect_ratio") && (ratio == null || !AspectRatios.Contains(ratio))) return "aspect_ratio must be one of 16:9, 9:16, 1:1";
            if (Present(root, "cfg_scale") && (root.GetProperty("cfg_scale").ValueKind != JsonValueKind.Number || root.GetProperty("cfg_scale").GetDouble() is var cfg && (cfg < 0 || cfg > 1)))
                return "cfg_scale must be a number from 0 to 1";
            if (videoType == ImageToVideo && string.IsNullOrEmpty(Text(root, "image"))) return "image is required";
            string? image = Text(root, "image");
            if (image != null && image.StartsWith("data:", System.StringComparison.OrdinalIgnoreCase)) return "image must be a URL or raw base64 without a data: prefix";
            return null;
        }

        private static bool Present(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

        private static string? Number(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n.ToString(CultureInfo.InvariantCulture) : null;
    }
}
