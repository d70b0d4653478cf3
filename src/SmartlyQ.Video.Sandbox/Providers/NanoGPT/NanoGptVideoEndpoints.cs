using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;

namespace SmartlyQ.Video.Sandbox.Providers.NanoGPT
{
    /// <summary>
    /// The video endpoints under <c>/nanogpt/api</c>: submit (202 with <c>runId</c>, debited from the key's USD balance),
    /// the unified and the deprecated status endpoints, recent runs (<c>recover</c>), and the content proxy the relative result URLs point at (key
    /// required, <c>variant=video|thumbnail|spritesheet</c>, Range). Every run is a shared sandbox job.
    /// </summary>
    internal static class NanoGptVideoEndpoints
    {
        private const string RunIdAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

        public static void Map(IEndpointRouteBuilder app)
        {
            var api = app.MapGroup(NanoGptProtocol.BasePath);
            // Patterns are part of the chaos route names (NanoGptRouteNames).
            api.MapPost("/generate-video", Generate);
            api.MapGet("/video/status", (string? requestId, string? runId, HttpContext context, JobStore jobs) =>
                Find(context, jobs, requestId ?? runId, out var job) ?? Json(200, NanoGptStatusJson.Unified(job, jobs.Settle(job), jobs.Now, context.Request)));
            // Deprecated; `model` (formerly `modelSlug`) is accepted and not needed.
            api.MapGet("/generate-video/status", (string? runId, HttpContext context, JobStore jobs) =>
                Find(context, jobs, runId, out var job) ?? Json(200, NanoGptStatusJson.Legacy(job, jobs.Settle(job), context.Request)));
            api.MapGet("/generate-video/recover", Recover);
            api.MapGet("/generate-video/content", Content);
        }

        private static async Task<IResult> Generate(HttpContext context, JobStore jobs)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            }
            catch (JsonException)
            {
                return NanoGptErrors.Result(StatusCodes.Status400BadRequest, "Invalid JSON body.");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return NanoGptErrors.Result(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");
                var error = NanoGptGenerateValidator.Validate(document.RootElement, out var spec);
                if (error != null) return error;

                var caller = ApiCaller.Get(context);
                var cost = spec.Model.Cost(spec.Seconds, spec.Resolution);
                jobs.SettleDue(); // refunds that are due count towards the balance
                if (!caller.Wallet.TryDebit(cost, out var balance)) return NanoGptErrors.InsufficientBalance(cost);

                var job = jobs.Create(caller, spec.Model.Id, spec.HasImage ? "image_to_video" : "text_to_video", spec.Seconds, cost,
                    idempotencyKey: null, NewRunId);
                AcceptedJobMark.Set(context, job.Id);
                return Json(StatusCodes.Status202Accepted, new JsonObject
                {
                    ["runId"] = job.Id,
                    ["id"] = job.Id,
                    ["status"] = "pending",
                    ["model"] = job.Model,
                    ["cost"] = cost,
                    ["paymentSource"] = "USD",
                    ["remainingBalance"] = balance,
                    ["prechargeLabel"] = "sandbox",
                });
            }
        }

        /// <summary>The key's recent runs, newest first (<c>limit</c> default 10, at most 50; optional <c>model</c> filter).</summary>
        private static IResult Recover(string? model, string? limit, HttpContext context, JobStore jobs)
        {
            var count = 10;
            if (limit != null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > 50))
                return NanoGptErrors.Result(StatusCodes.Status400BadRequest, "limit must be an integer from 1 to 50.");
            var data = new JsonArray();
            foreach (var job in jobs.ListFor(ApiCaller.Get(context)).Where(j => model == null || j.Model == model).Take(count))
            {
                data.Add(new JsonObject
                {
                    ["runId"] = job.Id,
                    ["id"] = job.Id,
                    ["model"] = job.Model,
                    ["status"] = NanoGptStatusJson.Flat(jobs.Settle(job)),
                    ["createdAt"] = ApiFormat.Timestamp(job.CreatedAt),
                    ["conversationUUID"] = null,
                });
            }
            return Json(200, new JsonObject { ["data"] = data });
        }

        private static IResult Content(string? runId, string? variant, HttpContext context, JobStore jobs, VideoFiles files)
        {
            var problem = Find(context, jobs, runId, out var job);
            if (problem != null) return problem;
            variant ??= "video";
            if (variant != "video" && variant != "thumbnail" && variant != "spritesheet")
                return NanoGptErrors.Result(StatusCodes.Status400BadRequest, $"variant '{variant}' is invalid; use video, thumbnail or spritesheet.");
            var status = NanoGptStatusJson.Upper(jobs.Settle(job));
            if (status != NanoGptStatusJson.Completed)
                return NanoGptErrors.Result(StatusCodes.Status400BadRequest, $"Video '{job.Id}' has no content: its status is {status}.");

            if (variant == "thumbnail")
                return Results.Bytes(PreviewImages.Thumbnail, PreviewImages.ThumbnailType, lastModified: job.FinishedAt, enableRangeProcessing: true);
            if (variant == "spritesheet")
                return Results.Bytes(PreviewImages.Spritesheet, PreviewImages.SpritesheetType, lastModified: job.FinishedAt, enableRangeProcessing: true);
            var stream = files.Open(job.Id);
            var etag = new EntityTagHeaderValue($"\"{job.Id}-{stream.Length}\"");
            return Results.Stream(stream, "video/mp4", lastModified: job.FinishedAt, entityTag: etag, enableRangeProcessing: true);
        }

        /// <summary>
        /// The run named by <paramref name="id"/>: missing → 400, unknown (or not a NanoGPT run) → 404, another
        /// account's → 403 (the unified status page says ownership is enforced); null when the caller may see it.
        /// </summary>
        private static IResult? Find(HttpContext context, JobStore jobs, string? id, out SandboxJob job)
        {
            job = null!;
            if (string.IsNullOrWhiteSpace(id)) return NanoGptErrors.Result(StatusCodes.Status400BadRequest, "requestId (or runId) is required.");
            if (!jobs.TryGet(id, out job) || job.Owner.Provider != SandboxProviderNames.NanoGpt)
                return NanoGptErrors.Result(StatusCodes.Status404NotFound, $"Video job '{id}' was not found.");
            if (job.Owner != ApiCaller.Get(context))
                return NanoGptErrors.Result(StatusCodes.Status403Forbidden, $"Video job '{id}' belongs to another account.");
            return null;
        }

        private static IResult Json(int status, JsonNode body) => new NanoGptErrors.JsonResult(status, body);

        /// <summary><c>vid_</c> + 14 lowercase base-36 characters, the shape of the docs' <c>vid_m1abc123def456</c>.</summary>
        private static string NewRunId() => "vid_" + RandomNumberGenerator.GetString(RunIdAlphabet, 14);
    }
}
