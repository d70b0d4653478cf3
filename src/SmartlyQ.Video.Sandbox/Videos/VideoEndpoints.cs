using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Videos
{
    /// <summary><c>GET /videos/models</c> (videos:read) and <c>POST /videos/generate</c> (videos:write).</summary>
    internal static class VideoEndpoints
    {
        public static void Map(IEndpointRouteBuilder v1)
        {
            v1.MapGet("/videos/models", (ModelCatalog catalog) =>
            {
                var data = new JsonArray();
                foreach (var model in catalog.All) data.Add(ModelJson.Write(model));
                return Envelope.Ok(data);
            })
                .RequireScope(KnownScopes.VideosRead);

            v1.MapPost("/videos/generate", Generate).RequireScope(KnownScopes.VideosWrite);
        }

        private static async Task<IResult> Generate(HttpContext context, ModelCatalog catalog, JobStore jobs, ErrorCodeBook codes)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Envelope.Error(ApiErrorKind.BadRequest, "The request body is not valid JSON: " + ex.Message);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return Envelope.Error(ApiErrorKind.BadRequest, "The request body must be a JSON object.");

                var errors = new JsonObject();
                var spec = GenerateRequestValidator.Validate(document.RootElement, catalog, errors);
                if (spec == null)
                    return Envelope.Error(ApiErrorKind.Validation, "The request failed validation; see details.", errors);

                var caller = ApiCaller.Get(context);
                // Test keys are never charged (API doc §2 emulator choice).
                var cost = caller.IsTest ? 0m : spec.Price;
                jobs.SettleDue(); // so refunds that are due count towards the balance
                if (!caller.Wallet.TryDebit(cost, out var balance))
                {
                    return Envelope.Error(ApiErrorKind.InsufficientBalance, "Not enough credits. Top up your wallet.",
                        new JsonObject { ["cost"] = ApiFormat.Money(cost), ["balance"] = ApiFormat.Money(balance) },
                        // The docs' billing guide puts balance_sqc inside error; the OpenAPI schema has no such member.
                        codes.DocsStyle ? new JsonObject { ["balance_sqc"] = balance } : null);
                }

                var job = jobs.Create(caller, spec.Model.Model, spec.Type, spec.Duration, cost, IdempotencyKeys.Read(context.Request));
                AcceptedJobMark.Set(context, job.Id);
                var data = new JsonObject { ["job_uid"] = job.Id, ["status"] = "queued" };
                var usage = new JsonObject
                {
                    ["units"] = 1,
                    ["cost"] = ApiFormat.Money(cost),
                    ["balance_remaining"] = ApiFormat.Money(balance),
                };
                return Envelope.Ok(data, StatusCodes.Status202Accepted, usage);
            }
        }
    }
}
