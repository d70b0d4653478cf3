using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    public class DownloadTests
    {
        private const string CdnUrl = "https://cdn.example.test/videos/job_1.mp4";

        /// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them later).</summary>
        private sealed class ProgressLog : IProgress<long>
        {
            public List<long> Reports { get; } = new List<long>();

            public void Report(long value) => Reports.Add(value);
        }

        [Fact]
        public async Task Video_is_streamed_to_the_destination_with_cumulative_progress()
        {
            using var harness = new ClientHarness();
            byte[] video = Answers.RandomBytes(200_000);
            harness.Mock.When(HttpMethod.Get, CdnUrl).Respond(_ => Answers.Bytes(video));
            var destination = new MemoryStream();
            var progress = new ProgressLog();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, progress, CancellationToken.None);

            Assert.Equal(video.Length, written);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal(video.Length, progress.Reports.Last());
            Assert.True(progress.Reports.Count >= 3, "200,000 bytes take at least three 81,920-byte chunks");
            Assert.All(progress.Reports.Zip(progress.Reports.Skip(1), (a, b) => b - a), step => Assert.InRange(step, 1, 81920));
        }

        [Theory]
        [InlineData("https://cdn.example.test/videos/job_1.mp4")]
        [InlineData("https://api.test:8443/v1/files/job_1.mp4")]
        [InlineData("http://api.test/v1/files/job_1.mp4")]
        [InlineData("https://api.test.evil.example/v1/files/job_1.mp4")]
        public async Task Download_from_another_origin_never_carries_the_key(string url)
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Bytes(new byte[] { 1, 2, 3 }));

            await harness.Client.DownloadAsync(new Uri(url), new MemoryStream(), null, CancellationToken.None);

            RecordedRequest sent = Assert.Single(harness.Requests);
            Assert.Null(sent.Header("Authorization"));
            Assert.DoesNotContain(harness.Requests, r => r.Headers.Values.Any(v => v.Contains(TestKeys.SecretPart)));
        }

        [Fact]
        public async Task Download_from_the_api_origin_carries_the_key()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Bytes(new byte[] { 1, 2, 3 }));

            await harness.Client.DownloadAsync(new Uri("https://API.test:443/v1/files/job_1.mp4"), new MemoryStream(), null, CancellationToken.None);

            Assert.Equal("Bearer " + TestKeys.Live, Assert.Single(harness.Requests).Header("Authorization"));
        }

        [Fact]
        public async Task Body_always_shorter_than_content_length_is_an_io_error_naming_both_sizes()
        {
            using var harness = new ClientHarness { MaxRetries = 1 };
            harness.Mock.When("*").Respond(_ => Answers.Bytes(new byte[10], contentLength: 20));

            var ex = await Assert.ThrowsAsync<IOException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, CancellationToken.None));

            Assert.Contains("expected 20 bytes", ex.Message);
            Assert.Contains("received 10 bytes", ex.Message);
        }

        [Fact]
        public async Task Body_without_content_length_is_accepted_as_is()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Stream(new MemoryStream(new byte[1234]), contentLength: null));

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, CancellationToken.None);

            Assert.Equal(1234, written);
        }

        [Fact]
        public async Task Error_status_from_the_cdn_is_an_api_exception_with_the_status()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent("<Error><Code>AccessDenied</Code></Error>", Encoding.UTF8, "application/xml"),
            });
            var destination = new MemoryStream();

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl + "?sig=abc"), destination, null, CancellationToken.None));

            Assert.Equal(403, ex.StatusCode);
            Assert.Equal(0, destination.Length);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task Transient_status_before_the_body_is_retried()
        {
            using var harness = new ClientHarness();
            byte[] video = Answers.RandomBytes(5000);
            harness.Sequence(HttpMethod.Get, CdnUrl, () => Answers.Status(503), () => Answers.Bytes(video));
            var destination = new MemoryStream();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(5000, written);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal(2, harness.Requests.Length);
            Assert.StartsWith("Retry 1/4 of GET https://cdn.example.test/videos/job_1.mp4 after 503", Assert.Single(harness.Log));
        }

        [Fact]
        public async Task Connection_lost_before_the_first_byte_is_retried()
        {
            using var harness = new ClientHarness();
            byte[] video = Answers.RandomBytes(3000);
            harness.Sequence(HttpMethod.Get, CdnUrl, () => Answers.Stream(new ScriptedStream(new byte[0]), 3000), () => Answers.Bytes(video));
            var destination = new MemoryStream();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(3000, written);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal(2, harness.Requests.Length);
        }

        [Fact]
        public async Task Signed_query_strings_stay_out_of_log_lines()
        {
            using var harness = new ClientHarness();
            string signed = CdnUrl + "?X-Amz-Signature=deadbeefcafe";
            harness.Sequence(HttpMethod.Get, CdnUrl, () => Answers.Status(503), () => Answers.Bytes(new byte[1]));

            await harness.Client.DownloadAsync(new Uri(signed), new MemoryStream(), null, CancellationToken.None);

            Assert.DoesNotContain("deadbeefcafe", Assert.Single(harness.Log));
        }

        [Fact]
        public async Task Relative_url_is_refused_before_any_request()
        {
            using var harness = new ClientHarness();

            await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.DownloadAsync(new Uri("/videos/x.mp4", UriKind.Relative), new MemoryStream(), null, CancellationToken.None));

            Assert.Empty(harness.Requests);
        }
    }
}
