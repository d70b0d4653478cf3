using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>-Verbose shows retries in the cmdlet that made the request, not in the Connect-SmartlyQ that made the client.</summary>
    public class VerboseRoutingTests
    {
        private const string Me = "{\"success\":true,\"data\":{\"id\":1,\"name\":\"Ada\"}}";
        private const string Models = "{\"success\":true,\"data\":[{\"model\":\"kling-v2-1\",\"types\":[\"text_to_video\"],\"duration\":[5,10]}]}";
        private const string Accepted = "{\"success\":true,\"data\":{\"job_uid\":\"job_a1b2c3d4e5f6\",\"status\":\"queued\"},\"usage\":{\"units\":1,\"cost\":\"0.2800\",\"balance_remaining\":\"99.7200\"}}";

        [Fact]
        public async Task Retry_of_a_submission_is_written_to_New_SqVideos_verbose_stream_without_the_key()
        {
            var http = new MockHttpMessageHandler();
            http.When("https://api.example.test/v1/me").Respond("application/json", Me);
            http.When("https://api.example.test/v1/videos/models").Respond("application/json", Models);
            int posts = 0;
            http.When(HttpMethod.Post, "https://api.example.test/v1/videos/generate").Respond(_ =>
                Interlocked.Increment(ref posts) == 1
                    ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                    : new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(Accepted) });
            var connectSink = new FakeSink();
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(new ConnectParameters
            {
                ApiKey = TestSecrets.Secure("sqk_live_VERYSECRET42"), BaseUri = new Uri("https://api.example.test/v1"), Handler = http, RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            }, connectSink, CancellationToken.None);
            int connectLines = connectSink.Verbose.Count;

            var sink = new FakeSink();
            await new NewVideoOperation(connection).ProcessAsync(
                new NewVideoInput { Request = new VideoRequest { Model = "kling-v2-1", Prompt = "p" } }, sink, CancellationToken.None);

            Assert.Equal("job_a1b2c3d4e5f6", Assert.Single(sink.OutputOf<VideoJob>()).JobUid);
            Assert.Contains(sink.Verbose, line => line.Contains("Retry 1/") && line.Contains("503"));
            Assert.Equal(connectLines, connectSink.Verbose.Count);
            Assert.All(sink.Verbose.Concat(connectSink.Verbose), line => Assert.DoesNotContain("VERYSECRET", line));
        }

        [Fact]
        public async Task Failed_poll_between_records_is_reported_by_Wait_SqJob_later()
        {
            var provider = new FakeVideoProvider();
            provider.Script("job_1", JobStatus.Running, JobStatus.Succeeded);
            provider.PollFailures.Enqueue(new HttpRequestException("connection reset"));
            using var wait = new WaitJobOperation(FakeConnection.For(provider), new WaitJobOptions { PollIntervalSec = 1 }, new ScaledTimeProvider(100));
            var sink = new FakeSink();

            wait.Track(new VideoJob { JobUid = "job_1", Status = JobStatus.Queued }, null);
            await wait.WaitAllAsync(sink, CancellationToken.None);

            Assert.Single(sink.OutputOf<VideoJob>());
            Assert.Contains(sink.Verbose, line => line.Contains("Polling job_1 failed") && line.Contains("connection reset"));
        }
    }
}
