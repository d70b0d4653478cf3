using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using SmartlyQ.Video.Core.Transport;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Resilience
{
    /// <summary><see cref="SmartlyQClient.Statistics"/>: what a reliability report reads.</summary>
    public class StatisticsTests
    {
        private const string JobUrl = ClientHarness.Base + "/jobs/job_1";
        private static readonly Func<HttpResponseMessage> JobOk = () => Answers.Ok("{\"success\":true,\"data\":{\"id\":\"job_1\",\"status\":\"processing\"}}");

        [Fact]
        public void A_new_client_has_counted_nothing()
        {
            using var harness = new ClientHarness();

            ClientStatistics stats = harness.Client.Statistics;

            Assert.Equal(0, stats.Requests);
            Assert.Equal(0, stats.Retries);
            Assert.Equal("Requests=0 Retries=0 (5xx=0 429=0 408=0 network=0 timeout=0) DownloadResumes=0 DownloadRestarts=0 Received429=0 PacingWaits=0", stats.ToString());
        }

        [Fact]
        public async Task Each_retry_is_counted_under_its_cause_and_every_attempt_as_a_request()
        {
            using var harness = new ClientHarness { MaxRetries = 5 };
            int calls = 0;
            harness.Recorder.Server = async (request, token) =>
            {
                switch (Interlocked.Increment(ref calls))
                {
                    case 1: return Answers.Status(503);
                    case 2: return Answers.Error(429, "RATE_LIMITED", "slow down", ("Retry-After", "2"));
                    case 3: return Answers.Status(408);
                    case 4: throw new HttpRequestException("Connection refused");
                    case 5:
                        harness.Clock.Advance(TimeSpan.FromSeconds(31));
                        await Hang.UntilCancelled(token);
                        return JobOk();
                    default: return JobOk();
                }
            };

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            ClientStatistics stats = harness.Client.Statistics;
            Assert.Equal(6, stats.Requests);
            Assert.Equal(5, stats.Retries);
            Assert.Equal(1, stats.ServerError5xxRetries);
            Assert.Equal(1, stats.RateLimited429Retries);
            Assert.Equal(1, stats.RequestTimeout408Retries);
            Assert.Equal(1, stats.NetworkErrorRetries);
            Assert.Equal(1, stats.AttemptTimeoutRetries);
            Assert.All(Enum.GetValues(typeof(RetryCause)).Cast<RetryCause>(), cause => Assert.Equal(1, stats.RetriesFor(cause)));
            Assert.Equal(5, harness.Log.Length);
        }

        [Fact]
        public async Task Calls_that_are_not_retried_count_only_as_requests()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Get, JobUrl, () => Answers.Error(404, "RESOURCE_NOT_FOUND", "no such job"));

            await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));
            await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetJobAsync("job_1", CancellationToken.None));

            Assert.Equal(2, harness.Client.Statistics.Requests);
            Assert.Equal(0, harness.Client.Statistics.Retries);
        }

        [Fact]
        public async Task Download_resumes_and_restarts_are_counted()
        {
            using var harness = new ClientHarness();
            const string resumable = "https://cdn.example.test/a.mp4";
            const string ignoresRange = "https://cdn.example.test/b.mp4";
            var a = new FakeCdn(Answers.RandomBytes(200_000), harness.Clock).Then(BodyFault.Reset, 1000).Then(BodyFault.EndEarly, 1000);
            var b = new FakeCdn(Answers.RandomBytes(200_000), harness.Clock) { HonourRange = false }.Then(BodyFault.Reset, 1000);
            harness.Mock.When(HttpMethod.Get, resumable).Respond(request => a.Respond(request));
            harness.Mock.When(HttpMethod.Get, ignoresRange).Respond(request => b.Respond(request));

            await harness.Client.DownloadAsync(new Uri(resumable), new MemoryStream(), null, CancellationToken.None);
            await harness.Client.DownloadAsync(new Uri(ignoresRange), new MemoryStream(), null, CancellationToken.None);

            ClientStatistics stats = harness.Client.Statistics;
            Assert.Equal(3, stats.DownloadResumes);
            Assert.Equal(1, stats.DownloadRestarts);
            Assert.Equal(3, stats.NetworkErrorRetries);
            Assert.Equal(5, stats.Requests);
        }

        [Fact]
        public async Task Counters_are_exact_under_parallel_calls()
        {
            // Raw behaviour: 200 calls without rate-limit headers would otherwise be paced at the default 60 per minute.
            using var harness = new ClientHarness { Pacing = false };
            harness.Sequence(HttpMethod.Get, JobUrl, JobOk);

            SmartlyQClient client = harness.Client; // one client shared by every thread

            await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => client.GetJobAsync("job_1", CancellationToken.None))));

            Assert.Equal(200, client.Statistics.Requests);
        }
    }
}
