using System;
using System.Linq;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class CancelTests
    {
        private static Task<TestSandbox> StartAsync(ManualTimeProvider clock, double failureRate = 0) => TestSandbox.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.QueuedDuration = TimeSpan.FromSeconds(1);
            o.ProcessingDuration = TimeSpan.FromSeconds(1);
            o.FailureRate = failureRate;
        });

        [Fact]
        public async Task Cancelling_a_waiting_job_refunds_it()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock);
            var id = await sandbox.SubmitAsync();

            var response = await sandbox.PostAsync($"v1/jobs/{id}/cancel", null);

            ApiAssert.Success(response);
            Assert.Equal(id, response.Data.GetProperty("id").GetString());
            Assert.Equal("cancelled", response.Data.GetProperty("status").GetString());
            Assert.Equal("100.0000", (await sandbox.GetAsync("v1/me/balance")).Data.GetProperty("balance").GetString());
            Assert.Equal(new[] { "charge", "refund" }, sandbox.Server.Ledger.Find(jobUid: id).Select(e => e.Kind));

            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal("cancelled", (await sandbox.GetAsync("v1/jobs/" + id)).Data.GetProperty("status").GetString());
            ApiAssert.Error(await sandbox.GetAsync($"files/{id}.mp4", key: null), 404, "RESOURCE_NOT_FOUND");
        }

        [Fact]
        public async Task Cancelling_a_processing_job_keeps_the_charge()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock);
            var id = await sandbox.SubmitAsync();
            clock.Advance(TimeSpan.FromSeconds(1.5));

            var response = await sandbox.PostAsync($"v1/jobs/{id}/cancel", null);

            ApiAssert.Success(response);
            Assert.Equal("cancelled", response.Data.GetProperty("status").GetString());
            Assert.Equal("99.7200", (await sandbox.GetAsync("v1/me/balance")).Data.GetProperty("balance").GetString());
            Assert.DoesNotContain(sandbox.Server.Ledger.Entries, e => e.Kind == "refund");
        }

        [Theory]
        [InlineData(0.0, "completed")]
        [InlineData(1.0, "failed")]
        public async Task Cancelling_a_finished_job_is_409(double failureRate, string status)
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock, failureRate);
            var id = await sandbox.SubmitAsync();
            clock.Advance(TimeSpan.FromSeconds(5));

            var response = await sandbox.PostAsync($"v1/jobs/{id}/cancel", null);

            ApiAssert.Error(response, 409, "CONFLICT");
            Assert.Contains(status, response.Error.GetProperty("message").GetString());
            Assert.Equal(status, (await sandbox.GetAsync("v1/jobs/" + id)).Data.GetProperty("status").GetString());
        }

        [Fact]
        public async Task Cancelling_twice_is_409_and_refunds_once()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock);
            var id = await sandbox.SubmitAsync();

            ApiAssert.Success(await sandbox.PostAsync($"v1/jobs/{id}/cancel", null));
            ApiAssert.Error(await sandbox.PostAsync($"v1/jobs/{id}/cancel", null), 409, "CONFLICT");
            Assert.Single(sandbox.Server.Ledger.Entries, e => e.Kind == "refund");
        }

        [Fact]
        public async Task Cancelling_an_unknown_job_is_404()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.PostAsync("v1/jobs/job_123456789abc/cancel", null);
            ApiAssert.Error(response, 404, "RESOURCE_NOT_FOUND");
            Assert.Contains("job_123456789abc", response.Error.GetProperty("message").GetString());
        }
    }
}
