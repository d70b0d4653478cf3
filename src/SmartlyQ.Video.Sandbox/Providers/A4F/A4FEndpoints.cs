using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;

namespace SmartlyQ.Video.Sandbox.Providers.A4F
{
    /// <summary>
    /// A4F's synchronous generation and model list under <c>/a4f/v1</c>. <c>POST video/generations</c> checks the body
    /// as the page documents it (required model, prompt, quality, integer duration 1–8 within the model's cap, the
    /// model's qualities, ratio from the list), waits for the generation (<see cref="A4FSandboxOptions.Delay"/>), then
    /// answers <c>{"created","data":[{"b64_json","url":null,"revised_prompt":null}]}</c> with the video encoded as it is
    /// written: 48 KB of video at a time, so a 200 MB video never sits in the server's memory. Each generation is a
    /// shared sandbox job (ledger charge of 0: A4F bills by plan), filed under the client's <c>X-Client-Request-Id</c>
    /// when that is a fresh <c>a4f_</c> + 32 hex id (so a test finds its video), else a new one. A job the failure draw
    /// picks answers 500 <c>provider_error</c> after the delay.
    /// </summary>
    internal static class A4FEndpoints
    {
        // 3 × 16 KB: every block but the last encodes to base64 without padding.
        private const int VideoBlock = 3 * 16 * 1024;

        /// <summary>The documented table (id, owner, longest seconds, qualities) plus two non-video models the list also has.</summary>
        internal static readonly (string Id, string Owner, int MaxSeconds, string[] Qualities)[] Models =
        {
            ("provider-2/seedance-lite", "Tencent", 5, new[] { "1080p" }),
            ("provider-2/kling-v2.1", "Kuaishou", 5, new[] { "720p", "1080p" }),
            ("provider-2/sora-2", "OpenAI", 4, new[] { "720p", "1080p" }),
            ("provider-2/veo-fast", "Google", 8, new[] { "720p", "1080p" }),
            ("provider-2/seedance-pro", "Tencent", 5, new[] { "1080p" }),
            ("provider-2/sora-2-pro", "OpenAI", 5, new[] { "720p", "1080p" }),
            ("provider-2/veo", "Google", 8, new[] { "720p", "1080p" }),
        };

        private static readonly string[] OtherModels = { "provider-3/gpt-4o-mini", "provider-4/imagen-4" };
        private static readonly string[] Qualities = { "480p", "720p", "1080p" };
        private static readonly string[] Ratios = { "1:1", "16:9", "9:16", "3:4", "4:3" };

        public static void Map(IEndpointRouteBuilder app)
        {
            var api = app.MapGroup(A4FProtocol.BasePath);
            // Patterns are part of the chaos route names (A4FRouteNames).
            api.MapPost("/video/generations", Generate);
            api.MapGet("/models", (HttpContext context) => ListModels(context.Request.Query["type"]));
        }

        private static IResult ListModels(string? type)
        {
            var data = new JsonArray();
            foreach (var model in Models)
                data.Add(new JsonObject { ["id"] = model.Id, ["base_model"] = model.Id.Substring(model.Id.IndexOf('/') + 1), ["owned_by"] = model.Owner, ["type"] = "video/generations" });
            foreach (string id in OtherModels)
                data.Add(new JsonObject { ["id"] = id, ["base_model"] = id.Substring(id.IndexOf('/') + 1), ["owned_by"] = "other", ["type"] = id.Contains("imagen") ? "images/generations" : "chat/completion" });
            if (!string.IsNullOrEmpty(type))
                foreach (var entry in data.ToArray())
                    if ((string?)entry!["type"] != type) data.Remove(entry);
            return new NanoGPT.NanoGptErrors.JsonResult(200, new JsonObject { ["object"] = "list", ["data"] = data });
        }

        private static async Task Generate(HttpContext context, JobStore jobs, VideoFiles files, SandboxOptions options, TimeProvider time)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            }
            catch (JsonException)
            {
                await A4FErrors.WriteAsync(context, 400, A4FErrors.InvalidRequest, "The request body is not valid JSON.");
                return;
            }

            SandboxJob job;
            using (document)
            {
                var root = document.RootElement;
                string? problem = Check(root, out var model, out int duration, out string? param, out bool beyondModel);
                if (problem != null)
                {
                    await A4FErrors.WriteAsync(context, 400, beyondModel ? A4FErrors.ExceedsModelLimit : A4FErrors.InvalidRequest, problem, param);
                    return;
                }
                string? clientId = context.Request.Headers["X-Client-Request-Id"];
                string id = clientId != null && IsClientId(clientId) && !jobs.TryGet(clientId, out _) ? clientId : "a4fgen_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
                int calls = 0;
                job = jobs.Create(ApiCaller.Get(context), model.Id, "text_to_video", duration, 0m, idempotencyKey: null,
                    () => Interlocked.Increment(ref calls) == 1 ? id : "a4fgen_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), SandboxProviderNames.A4F);
                AcceptedJobMark.Set(context, job.Id);
            }

            TimeSpan delay = options.A4F.Delay ?? job.FinishedAt - job.CreatedAt;
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up; the generation (and its charge) stands, as on the real service
            }

            if (job.WillFail)
            {
                jobs.Settle(job); // books the refund once its failure time has come
                await A4FErrors.WriteAsync(context, 500, A4FErrors.ProviderError, "The upstream provider failed to generate the video. Please try again.");
                return;
            }
            await WriteVideoAsync(context, files, job, time);
        }

        /// <summary>The answer, encoded while it is written; Content-Length known up front (base64 of a known length).</summary>
        private static async Task WriteVideoAsync(HttpContext context, VideoFiles files, SandboxJob job, TimeProvider time)
        {
            using var video = files.Open(job.Id);
            long base64Length = (video.Length + 2) / 3 * 4;
            byte[] head = Encoding.ASCII.GetBytes("{\"created\":" + time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ",\"data\":[{\"b64_json\":\"");
            byte[] tail = Encoding.ASCII.GetBytes("\",\"url\":null,\"revised_prompt\":null}]}");
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.ContentLength = head.Length + base64Length + tail.Length;

            byte[] block = ArrayPool<byte>.Shared.Rent(VideoBlock);
            byte[] encoded = ArrayPool<byte>.Shared.Rent(VideoBlock / 3 * 4);
            try
            {
                CancellationToken token = context.RequestAborted;
                await response.Body.WriteAsync(head, token);
                while (true)
                {
                    int read = video.ReadAtLeast(block.AsSpan(0, VideoBlock), VideoBlock, throwOnEndOfStream: false);
                    if (read == 0) break;
                    Base64.EncodeToUtf8(block.AsSpan(0, read), encoded, out _, out int written);
                    await response.Body.WriteAsync(encoded.AsMemory(0, written), token);
                    if (read < VideoBlock) break;
                }
                await response.Body.WriteAsync(tail, token);
            }
            catch (OperationCanceledException)
            {
                // The client went away (or chaos cut the answer): nothing more to send.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
                ArrayPool<byte>.Shared.Return(encoded);
            }
        }

        /// <summary>Null when the body is what the page documents; else the message, the field, and whether it only exceeds the model's limits.</summary>
        private static string? Check(JsonElement root, out (string Id, string Owner, int MaxSeconds, string[] Qualities) model, out int duration, out string? param, out bool beyondModel)
        {
            model = default;
            duration = 0;
            beyondModel = false;
            param = null;
            if (root.ValueKind != JsonValueKind.Object) return "The request body must be a JSON object.";
            string? modelId = Text(root, "model");
            param = "model";
            if (string.IsNullOrWhiteSpace(modelId)) return "Missing required parameter: 'model'.";
            model = Models.FirstOrDefault(m => m.Id == modelId);
            if (model.Id == null) return $"The model '{modelId}' does not exist or is not a video model.";
            param = "prompt";
            if (string.IsNullOrWhiteSpace(Text(root, "prompt"))) return "Missing required parameter: 'prompt'.";
            param = "quality";
            string? quality = Text(root, "quality");
            if (quality == null) return "Missing required parameter: 'quality' (480p, 720p or 1080p).";
            if (!Qualities.Contains(quality)) return $"Invalid quality '{quality}': use 480p, 720p or 1080p.";
            param = "duration";
            if (!root.TryGetProperty("duration", out var seconds) || seconds.ValueKind == JsonValueKind.Null) return "Missing required parameter: 'duration' (an integer number of seconds).";
            if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetInt32(out duration)) return "Invalid duration: it must be an integer number of seconds.";
            if (duration < 1 || duration > 8) return "Invalid duration: it must be from 1 to 8 seconds.";
            param = "ratio";
            if (root.TryGetProperty("ratio", out var ratio) && ratio.ValueKind != JsonValueKind.Null
                && (ratio.ValueKind != JsonValueKind.String || !Ratios.Contains(ratio.GetString())))
                return "Invalid ratio: use 1:1, 16:9, 9:16, 3:4 or 4:3.";
            beyondModel = true;
            param = "duration";
            if (duration > model.MaxSeconds) return $"{model.Id} makes videos of at most {model.MaxSeconds} seconds; {duration} was asked.";
            param = "quality";
            if (!model.Qualities.Contains(quality)) return $"{model.Id} does not offer {quality}: it offers {string.Join(", ", model.Qualities)}.";
            beyondModel = false;
            param = null;
            return null;
        }

        private static bool IsClientId(string id) =>
            id.Length == 36 && id.StartsWith("a4f_", StringComparison.Ordinal) && id.Skip(4).All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
