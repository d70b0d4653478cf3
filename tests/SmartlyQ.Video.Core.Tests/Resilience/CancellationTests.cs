using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Resilience
{
    public class CancellationTests
    {
        private const string JobUrl = ClientHarness.Base + "/jobs/job_1";

        [Fact]
        public async Task An_already_cancelled_token_sends_nothing()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Data("{}"));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GetJobAsync("job_1", new CancellationToken(true)));

            Assert.Empty(harness.Requests);
        }

        [Fact]
        public async Task Cancelling_during_a_retry_wait_stops_at_once()
        {
            // Real clock: a 30 s Retry-After must be cut short by the token, not sat out.
            using var harness = new ClientHarness { RealClock = TimeProvider.System };
            harness.Mock.When(HttpMethod.Get, JobUrl).Respond(_ => Answers.Error(429, "RATE_LIMITED", "wait", ("Retry-After", "30")));
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GetJobAsync("job_1", cts.Token));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task Cancelling_during_a_request_is_not_retried_nor_called_a_timeout()
        {
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Get, JobUrl).Respond(async () =>
            {
                await Task.Delay(Timeout.Infinite);
                return Answers.Data("{}");
            });
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GetJobAsync("job_1", cts.Token));

            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Single(harness.Requests);
            Assert.Empty(harness.Log);
        }
    }
}
