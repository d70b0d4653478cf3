using System.Net.Http;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Chaos
{
    /// <summary>The job is created and charged, the 202 never arrives: only the idempotency key saves the client from paying twice.</summary>
    public class AcceptThenDropTests
    {
        private static ChaosOptions DropEverySubmit() => new ChaosOptions { AcceptThenDropRate = 1 };

        [Fact]
        public async Task Client_gets_an_exception_but_the_charge_exists_and_a_retry_with_the_same_key_replays_the_job()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = DropEverySubmit());

            await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "drop-1"));

            var charge = Assert.Single(sandbox.Server.Ledger.Find(idempotencyKey: "drop-1"));
            Assert.Equal("charge", charge.Kind);
            Assert.Equal(0.28m, charge.Amount);
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.AcceptThenDrop]);

            // Still at rate 1: a replay created nothing, so it is delivered.
            var retry = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "drop-1");
            ApiAssert.Success(retry, 202);
            Assert.Equal(charge.JobUid, retry.Data.GetProperty("job_uid").GetString());
            Assert.Single(sandbox.Server.Ledger.Entries);
            Assert.Equal(0.28m, sandbox.Server.Ledger.Charged);
            Assert.Equal("99.7200", (await sandbox.GetAsync("v1/me/balance")).Data.GetProperty("balance").GetString());
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.AcceptThenDrop]);
        }

        [Fact]
        public async Task Without_a_key_the_retry_is_a_second_job_and_a_second_charge()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = DropEverySubmit());
            await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.PostAsync("v1/videos/generate", Bodies.Kling5));
            sandbox.Server.Chaos.Disable();

            ApiAssert.Success(await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5), 202);

            Assert.Equal(2, sandbox.Server.Ledger.Entries.Count);
            Assert.Equal(0.56m, sandbox.Server.Ledger.Charged);
        }

        [Fact]
        public async Task Answers_that_create_nothing_are_delivered()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Chaos = DropEverySubmit());

            ApiAssert.Error(await sandbox.PostAsync("v1/videos/generate", "{\"model\":\"kling-v2-1\"}"), 422, "VALIDATION_ERROR");
            ApiAssert.Success(await sandbox.GetAsync("v1/jobs"));

            Assert.Empty(sandbox.Server.Ledger.Entries);
            Assert.Equal(0, sandbox.Server.Chaos.Injected[ChaosFaultKinds.AcceptThenDrop]);
        }

        [Fact]
        public async Task Provider_failure_refund_carries_the_jobs_idempotency_key_and_is_counted()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.FailureRate = 1);
            var jobId = (await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "fails-1")).Data.GetProperty("job_uid").GetString()!;
            await sandbox.WaitForStatusAsync(jobId, "failed");

            var entries = sandbox.Server.Ledger.Find(idempotencyKey: "fails-1");
            Assert.Equal(new[] { "charge", "refund" }, System.Linq.Enumerable.Select(entries, e => e.Kind));
            Assert.All(entries, e => Assert.Equal(jobId, e.JobUid));
            var route = await sandbox.GetAsync("sandbox/ledger?idempotency_key=fails-1", key: null);
            Assert.Equal("0.0000", route.Json.GetProperty("net").GetString());
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.ProviderFailure]);
        }
    }
}
