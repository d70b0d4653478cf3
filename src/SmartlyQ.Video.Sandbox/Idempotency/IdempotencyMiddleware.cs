using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;

namespace SmartlyQ.Video.Sandbox.Idempotency
{
    /// <summary>
    /// For POSTs with an idempotency key: same key + same method, path and body bytes → replay the stored
    /// status and body (fresh <c>meta</c>); same key + different request → 409; still running → 409.
    /// </summary>
    internal sealed class IdempotencyMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly IdempotencyStore _store;

        public IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
        {
            _next = next;
            _store = store;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            var key = IdempotencyKeys.Read(context.Request);
            if (key == null || !HttpMethods.IsPost(context.Request.Method))
            {
                await _next(context);
                return;
            }

            var apiKey = ApiCaller.Get(context).Key;
            var fingerprint = await FingerprintAsync(context.Request);
            switch (_store.Begin(apiKey, key, fingerprint, out var stored))
            {
                case IdempotencyStore.Outcome.Replay:
                    await ReplayAsync(context, stored!);
                    return;
                case IdempotencyStore.Outcome.Conflict:
                    await Envelope.WriteErrorAsync(context, ApiErrorKind.IdempotencyConflict,
                        "A request with this idempotency key was already processed with a different request body.");
                    return;
                case IdempotencyStore.Outcome.InFlight:
                    await Envelope.WriteErrorAsync(context, ApiErrorKind.IdempotencyConflict,
                        "A request with this idempotency key is still being processed.");
                    return;
            }

            var original = context.Response.Body;
            using var capture = new MemoryStream();
            context.Response.Body = capture;
            try
            {
                await _next(context);
            }
            catch
            {
                _store.Abandon(apiKey, key);
                throw;
            }
            finally
            {
                context.Response.Body = original;
            }

            var body = capture.ToArray();
            if (context.Response.StatusCode < 500)
                _store.Complete(apiKey, key, new StoredResponse(context.Response.StatusCode, context.Response.ContentType, body));
            else
                _store.Abandon(apiKey, key);
            await original.WriteAsync(body, context.RequestAborted);
        }

        private static async Task<string> FingerprintAsync(HttpRequest request)
        {
            request.EnableBuffering();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(Encoding.UTF8.GetBytes(request.Method + " " + request.Path + "\n"));
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
                hash.AppendData(buffer, 0, read);
            request.Body.Position = 0;
            return Convert.ToHexString(hash.GetHashAndReset());
        }

        private static Task ReplayAsync(HttpContext context, StoredResponse stored)
        {
            JsonObject? envelope = null;
            try { envelope = JsonNode.Parse(stored.Body) as JsonObject; }
            catch (JsonException) { }

            // data/usage are the stored ones unchanged; only meta is new, so meta.request_id matches X-Request-Id.
            if (envelope != null) return Envelope.WriteAsync(context, stored.Status, envelope);

            context.Response.StatusCode = stored.Status;
            context.Response.ContentType = stored.ContentType;
            context.Response.ContentLength = stored.Body.Length;
            return context.Response.Body.WriteAsync(stored.Body, context.RequestAborted).AsTask();
        }
    }
}
