using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// <c>/sandbox/chaos</c>: read (GET), replace (PUT, a <see cref="ChaosOptions"/> JSON body) or switch off (DELETE)
    /// the fault injection of a running sandbox, e.g. from Pester tests that start it as a process;
    /// <c>DELETE /sandbox/chaos/injected</c> zeroes the counters. Sandbox-only, no auth, never faulted.
    /// </summary>
    internal static class ChaosEndpoints
    {
        private static readonly JsonSerializerOptions ReadOptions = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };

        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/sandbox/chaos", (SandboxChaos chaos) => Describe(chaos));

            app.MapPut("/sandbox/chaos", async (HttpContext context, SandboxChaos chaos) =>
            {
                ChaosOptions? options;
                try
                {
                    options = await JsonSerializer.DeserializeAsync<ChaosOptions>(context.Request.Body, ReadOptions, context.RequestAborted);
                    if (options == null) return Envelope.Error(ApiErrorKind.BadRequest, "The body must be a JSON object of chaos options.");
                    chaos.Set(options);
                }
                catch (JsonException ex)
                {
                    return Envelope.Error(ApiErrorKind.BadRequest, "The body is not valid chaos options JSON: " + ex.Message);
                }
                catch (ArgumentException ex)
                {
                    return Envelope.Error(ApiErrorKind.Validation, ex.Message);
                }
                return Describe(chaos);
            });

            app.MapDelete("/sandbox/chaos", (SandboxChaos chaos) =>
            {
                chaos.Disable();
                return Describe(chaos);
            });

            app.MapDelete("/sandbox/chaos/injected", (SandboxChaos chaos) =>
            {
                chaos.ResetCounters();
                return Describe(chaos);
            });
        }

        private static IResult Describe(SandboxChaos chaos)
        {
            var injected = new JsonObject();
            foreach (var pair in chaos.Injected) injected[pair.Key] = pair.Value;
            var body = new JsonObject
            {
                ["enabled"] = chaos.Enabled,
                ["injected"] = injected,
                // Same property names as the configuration keys and the PUT body, so a GET can be edited and sent back.
                ["options"] = JsonSerializer.SerializeToNode(chaos.Options),
            };
            return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options), "application/json; charset=utf-8");
        }
    }
}
