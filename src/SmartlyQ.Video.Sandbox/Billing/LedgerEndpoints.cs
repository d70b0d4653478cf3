using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Billing
{
    /// <summary>
    /// <c>GET /sandbox/ledger[?job_uid=&amp;idempotency_key=&amp;provider=]</c>: read-only, unauthenticated view of every
    /// provider's charges and refunds for tests and demos (not part of any real API).
    /// </summary>
    internal static class LedgerEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/sandbox/ledger", (string? job_uid, string? idempotency_key, string? provider, SandboxLedger ledger) =>
            {
                var entries = ledger.Find(job_uid, idempotency_key, provider);
                var charged = entries.Where(e => e.Kind == SandboxLedgerEntry.ChargeKind).Sum(e => e.Amount);
                var refunded = entries.Where(e => e.Kind == SandboxLedgerEntry.RefundKind).Sum(e => e.Amount);
                var list = new JsonArray();
                foreach (var e in entries)
                {
                    list.Add(new JsonObject
                    {
                        ["kind"] = e.Kind,
                        ["provider"] = e.Provider,
                        ["job_uid"] = e.JobUid,
                        ["idempotency_key"] = e.IdempotencyKey,
                        ["key_mode"] = e.KeyMode,
                        ["amount"] = ApiFormat.Money(e.Amount),
                        ["currency"] = e.Currency,
                        ["at"] = ApiFormat.PreciseTimestamp(e.At),
                    });
                }
                var body = new JsonObject
                {
                    ["entries"] = list,
                    ["charged"] = ApiFormat.Money(charged),
                    ["refunded"] = ApiFormat.Money(refunded),
                    ["net"] = ApiFormat.Money(charged - refunded),
                };
                return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options), "application/json; charset=utf-8");
            });
        }
    }
}
