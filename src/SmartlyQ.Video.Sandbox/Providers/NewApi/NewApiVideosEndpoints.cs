using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Providers.OpenAI;

namespace SmartlyQ.Video.Sandbox.Providers.NewApi
{
    /// <summary>
    /// The gateway's OpenAI-compatible <c>POST /newapi/v1/videos</c> and <c>GET /newapi/v1/videos/{task_id}</c> for its
    /// Sora channel (research-2026-12/new-api-gateway.md §7): the gateway's own checks first (task envelope: 400
    /// <c>missing_model</c>, <c>invalid_request</c> "prompt is required", <c>invalid_size</c>), then the upstream's (the
    /// sandbox's OpenAI emulator rules), whose refusal passes through as <c>fail_to_fetch_task</c> with the upstream's
    /// status and raw body. The answer is the upstream's video object with <c>id</c> (and, on create, <c>task_id</c>)
    /// replaced by the gateway's <c>task_…</c> id; the video comes from the content proxy. No list, delete or remix here
    /// (new-api routes no list or delete: they are 404 Invalid URL).
    /// </summary>
    internal static class NewApiVideosEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            var api = app.MapGroup(NewApiProtocol.BasePath + "/v1");
            // Patterns are part of the chaos route names (NewApiRouteNames).
            api.MapPost("/videos", Create);
            api.MapGet("/videos/{task_id}", (string task_id, HttpContext context, OpenAIVideoStore store, JobStore jobs) =>
                store.TryGet(ApiCaller.Get(context), task_id, out var video)
                    ? NewApiErrors.Result(200, OpenAIVideoJson.Write(video, jobs.Settle(video.Job), jobs.Now))
                    : NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("task_not_exist", "task_not_exist")));
        }

        private static async Task<IResult> Create(HttpContext context, OpenAIVideoStore store, JobStore jobs)
        {
            var (body, unreadable) = await OpenAIRequestBody.ReadAsync(context.Request);
            if (body == null) return await Upstream(context, unreadable!);
            string? model = Text(body, "model");
            if (string.IsNullOrEmpty(model))
                return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("missing_model", "model field is required"));
            if (string.IsNullOrEmpty(Text(body, "prompt")))
                return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("invalid_request", "prompt is required"));
            if (!NewApiModels.TryGetVideo(model, out var channel) || !channel.Proxied)
                return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Middleware(context,
                    $"No available channel for model {model} under group default", "model_not_found"));
            string? size = Text(body, "size");
            if (size != null && !GatewaySizes(model).Contains(size))
                return NewApiErrors.Result(StatusCodes.Status400BadRequest, NewApiErrors.Task("invalid_size", "sora-2 size is invalid"));

            var refused = OpenAIRequestValidator.ValidateCreate(body, out var spec);
            if (refused != null) return await Upstream(context, refused);

            var caller = ApiCaller.Get(context);
            int seconds = int.Parse(spec.Seconds, System.Globalization.CultureInfo.InvariantCulture);
            decimal cost = channel.PricePerSecond!.Value * seconds;
            jobs.SettleDue();
            if (!caller.Wallet.TryDebit(cost, out _))
                return NewApiErrors.Result(StatusCodes.Status403Forbidden, NewApiErrors.Task("insufficient_user_quota", "user quota is not enough"));
            var job = jobs.Create(caller, spec.Model, spec.HasReference ? "image_to_video" : "text_to_video", seconds, cost,
                idempotencyKey: null, NewApiTaskEndpoints.NewTaskId, provider: SandboxProviderNames.NewApi);
            var video = new OpenAIVideo(job, spec.Model, spec.Prompt, spec.Size, spec.Seconds, null);
            store.Add(video);
            AcceptedJobMark.Set(context, job.Id);
            JsonObject answer = OpenAIVideoJson.Write(video, jobs.Settle(job), jobs.Now);
            answer["task_id"] = job.Id;
            return NewApiErrors.Result(StatusCodes.Status200OK, answer);
        }

        /// <summary>The gateway's size check (<c>ValidateMultipartDirect</c>): portrait/landscape 720p, and for pro also 1792×1024.</summary>
        private static string[] GatewaySizes(string model) => model == "sora-2-pro"
            ? new[] { "720x1280", "1280x720", "1792x1024", "1024x1792" }
            : new[] { "720x1280", "1280x720" };

        /// <summary>An upstream refusal as the gateway relays it: <c>fail_to_fetch_task</c>, the upstream's status, its body as the message.</summary>
        private static async Task<IResult> Upstream(HttpContext context, IResult refusal)
        {
            var probe = new DefaultHttpContext { RequestServices = context.RequestServices };
            using var buffer = new MemoryStream();
            probe.Response.Body = buffer;
            await refusal.ExecuteAsync(probe);
            string raw = Encoding.UTF8.GetString(buffer.ToArray());
            return NewApiErrors.Result(probe.Response.StatusCode, NewApiErrors.Task("fail_to_fetch_task", raw));
        }

        private static string? Text(OpenAIRequestBody body, string name) =>
            body.TryGet(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
