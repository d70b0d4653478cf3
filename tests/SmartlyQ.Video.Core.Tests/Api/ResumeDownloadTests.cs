using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using SmartlyQ.Video.Core.Transport;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    /// <summary>Downloads that break off midway continue with a Range request instead of failing or starting over.</summary>
    public class ResumeDownloadTests
    {
        private const string CdnUrl = "https://cdn.example.test/videos/job_1.mp4";
        private const int Size = 300_000;

        private sealed class ProgressLog : IProgress<long>
        {
            public List<long> Reports { get; } = new List<long>();

            public void Report(long value) => Reports.Add(value);
        }

        private static (ClientHarness Harness, FakeCdn Cdn, byte[] Video) Serve(string url = CdnUrl, int size = Size)
        {
            var harness = new ClientHarness();
            byte[] video = Answers.RandomBytes(size, seed: 11);
            var cdn = new FakeCdn(video, harness.Clock);
            harness.Mock.When(HttpMethod.Get, url).Respond(request => cdn.Respond(request));
            return (harness, cdn, video);
        }

        [Fact]
        public async Task Connection_reset_midway_resumes_with_a_range_request_and_the_file_is_byte_identical()
        {
            var (harness, cdn, video) = Serve();
            using var _ = harness;
            cdn.Then(BodyFault.Reset, 100_000);
            var destination = new MemoryStream();
            var progress = new ProgressLog();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, progress, CancellationToken.None);

            Assert.Equal(Size, written);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal(new string?[] { null, "bytes=100000-" }, cdn.Ranges);
            Assert.Equal(Size, progress.Reports.Last());
            Assert.Contains(100_000L, progress.Reports);
            Assert.True(progress.Reports.SequenceEqual(progress.Reports.OrderBy(r => r)), "progress is cumulative: " + string.Join(",", progress.Reports));
            Assert.StartsWith("Resume 1/4 of GET " + CdnUrl + " at byte 100000 of 300000 after IOException (connection reset by peer)", Assert.Single(harness.Log));
            Assert.Equal(1, harness.Client.Statistics.DownloadResumes);
            Assert.Equal(1, harness.Client.Statistics.NetworkErrorRetries);
            Assert.Equal(0, harness.Client.Statistics.DownloadRestarts);
        }

        [Fact]
        public async Task Body_that_ends_before_its_content_length_is_resumed()
        {
            var (harness, cdn, video) = Serve();
            using var _ = harness;
            cdn.Then(BodyFault.EndEarly, 123_456);
            var destination = new MemoryStream();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(Size, written);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal("bytes=123456-", cdn.Ranges[1]);
            Assert.Contains("after the body ended early", Assert.Single(harness.Log));
        }

        [Fact]
        public async Task Several_breaks_resume_from_each_new_position()
        {
            var (harness, cdn, video) = Serve();
            using var _ = harness;
            cdn.Then(BodyFault.Reset, 50_000).Then(BodyFault.EndEarly, 70_000).Then(BodyFault.Reset, 1);
            var destination = new MemoryStream();

            await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(video, destination.ToArray());
            Assert.Equal(new string?[] { null, "bytes=50000-", "bytes=120000-", "bytes=120001-" }, cdn.Ranges);
            Assert.Equal(3, harness.Client.Statistics.DownloadResumes);
        }

        [Fact]
        public async Task A_stalled_body_is_given_up_after_the_attempt_timeout_and_resumed()
        {
            var (harness, cdn, video) = Serve();
            using var _ = harness;
            harness.AttemptTimeout = TimeSpan.FromSeconds(20);
            cdn.StallFor = TimeSpan.FromSeconds(21);
            cdn.Then(BodyFault.Stall, 200_000);
            var destination = new MemoryStream();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(Size, written);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal("bytes=200000-", cdn.Ranges[1]);
            Assert.Contains("after no bytes for 20 s (AttemptTimeout)", Assert.Single(harness.Log));
            Assert.Equal(1, harness.Client.Statistics.AttemptTimeoutRetries);
            Assert.Equal(0, harness.Client.Statistics.NetworkErrorRetries);
        }

        [Fact]
        public async Task A_stalled_body_whose_stream_ignores_cancellation_is_closed_and_resumed()
        {
            // .NET Framework's response streams do not watch the read's token; only closing the answer stops the read.
            using var harness = new ClientHarness();
            byte[] video = Answers.RandomBytes(Size);
            var cdn = new FakeCdn(video, harness.Clock);
            int calls = 0;
            harness.Mock.When(HttpMethod.Get, CdnUrl).Respond(request => Interlocked.Increment(ref calls) == 1
                ? Answers.Stream(new DeafStallingStream(video.Take(100_000).ToArray(), harness.Clock), Size)
                : cdn.Respond(request));
            var destination = new MemoryStream();
            var watch = System.Diagnostics.Stopwatch.StartNew();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the stalled read was not stopped at once but after " + watch.Elapsed);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal(new string?[] { "bytes=100000-" }, cdn.Ranges);
            Assert.Equal(1, harness.Client.Statistics.AttemptTimeoutRetries);
        }

        [Fact]
        public async Task A_slow_body_that_keeps_flowing_is_not_cut_by_the_attempt_timeout()
        {
            // 40 reads, each 10 s apart on the virtual clock: 400 s in all, far beyond the 30 s attempt timeout.
            using var harness = new ClientHarness();
            byte[] video = Answers.RandomBytes(40 * 1000);
            harness.Mock.When(HttpMethod.Get, CdnUrl).Respond(_ => Answers.Stream(new TrickleStream(video, 1000, harness.Clock, TimeSpan.FromSeconds(10)), video.Length));
            var destination = new MemoryStream();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(video.Length, written);
            Assert.Equal(video, destination.ToArray());
            Assert.Single(harness.Requests);
            Assert.True(harness.Clock.Now - new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero) >= TimeSpan.FromSeconds(390));
        }

        [Fact]
        public async Task Server_that_ignores_range_makes_a_seekable_destination_start_over_from_where_it_began()
        {
            var (harness, cdn, video) = Serve();
            using var _ = harness;
            cdn.HonourRange = false;
            cdn.Then(BodyFault.Reset, 100_000);
            var destination = new MemoryStream();
            destination.Write(new byte[] { 9, 9, 9 }, 0, 3); // what the caller wrote before: kept
            var progress = new ProgressLog();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, progress, CancellationToken.None);

            Assert.Equal(Size, written);
            Assert.Equal(new byte[] { 9, 9, 9 }.Concat(video).ToArray(), destination.ToArray());
            Assert.Equal("bytes=100000-", cdn.Ranges[1]);
            Assert.Equal(1, harness.Client.Statistics.DownloadRestarts);
            Assert.Contains(harness.Log, l => l.StartsWith("Restart of GET " + CdnUrl + " from byte 0: the server answered 200", StringComparison.Ordinal));
            Assert.Equal(0, progress.Reports[progress.Reports.IndexOf(100_000) + 1]);
            Assert.Equal(Size, progress.Reports.Last());
        }

        [Fact]
        public async Task Server_that_ignores_range_with_a_non_seekable_destination_is_a_clear_error()
        {
            var (harness, cdn, _) = Serve();
            using var __ = harness;
            cdn.HonourRange = false;
            cdn.Then(BodyFault.Reset, 100_000);
            var destination = new NonSeekableSink();

            var ex = await Assert.ThrowsAsync<IOException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None));

            Assert.Contains("cannot resume at byte 100000", ex.Message);
            Assert.Contains("ignored the Range request", ex.Message);
            Assert.Contains("cannot seek back", ex.Message);
            Assert.Equal(2, harness.Requests.Length);
            Assert.Equal(100_000, destination.ToArray().Length);
        }

        [Fact]
        public async Task Length_mismatch_after_the_resume_budget_is_an_io_error_with_both_numbers()
        {
            var (harness, cdn, _) = Serve();
            using var __ = harness;
            harness.MaxRetries = 2;
            cdn.Then(BodyFault.EndEarly, 1000).Then(BodyFault.Reset, 1000).Then(BodyFault.EndEarly, 1000);

            var ex = await Assert.ThrowsAsync<IOException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, CancellationToken.None));

            Assert.Contains("expected 300000 bytes (Content-Range)", ex.Message);
            Assert.Contains("received 3000 bytes", ex.Message);
            Assert.Contains("gave up after 2 resumes", ex.Message);
            Assert.Equal(3, harness.Requests.Length);
            Assert.Equal(2, harness.Client.Statistics.DownloadResumes);
        }

        [Fact]
        public async Task Without_retries_a_broken_body_fails_at_once_naming_both_numbers()
        {
            var (harness, cdn, _) = Serve();
            using var __ = harness;
            harness.MaxRetries = 0;
            cdn.Then(BodyFault.Reset, 100_000);

            var ex = await Assert.ThrowsAsync<IOException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, CancellationToken.None));

            Assert.Contains("expected 300000 bytes (Content-Length) but received 100000 bytes", ex.Message);
            Assert.Contains("MaxRetries is 0", ex.Message);
            Assert.IsType<IOException>(ex.InnerException);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task Resume_answer_with_a_content_range_for_other_bytes_is_refused()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Get, CdnUrl,
                () => Answers.Stream(new ScriptedStream(new byte[1000]), 5000),
                () =>
                {
                    var response = Answers.Bytes(new byte[4000]);
                    response.StatusCode = HttpStatusCode.PartialContent;
                    response.Content.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(0, 3999, 5000);
                    return response;
                });

            var ex = await Assert.ThrowsAsync<IOException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, CancellationToken.None));

            Assert.Contains("asked for bytes 1000-4999", ex.Message);
            Assert.Contains("bytes 0-3999/5000", ex.Message);
        }

        private static HttpResponseMessage RangeNotSatisfiable(long total)
        {
            var response = new HttpResponseMessage((HttpStatusCode)416) { Content = new ByteArrayContent(new byte[0]) };
            response.Content.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(total);
            return response;
        }

        [Fact]
        public async Task A_content_length_that_overstated_the_file_is_settled_by_the_servers_range_answer()
        {
            // The server announced 1200 bytes, sent the real 1000 and closed; asked for bytes=1000- it answers
            // 416 with "bytes */1000": the file is complete.
            using var harness = new ClientHarness();
            byte[] video = Answers.RandomBytes(1000);
            harness.Sequence(HttpMethod.Get, CdnUrl, () => Answers.Stream(new MemoryStream(video), 1200), () => RangeNotSatisfiable(1000));
            var destination = new MemoryStream();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(1000, written);
            Assert.Equal(video, destination.ToArray());
            Assert.Equal("bytes=1000-", harness.Requests[1].Header("Range"));
            Assert.Contains(harness.Log, l => l.Contains("complete at 1000 bytes"));
        }

        [Fact]
        public async Task A_range_refused_for_a_file_of_another_size_is_an_io_error_with_the_numbers()
        {
            using var harness = new ClientHarness();
            harness.Sequence(HttpMethod.Get, CdnUrl, () => Answers.Stream(new MemoryStream(new byte[1000]), 1200), () => RangeNotSatisfiable(800));

            var ex = await Assert.ThrowsAsync<IOException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, CancellationToken.None));

            Assert.Contains("expected 1200 bytes (Content-Length) but received 1000 bytes", ex.Message);
            Assert.Contains("416", ex.Message);
            Assert.Contains("800 bytes", ex.Message);
        }

        [Fact]
        public async Task Resume_sends_if_range_with_the_first_answers_strong_etag()
        {
            var (harness, cdn, video) = Serve();
            using var _ = harness;
            cdn.ETag = "\"v1\"";
            cdn.Then(BodyFault.Reset, 10_000);
            var destination = new MemoryStream();

            await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(new string?[] { null, "\"v1\"" }, cdn.IfRanges);
            Assert.Equal(video, destination.ToArray());
        }

        [Fact]
        public async Task Resume_requests_to_a_cdn_never_carry_the_key_and_to_the_api_origin_always_do()
        {
            const string apiFile = ClientHarness.Base + "/files/job_1.mp4";
            var (harness, cdn, _) = Serve();
            using var __ = harness;
            var apiCdn = new FakeCdn(Answers.RandomBytes(5000), harness.Clock);
            harness.Mock.When(HttpMethod.Get, apiFile).Respond(request => apiCdn.Respond(request));
            cdn.Then(BodyFault.Reset, 10).Then(BodyFault.Reset, 10);
            apiCdn.Then(BodyFault.Reset, 10);

            await harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, CancellationToken.None);
            await harness.Client.DownloadAsync(new Uri(apiFile), new MemoryStream(), null, CancellationToken.None);

            RecordedRequest[] toCdn = harness.Requests.Where(r => r.Uri.Host == "cdn.example.test").ToArray();
            RecordedRequest[] toApi = harness.Requests.Where(r => r.Uri.Host == "api.test").ToArray();
            Assert.Equal(3, toCdn.Length);
            Assert.All(toCdn, r => Assert.Null(r.Header("Authorization")));
            Assert.Equal(2, toApi.Length);
            Assert.All(toApi, r => Assert.Equal("Bearer " + TestKeys.Live, r.Header("Authorization")));
        }

        [Fact]
        public async Task Caller_cancellation_during_the_body_stops_at_once_without_resuming()
        {
            using var harness = new ClientHarness();
            using var cts = new CancellationTokenSource();
            harness.Mock.When(HttpMethod.Get, CdnUrl).Respond(_ => Answers.Stream(new CancelAfterStream(new byte[100_000], cts), 300_000));

            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, cts.Token));

            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Single(harness.Requests);
            Assert.Empty(harness.Log);
            Assert.Equal(0, harness.Client.Statistics.Retries);
        }

        [Fact]
        public async Task Download_total_timeout_is_an_io_error_naming_the_limit_and_the_bytes()
        {
            var (harness, cdn, _) = Serve();
            using var __ = harness;
            harness.DownloadTotalTimeout = TimeSpan.FromMinutes(5);
            harness.AttemptTimeout = TimeSpan.FromMinutes(10);
            cdn.StallFor = TimeSpan.FromMinutes(6);
            cdn.Then(BodyFault.Stall, 81920);

            var ex = await Assert.ThrowsAsync<IOException>(() => harness.Client.DownloadAsync(new Uri(CdnUrl), new MemoryStream(), null, CancellationToken.None));

            Assert.Contains("Download of GET " + CdnUrl + " timed out", ex.Message);
            Assert.Contains("300 s (DownloadTotalTimeout)", ex.Message);
            Assert.Contains("received 81920 bytes of 300000", ex.Message);
            Assert.IsType<TimeoutException>(ex.InnerException);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task Buffers_stay_bounded_for_a_large_download()
        {
            using var harness = new ClientHarness();
            byte[] video = Answers.RandomBytes(5 * 1024 * 1024);
            harness.Mock.When(HttpMethod.Get, CdnUrl).Respond(_ => Answers.Bytes(video));
            var destination = new NonSeekableSink();

            long written = await harness.Client.DownloadAsync(new Uri(CdnUrl), destination, null, CancellationToken.None);

            Assert.Equal(video.Length, written);
            Assert.InRange(destination.LargestWrite, 1, HttpTransport.DownloadBufferSize);
        }

        [Fact]
        public async Task Signed_query_strings_stay_out_of_resume_log_lines_and_errors()
        {
            using var harness = new ClientHarness { MaxRetries = 1 };
            string signed = CdnUrl + "?X-Amz-Signature=deadbeefcafe";
            harness.Mock.When(HttpMethod.Get, CdnUrl).Respond(_ => Answers.Stream(new ScriptedStream(new byte[10], "error reading " + signed), 100));

            var ex = await Assert.ThrowsAsync<IOException>(() => harness.Client.DownloadAsync(new Uri(signed), new MemoryStream(), null, CancellationToken.None));

            Assert.NotEmpty(harness.Log);
            Assert.All(harness.Log, l => Assert.DoesNotContain("deadbeefcafe", l));
            Assert.Contains("error reading " + CdnUrl, ex.Message);
            Assert.DoesNotContain("deadbeefcafe", ex.Message);
        }

        /// <summary>Gives its bytes, then stalls ignoring the token; only Dispose (closing the answer) ends the read.</summary>
        private sealed class DeafStallingStream : FakeBody
        {
            private readonly RecordingTimeProvider _clock;
            private readonly TaskCompletionSource<int> _closed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

            public DeafStallingStream(byte[] data, RecordingTimeProvider clock)
                : base(data)
            {
                _clock = clock;
            }

            protected override async ValueTask<int> AfterDataAsync(CancellationToken cancellationToken)
            {
                _clock.Advance(TimeSpan.FromMinutes(1));
                Task finished = await Task.WhenAny(_closed.Task, Task.Delay(Hang.Limit));
                if (finished != _closed.Task) throw new InvalidOperationException("The client never closed a stalled answer.");
                return await _closed.Task;
            }

            protected override void Dispose(bool disposing)
            {
                _closed.TrySetException(new ObjectDisposedException(nameof(DeafStallingStream)));
                base.Dispose(disposing);
            }
        }

        /// <summary>Gives one chunk per read, moving the virtual clock on before each.</summary>
        private sealed class TrickleStream : FakeBody
        {
            private readonly RecordingTimeProvider _clock;
            private readonly TimeSpan _gap;

            public TrickleStream(byte[] data, int chunk, RecordingTimeProvider clock, TimeSpan gap)
                : base(data, chunk)
            {
                _clock = clock;
                _gap = gap;
            }

            protected override void BeforeChunk(CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _clock.Advance(_gap);
                cancellationToken.ThrowIfCancellationRequested();
            }

            protected override ValueTask<int> AfterDataAsync(CancellationToken cancellationToken) => new ValueTask<int>(0);
        }

        /// <summary>Gives its bytes, then cancels the caller's token (Ctrl+C mid-download) and waits for the cancellation.</summary>
        private sealed class CancelAfterStream : FakeBody
        {
            private readonly CancellationTokenSource _caller;

            public CancelAfterStream(byte[] data, CancellationTokenSource caller)
                : base(data)
            {
                _caller = caller;
            }

            protected override async ValueTask<int> AfterDataAsync(CancellationToken cancellationToken)
            {
                _caller.Cancel();
                await Hang.UntilCancelled(cancellationToken);
                return 0;
            }
        }
    }
}
