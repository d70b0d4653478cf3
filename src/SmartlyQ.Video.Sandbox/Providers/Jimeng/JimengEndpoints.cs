using System;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Providers.NewApi;

namespace SmartlyQ.Video.Sandbox.Providers.Jimeng
{
    /// <summary>
    /// The gateway's Jimeng route <c>POST /newapi/jimeng/?Action=…&amp;Version=…</c> (kling-jimeng.md §2,
    /// research-2026-12/new-api-gateway.md §10), with the gateway's key and quota:
    /// <list type="bullet">
    /// <item>no or another Action: 400 <c>new_api_error</c> "Action query parameter is required"; a body that is not a
    /// JSON object: 400 "Invalid request body" (the converter's answers; <c>Version</c> is never checked);</item>
    /// <item><c>CVSync2AsyncSubmitTask</c>: <c>req_key</c> (default <c>jimeng_vgfm_t2v_l20</c>; unknown → 400
    /// <c>model_not_found</c>), <c>prompt</c> (required, 400 <c>invalid_request</c>), images in <c>image_urls</c> or
    /// <c>binary_data_base64</c>, <c>frames</c> 121/241 on 3.0 keys; what Jimeng itself refuses is new-api's 500 with
    /// Volcengine's code as text (emulator choice: <c>50400</c>); debited from the token's USD quota; 200 with the
    /// OpenAI-video object and a <c>task_</c> id;</item>
    /// <item><c>CVSync2AsyncGetResult</c>: <c>task_id</c> required (400 "task_id is required for CVSync2AsyncGetResult"),
    /// answered as the task relay's fetch: the TaskDto envelope (<see cref="JimengTaskJson"/>), 400 <c>task_not_exist</c>
    /// for an unknown task or another user's.</item>
    /// </list>
    /// Jobs are shared sandbox jobs charged under provider <c>Jimeng</c>; the finished video is the upstream's
    /// unauthenticated URL (<c>/files/{task_id}.mp4</c>).
    /// </summary>
    internal static class JimengEndpoints
    {
        /// <summary>Volcengine's code for a parameter it refuses (emulator choice; the sources give no table).</summary>
        public const string InvalidParameterCode = "50400";

        private const int FiveSecondFrames = 121, TenSecondFrames = 241;

        public static void Map(IEndpointRouteBuilder app)
        {
            // Patterns are part of the chaos route names (JimengRouteNames).
            app.MapPost(JimengActionRouting.RoutePath + "/", (HttpContext context) => ConverterError(context, "Action query parameter is required"));
            app.MapPost(JimengActionRouting.RoutePath + "/" + JimengActionRouting.SubmitAction, Submit);
            app.MapPost(JimengActionRouting.RoutePath + "/" + JimengActionRouting.GetResultAction, GetResult);
        }

        private static async Task<IResult> Submit(HttpContext context, JobStore jobs)
        {
            if (!JimengActionRouting.WasRouted(context)) return NotRouted(context);
            using JsonDocument? document = await ReadAsync(context);
            if (document == null) return ConverterError(context, "Invalid request body");
            var root = document.RootElement;

            string reqKey = Text(root, "req_key") ?? JimengModels.Default;
            string? prompt = Text(root, "prompt");
            if (string.IsNullOrEmpty(prompt))
                return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("invalid_request", "prompt is required"));
            if (!JimengModels.TryGet(reqKey, out var model))
                return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Middleware(context,
                    $"No available channel for model {reqKey} under group default", "model_not_found"));

            int images = Count(root, "image_urls") + Count(root, "binary_data_base64");
            if (!AllBase64(root, "binary_data_base64")) return Refused("binary_data_base64 holds a value that is not base64");
            if (images > 0 && !model.ImageToVideo) return Refused($"{reqKey} takes no image");
            if (images == 0 && !model.TextToVideo) return Refused($"{reqKey} needs an image in image_urls or binary_data_base64");
            if (images > 2) return Refused("at most two images (first and last frame) are taken");
            int seconds = 5;
            if (model.TakesFrames && root.TryGetProperty("frames", out var frames) && frames.ValueKind != JsonValueKind.Null)
            {
                if (frames.ValueKind != JsonValueKind.Number || !frames.TryGetInt32(out int count) || (count != FiveSecondFrames && count != TenSecondFrames))
                    return Refused($"frames must be {FiveSecondFrames} or {TenSecondFrames}");
                seconds = count == TenSecondFrames ? 10 : 5;
            }

            var caller = ApiCaller.Get(context);
            decimal cost = model.PricePerSecond * seconds;
            jobs.SettleDue(); // refunds that are due count towards the quota
            if (!caller.Wallet.TryDebit(cost, out _))
                return NewApiErrors.Result(StatusCodes.Status403Forbidden, NewApiErrors.Task("insufficient_user_quota",
                    $"user quota is not enough: this task needs {cost.ToString(CultureInfo.InvariantCulture)} USD"));

            var job = jobs.Create(caller, model.ReqKey, images > 0 ? "image_to_video" : "text_to_video", seconds, cost,
                idempotencyKey: null, NewApiTaskEndpoints.NewTaskId, provider: SandboxProviderNames.Jimeng);
            AcceptedJobMark.Set(context, job.Id);
            return NewApiErrors.Result(StatusCodes.Status200OK, NewApiTaskJson.Submitted(job));
        }

        private static async Task<IResult> GetResult(HttpContext context, JobStore jobs)
        {
            if (!JimengActionRouting.WasRouted(context)) return NotRouted(context);
            using JsonDocument? document = await ReadAsync(context);
            if (document == null) return ConverterError(context, "Invalid request body");
            string? taskId = Text(document.RootElement, "task_id");
            if (string.IsNullOrEmpty(taskId)) return ConverterError(context, "task_id is required for CVSync2AsyncGetResult");
            return NewApiTaskEndpoints.Find(context, jobs, taskId, out var job)
                ?? NewApiErrors.Result(StatusCodes.Status200OK, JimengTaskJson.Result(job, jobs.Settle(job), context.Request));
        }

        /// <summary>The body as a JSON object; null when it is not one.</summary>
        private static async Task<JsonDocument?> ReadAsync(HttpContext context)
        {
            try
            {
                var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
                document.Dispose();
            }
            catch (JsonException)
            {
            }
            return null;
        }

        /// <summary>The converter's 400 in the middleware envelope (emulator choice for its exact shape).</summary>
        private static IResult ConverterError(HttpContext context, string message) =>
            NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Middleware(context, message));

        /// <summary>Jimeng's refusal as new-api relays it on submit: 500 with the upstream code as text (<c>jimeng/adaptor.go DoResponse</c>).</summary>
        private static IResult Refused(string message) =>
            NewApiErrors.Result(StatusCodes.Status500InternalServerError, NewApiErrors.Task(InvalidParameterCode, "Invalid Parameter: " + message));

        // /newapi/jimeng/{Action} posted directly is no route of new-api's.
        private static IResult NotRouted(HttpContext context) =>
            NewApiErrors.Result(StatusCodes.Status404NotFound, NewApiErrors.InvalidUrl(context.Request));

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static int Count(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;

        private static bool AllBase64(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array) return true;
            foreach (var item in value.EnumerateArray())
            {
                string? text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (string.IsNullOrEmpty(text) || text.StartsWith("data:", StringComparison.Ordinal)) return false;
                var buffer = new byte[text.Length];
                if (!Convert.TryFromBase64String(text, buffer, out _)) return false;
            }
            return true;
        }
    }
}
