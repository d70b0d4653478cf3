using System;
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
            // Held clock: the 30 s Retry-After can end only through the token, so ending at all proves it was cut short.
            using var harness = new ClientHarness();
            harness.Clock.ManualTimers = true;
            var waitBegun = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            harness.Clock.Armed += (due, isTimeout) =>
            {
                if (!isTimeout) waitBegun.TrySetResult(due);
            };
            harness.Mock.When(HttpMethod.Get, JobUrl).Respond(_ => Answers.Error(429, "RATE_LIMITED", "wait", ("Retry-After", "30")));
            using var cts = new CancellationTokenSource();
            DateTimeOffset start = harness.Clock.Now;

            Task call = harness.Client.GetJobAsync("job_1", cts.Token);
            Assert.Equal(TimeSpan.FromSeconds(30), await waitBegun.Task.WaitAsync(Hang.Limit));
            cts.Cancel();

            // The real-time bound only turns a client that sits the wait out into a failure instead of a hung run.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Hang.Limit));
            Assert.Equal(start, harness.Clock.Now);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task Cancelling_during_a_request_is_not_retried_nor_called_a_timeout()
        {
            using var harness = new ClientHarness();
            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            harness.Recorder.Server = async (request, token) =>
            {
                arrived.TrySetResult();
                await Hang.UntilCancelled(token);
                return Answers.Data("{}");
            };
            using var cts = new CancellationTokenSource();

            // Cancelled once the request is at the server, not after a guessed delay that a slow machine could outlast.
            Task call = harness.Client.GetJobAsync("job_1", cts.Token);
            await arrived.Task.WaitAsync(Hang.Limit);
            cts.Cancel();

            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Single(harness.Requests);
            Assert.Empty(harness.Log);
        }
    }
}
