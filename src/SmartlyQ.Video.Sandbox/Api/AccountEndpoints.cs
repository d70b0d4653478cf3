using System;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary><c>GET /me</c> and <c>GET /me/balance</c>: any valid key, no scope (API doc §2 emulator choice).</summary>
    internal static class AccountEndpoints
    {
        public static void Map(IEndpointRouteBuilder v1)
        {
            v1.MapGet("/me", (HttpContext context) =>
            {
                var caller = ApiCaller.Get(context);
                var scopes = new JsonArray();
                foreach (var scope in caller.ListScopes()) scopes.Add(scope);
                return Envelope.Ok(new JsonObject
                {
                    ["id"] = 1,
                    ["name"] = "Sandbox User",
                    ["email"] = "sandbox@example.test",
                    ["workspaces"] = new JsonArray { new JsonObject { ["id"] = 42, ["name"] = "Default" } },
                    ["api_key"] = new JsonObject
                    {
                        ["prefix"] = caller.Prefix,
                        ["mode"] = caller.Mode,
                        ["scopes"] = scopes,
                    },
                });
            });

            v1.MapGet("/me/balance", (HttpContext context, JobStore jobs) =>
            {
                jobs.SettleDue(); // refunds that are due belong in the balance
                var caller = ApiCaller.Get(context);
                var balance = caller.Wallet.Balance;
                var now = jobs.Now.UtcDateTime;
                var monthlyReset = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
                // Version A shape (API doc §11.2). The sandbox wallet has no monthly allowance, so all of it is purchased.
                return Envelope.Ok(new JsonObject
                {
                    ["balance"] = ApiFormat.Money(balance),
                    ["purchased_balance"] = ApiFormat.Money(balance),
                    ["monthly_balance"] = ApiFormat.Money(0m),
                    ["monthly_reset_at"] = ApiFormat.Timestamp(monthlyReset),
                    ["currency"] = "SQC",
                });
            });
        }
    }
}
