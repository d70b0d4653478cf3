using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>Downloads (the key only to the API's origin, relative content URLs, resume) and the balance.</summary>
    public class NanoGptDownloadAndBalanceTests
    {
        private const string ContentUrl = NanoGptHarness.Origin + "/api/generate-video/content?model=veo2-video&runId=vid_1&variant=video";

        private static async Task<JobSnapshot> Completed(NanoGptHarness harness, string url)
        {
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Base + "/video/status")
                .Respond(_ => NanoGptHarness.Json(200, "{\"data\":{\"status\":\"COMPLETED\",\"output\":{\"video\":{\"url\":\"" + url + "\"}}}}"));
            return await harness.Client.GetJobAsync("vid_1", CancellationToken.None);
        }

        [Fact]
        public async Task A_relative_content_url_is_fetched_from_the_API_origin_with_the_key()
        {
            using var harness = new NanoGptHarness();
            byte[] video = Answers.RandomBytes(100_000);
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Origin + "/api/generate-video/content").Respond(_ => Answers.Bytes(video));
            JobSnapshot job = await Completed(harness, "/api/generate-video/content?model=veo2-video&runId=vid_1&variant=video");
            var destination = new MemoryStream();

            long length = await harness.Client.DownloadAsync(job, destination, null, null, CancellationToken.None);

            Assert.Equal(video.Length, length);
            Assert.Equal(video, destination.ToArray());
            RecordedRequest fetch = harness.Requests.Last();
            Assert.Equal(ContentUrl, fetch.Uri.AbsoluteUri);
            Assert.Equal(NanoGptHarness.Key, fetch.Header("x-api-key"));
            Assert.Null(fetch.Header("Authorization"));
        }

        [Theory]
        [InlineData("https://storage.example.com/video.mp4")]
        [InlineData("https://nano.test.evil.example/api/generate-video/content?runId=vid_1")]
        [InlineData("http://nano.test/api/generate-video/content?runId=vid_1")]
        [InlineData("https://nano.test:8443/api/generate-video/content?runId=vid_1")]
        public async Task A_url_on_any_other_origin_is_fetched_without_the_key(string url)
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Get, url).Respond(_ => Answers.Bytes(new byte[] { 1, 2, 3 }));
            JobSnapshot job = await Completed(harness, url);

            await harness.Client.DownloadAsync(job, new MemoryStream(), null, null, CancellationToken.None);

            RecordedRequest fetch = harness.Requests.Last();
            Assert.Equal(url, fetch.Uri.OriginalString);
            Assert.Null(fetch.Header("x-api-key"));
            Assert.DoesNotContain(fetch.Headers.Values, v => v.Contains(TestKeys.SecretPart));
        }

        [Fact]
        public async Task A_download_that_breaks_off_resumes_with_Range_and_the_key()
        {
            using var harness = new NanoGptHarness();
            byte[] video = Answers.RandomBytes(300_000);
            var cdn = new FakeCdn(video, harness.Clock) { ETag = "\"vid_1-300000\"" }.Then(BodyFault.Reset, 100_000);
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Origin + "/api/generate-video/content").Respond(request => cdn.Respond(request));
            JobSnapshot job = await Completed(harness, "/api/generate-video/content?model=veo2-video&runId=vid_1&variant=video");
            var destination = new MemoryStream();

            long length = await harness.Client.DownloadAsync(job, destination, null, null, CancellationToken.None);

            Assert.Equal(video.Length, length);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal(new string?[] { null, "bytes=100000-" }, cdn.Ranges);
            Assert.All(harness.Requests.Skip(1), r => Assert.Equal(NanoGptHarness.Key, r.Header("x-api-key")));
            Assert.Equal(1, harness.Client.Statistics.DownloadResumes);
        }

        [Fact]
        public async Task A_job_without_a_video_url_cannot_be_downloaded_and_nothing_is_sent()
        {
            using var harness = new NanoGptHarness();
            var job = new JobSnapshot { JobUid = "vid_1", Status = JobStatus.Running };

            await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.DownloadAsync(job, new MemoryStream(), null, null, CancellationToken.None));
            Assert.Empty(harness.Requests);
        }

        [Theory]
        [InlineData("{\"usd_balance\":\"129.46956147\",\"nano_balance\":\"26.71801147\",\"nanoDepositAddress\":\"nano_1abc\"}", "129.46956147")]
        [InlineData("{\"usd_balance\":5.25}", "5.25")]
        public async Task The_balance_is_usd_balance_in_USD_whether_string_or_number(string body, string expected)
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/check-balance").Respond(_ => NanoGptHarness.Json(200, body, ("X-Request-ID", "req_bal")));

            WalletBalance balance = await harness.Client.GetBalanceAsync(CancellationToken.None);

            Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), balance.Balance);
            Assert.Equal("USD", balance.Currency);
            Assert.Equal("NanoGPT", balance.Provider);
            Assert.Equal("req_bal", balance.RequestId);
        }

        [Fact]
        public async Task A_balance_answer_without_usd_balance_is_an_invalid_response()
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/check-balance").Respond(_ => NanoGptHarness.Json(200, "{\"nano_balance\":\"1.0\"}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetBalanceAsync(CancellationToken.None));

            Assert.Equal("INVALID_RESPONSE", ex.ErrorCode);
            Assert.Contains("usd_balance", ex.Message);
        }

        [Fact]
        public async Task The_balance_check_is_a_read_so_a_server_error_is_retried()
        {
            using var harness = new NanoGptHarness();
            harness.Sequence(HttpMethod.Post, NanoGptHarness.Base + "/check-balance",
                () => NanoGptHarness.Json(500, "{\"error\":500,\"message\":\"boom\"}"),
                () => NanoGptHarness.Json(200, "{\"usd_balance\":\"2\"}"));

            WalletBalance balance = await harness.Client.GetBalanceAsync(CancellationToken.None);

            Assert.Equal(2m, balance.Balance);
            Assert.Equal(2, harness.Requests.Length);
        }

        [Fact]
        public async Task Connect_proves_the_key_with_the_balance_check_and_a_wrong_key_is_unauthorized()
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/check-balance").Respond(_ => NanoGptHarness.Json(401, "{\"error\":401,\"message\":\"Invalid API key.\"}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetAccountAsync(CancellationToken.None));

            Assert.Equal(ApiErrorKind.Unauthorized, ex.Kind);
            Assert.Equal(HttpMethod.Post, Assert.Single(harness.Requests).Method);
        }
    }
}
