using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>
    /// The Videos API under <c>/openai/v1</c>: create (JSON or multipart), list (cursor pages), retrieve, delete,
    /// content (<c>variant=video|thumbnail|spritesheet</c>) and remix. Every video is a shared sandbox job, so timing,
    /// failures, the generated MP4, chaos and the ledger are the ones SmartlyQ uses. A key sees only its own videos.
    /// </summary>
    internal static class OpenAIVideoEndpoints
    {
        public const int DefaultListLimit = 20;
        public const int MaxListLimit = 100;

        public static void Map(IEndpointRouteBuilder app)
        {
            var v1 = app.MapGroup(OpenAIProtocol.BasePath);
            // Patterns are part of the chaos route names (OpenAIRouteNames).
            v1.MapPost("/videos", Create);
            v1.MapGet("/videos", List);
            v1.MapGet("/videos/{video_id}", (string video_id, HttpContext context, OpenAIVideoStore store, JobStore jobs, SandboxOptions options) =>
                store.TryGet(ApiCaller.Get(context), video_id, out var video)
                    ? OpenAIJson.Video(OpenAIVideoJson.Write(video, jobs.Settle(video.Job), jobs.Now), options.OpenAI.PollAfterMs)
                    : OpenAIErrors.VideoNotFound(video_id));
            v1.MapDelete("/videos/{video_id}", Delete);
            v1.MapGet("/videos/{video_id}/content", Content);
            v1.MapPost("/videos/{video_id}/remix", Remix);
        }

        private static async Task<IResult> Create(HttpContext context, OpenAIVideoStore store, JobStore jobs, SandboxOptions options)
        {
            var (body, error) = await OpenAIRequestBody.ReadAsync(context.Request);
            if (body == null) return error!;
            error = OpenAIRequestValidator.ValidateCreate(body, out var spec);
            if (error != null) return error;

            var video = Start(context, store, jobs, options, spec.Model, spec.Prompt, spec.Size, spec.Seconds,
                spec.HasReference ? "image_to_video" : "text_to_video", remixedFrom: null);
            return OpenAIJson.Video(OpenAIVideoJson.Write(video, jobs.Settle(video.Job), jobs.Now), options.OpenAI.PollAfterMs);
        }

        private static async Task<IResult> Remix(string video_id, HttpContext context, OpenAIVideoStore store, JobStore jobs, SandboxOptions options)
        {
            if (!store.TryGet(ApiCaller.Get(context), video_id, out var source)) return OpenAIErrors.VideoNotFound(video_id);
            var (body, error) = await OpenAIRequestBody.ReadAsync(context.Request);
            if (body == null) return error!;
            error = OpenAIRequestValidator.ValidateRemix(body, out var prompt);
            if (error != null) return error;

            var status = OpenAIVideoJson.Status(jobs.Settle(source.Job));
            if (status != OpenAIVideoJson.Completed)
                return OpenAIErrors.BadRequest($"Video '{video_id}' cannot be remixed: only completed videos can be remixed, and its status is '{status}'.",
                    "video_id", "video_not_ready");

            // A remix keeps the source's model, size and length; only the prompt changes.
            var video = Start(context, store, jobs, options, source.Model, prompt, source.Size, source.Seconds, "remix", source.Id);
            return OpenAIJson.Video(OpenAIVideoJson.Write(video, jobs.Settle(video.Job), jobs.Now), options.OpenAI.PollAfterMs);
        }

        private static OpenAIVideo Start(HttpContext context, OpenAIVideoStore store, JobStore jobs, SandboxOptions options,
            string model, string prompt, string size, string seconds, string videoType, string? remixedFrom)
        {
            var caller = ApiCaller.Get(context);
            var duration = int.Parse(seconds, CultureInfo.InvariantCulture);
            // OpenAI bills usage and has no wallet to run dry: the cost is only recorded (refunded if the video fails).
            var cost = decimal.Round(options.OpenAI.PricePerSecond * duration, 4, MidpointRounding.AwayFromZero);
            var job = jobs.Create(caller, model, videoType, duration, cost, idempotencyKey: null, NewId);
            var video = new OpenAIVideo(job, model, prompt, size, seconds, remixedFrom);
            store.Add(video);
            AcceptedJobMark.Set(context, job.Id);
            return video;
        }

        private static IResult List(HttpContext context, OpenAIVideoStore store, JobStore jobs)
        {
            var query = context.Request.Query;
            var limit = DefaultListLimit;
            if (query.TryGetValue("limit", out var rawLimit) && rawLimit.Count > 0)
            {
                if (!int.TryParse(rawLimit.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
                    return OpenAIErrors.BadRequest($"Invalid type for 'limit': expected an integer, but got a string instead.", "limit", "invalid_type");
                if (limit < 0)
                    return OpenAIErrors.BadRequest($"Invalid 'limit': integer below minimum value. Expected a value >= 0, but got {limit} instead.", "limit", "integer_below_min_value");
                if (limit > MaxListLimit)
                    return OpenAIErrors.BadRequest($"Invalid 'limit': integer above maximum value. Expected a value <= {MaxListLimit}, but got {limit} instead.", "limit", "integer_above_max_value");
            }

            var order = query.TryGetValue("order", out var rawOrder) && rawOrder.Count > 0 ? rawOrder.ToString() : "desc";
            if (order != "asc" && order != "desc")
                return OpenAIErrors.BadRequest($"Invalid value: '{order}'. Supported values are: 'asc' and 'desc'.", "order", "invalid_value");

            var caller = ApiCaller.Get(context);
            var ordered = store.OldestFirst(caller);
            if (order == "desc") ordered = ordered.Reverse().ToList();

            var start = 0;
            if (query.TryGetValue("after", out var rawAfter) && rawAfter.Count > 0 && rawAfter.ToString().Length > 0)
            {
                // A cursor may name a video deleted since: its place in the order is still known.
                var after = rawAfter.ToString();
                if (!store.TryGetIncludingDeleted(caller, after, out _))
                    return OpenAIErrors.BadRequest($"Invalid 'after': no video with id '{after}' exists for this key.", "after", "invalid_value");
                start = ordered.ToList().FindIndex(v => v.Id == after) + 1;
            }

            var remaining = ordered.Skip(start).Where(v => !v.Deleted).ToList();
            var page = remaining.Take(limit).ToList();
            var data = new JsonArray();
            foreach (var video in page) data.Add(OpenAIVideoJson.Write(video, jobs.Settle(video.Job), jobs.Now));
            return OpenAIJson.Ok(new JsonObject
            {
                ["object"] = "list",
                ["data"] = data,
                ["first_id"] = page.Count > 0 ? page[0].Id : null,
                ["last_id"] = page.Count > 0 ? page[^1].Id : null,
                ["has_more"] = remaining.Count > page.Count,
            });
        }

        private static IResult Delete(string video_id, HttpContext context, OpenAIVideoStore store, JobStore jobs)
        {
            if (!store.TryGet(ApiCaller.Get(context), video_id, out var video)) return OpenAIErrors.VideoNotFound(video_id);
            var status = OpenAIVideoJson.Status(jobs.Settle(video.Job));
            // "Permanently delete a completed or failed video": a video still being made is refused (emulator choice: 400).
            if (!OpenAIVideoJson.IsTerminal(status))
                return OpenAIErrors.BadRequest($"Video '{video_id}' is still {status}; only completed or failed videos can be deleted.",
                    "video_id", "video_not_ready");
            video.MarkDeleted();
            return OpenAIJson.Ok(new JsonObject { ["id"] = video.Id, ["object"] = "video.deleted", ["deleted"] = true });
        }

        private static IResult Content(string video_id, string? variant, HttpContext context, OpenAIVideoStore store, JobStore jobs, VideoFiles files)
        {
            if (!store.TryGet(ApiCaller.Get(context), video_id, out var video)) return OpenAIErrors.VideoNotFound(video_id);
            variant ??= "video";
            if (variant != "video" && variant != "thumbnail" && variant != "spritesheet")
                return OpenAIErrors.BadRequest($"Invalid value: '{variant}'. Supported values are: 'video', 'thumbnail', and 'spritesheet'.", "variant", "invalid_value");

            var job = video.Job;
            var status = OpenAIVideoJson.Status(jobs.Settle(job));
            if (status == OpenAIVideoJson.Failed)
                return OpenAIErrors.BadRequest($"Video '{video_id}' failed to generate; it has no content.", "video_id", "video_generation_failed");
            if (status != OpenAIVideoJson.Completed)
                return OpenAIErrors.BadRequest($"Video '{video_id}' is not ready yet (status '{status}'). Poll GET /v1/videos/{video_id} until it is 'completed'.",
                    "video_id", "video_not_ready");

            var lastModified = job.FinishedAt;
            if (variant == "thumbnail")
                return Results.Bytes(PreviewImages.Thumbnail, PreviewImages.ThumbnailType, lastModified: lastModified, enableRangeProcessing: true);
            if (variant == "spritesheet")
                return Results.Bytes(PreviewImages.Spritesheet, PreviewImages.SpritesheetType, lastModified: lastModified, enableRangeProcessing: true);
            var stream = files.Open(job.Id);
            var etag = new EntityTagHeaderValue($"\"{job.Id}-{stream.Length}\"");
            return Results.Stream(stream, "video/mp4", lastModified: lastModified, entityTag: etag, enableRangeProcessing: true);
        }

        /// <summary><c>video_</c> + 48 lowercase hex, the shape of the guide's example id.</summary>
        private static string NewId() => "video_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    }
}
