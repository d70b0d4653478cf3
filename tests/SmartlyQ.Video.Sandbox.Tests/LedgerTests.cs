using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class LedgerTests
    {
        [Fact]
        public async Task Ledger_route_lists_charges_and_refunds_with_totals_without_auth()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.FailureRate = 1);
            var failing = await sandbox.SubmitAsync(body: Bodies.Kling10);
            var testJob = (await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, TestSandbox.Test, "t-1")).Data.GetProperty("job_uid").GetString();
            await sandbox.WaitForStatusAsync(failing, "failed");
            await sandbox.WaitForStatusAsync(testJob!, "failed", TestSandbox.Test);

            var response = await sandbox.GetAsync("sandbox/ledger", key: null);

            Assert.Equal(200, response.Status);
            var entries = response.Json.GetProperty("entries").EnumerateArray().ToArray();
            Assert.Equal(4, entries.Length); // live charge, test charge, then two refunds (both jobs fail)
            var liveCharge = entries.Single(e => e.GetProperty("job_uid").GetString() == failing && e.GetProperty("kind").GetString() == "charge");
            Assert.Equal("0.5600", liveCharge.GetProperty("amount").GetString());
            Assert.Equal("live", liveCharge.GetProperty("key_mode").GetString());
            Assert.Equal(JsonValueKind.Null, liveCharge.GetProperty("idempotency_key").ValueKind);
            Assert.EndsWith("Z", liveCharge.GetProperty("at").GetString());
            var testCharge = entries.Single(e => e.GetProperty("job_uid").GetString() == testJob && e.GetProperty("kind").GetString() == "charge");
            Assert.Equal("test", testCharge.GetProperty("key_mode").GetString());
            Assert.Equal("0.0000", testCharge.GetProperty("amount").GetString());
            Assert.Equal("t-1", testCharge.GetProperty("idempotency_key").GetString());

            Assert.Equal("0.5600", response.Json.GetProperty("charged").GetString());
            Assert.Equal("0.5600", response.Json.GetProperty("refunded").GetString());
            Assert.Equal("0.0000", response.Json.GetProperty("net").GetString());
        }

        [Fact]
        public async Task Ledger_route_filters_by_job_and_idempotency_key_and_matches_the_in_memory_ledger()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var a = (await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "k-a")).Data.GetProperty("job_uid").GetString()!;
            var b = (await sandbox.PostAsync("v1/videos/generate", Bodies.Kling10, idempotencyKey: "k-b")).Data.GetProperty("job_uid").GetString()!;

            var byJob = await sandbox.GetAsync("sandbox/ledger?job_uid=" + b, key: null);
            var byKey = await sandbox.GetAsync("sandbox/ledger?idempotency_key=k-a", key: null);
            var all = await sandbox.GetAsync("sandbox/ledger", key: null);

            Assert.Equal(b, Assert.Single(byJob.Json.GetProperty("entries").EnumerateArray()).GetProperty("job_uid").GetString());
            Assert.Equal("0.5600", byJob.Json.GetProperty("charged").GetString());
            Assert.Equal(a, Assert.Single(byKey.Json.GetProperty("entries").EnumerateArray()).GetProperty("job_uid").GetString());
            Assert.Equal("0.8400", all.Json.GetProperty("net").GetString());

            var ledger = sandbox.Server.Ledger;
            Assert.Equal(all.Json.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("job_uid").GetString()), ledger.Entries.Select(e => e.JobUid));
            Assert.Equal(0.84m, ledger.Charged);
            Assert.Equal(0m, ledger.Refunded);
            Assert.Equal(0.84m, ledger.Net);
            Assert.Equal("k-b", Assert.Single(ledger.Find(jobUid: b)).IdempotencyKey);
        }
    }
}
