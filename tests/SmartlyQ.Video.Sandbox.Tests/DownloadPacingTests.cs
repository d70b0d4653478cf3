using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    /// <summary>DownloadBytesPerSecond slows file answers down (so a test can kill a client mid-download), and /sandbox/downloads counts what was sent.</summary>
    public class DownloadPacingTests
    {
        private static async Task<string> CompletedVideoUrlAsync(TestSandbox sandbox)
        {
            var id = await sandbox.SubmitAsync();
            var done = await sandbox.WaitForStatusAsync(id, "completed");
            return done.Data.GetProperty("result").GetProperty("video_url").GetString()!;
        }

        [Fact]
        public async Task Paced_answer_takes_at_least_its_size_divided_by_the_rate_and_is_complete()
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.VideoSizeBytes = 400_000;
                o.DownloadBytesPerSecond = 400_000;
            });
            var url = await CompletedVideoUrlAsync(sandbox);
            using var http = new HttpClient();

            var clock = Stopwatch.StartNew();
            var bytes = await http.GetByteArrayAsync(url);
            clock.Stop();

            Assert.Equal(400_000, bytes.Length);
            Assert.Equal(sandbox.Server.GetVideoSha256(url[(url.LastIndexOf('/') + 1)..^4]), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            // Lower bound only (a busy machine is slower, never faster): 400 kB at 400 kB/s is about 1 s.
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.8), "took " + clock.Elapsed);
        }

        [Fact]
        public async Task Download_stats_count_full_and_continued_answers_and_the_bytes_not_sent_again()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSizeBytes = 100_000);
            var url = await CompletedVideoUrlAsync(sandbox);
            using var http = new HttpClient();
            await http.GetByteArrayAsync(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(60_000, null);
            using var rest = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
            Assert.Equal(40_000, (await rest.Content.ReadAsByteArrayAsync()).Length);
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

            SandboxDownloadStats stats = sandbox.Server.Downloads;
            Assert.Equal(2, stats.Answers);
            Assert.Equal(1, stats.Continued);
            Assert.Equal(140_000, stats.BytesSent);
            Assert.Equal(60_000, stats.BytesSkipped);

            var route = await sandbox.GetAsync("sandbox/downloads", key: null);
            Assert.Equal(200, route.Status);
            Assert.Equal(60_000, route.Json.GetProperty("bytes_skipped").GetInt64());
            Assert.Equal(1, route.Json.GetProperty("continued").GetInt64());
        }

        [Fact]
        public async Task Negative_rate_is_refused_at_start()
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => TestSandbox.StartAsync(o => o.DownloadBytesPerSecond = -1));

            Assert.Contains("DownloadBytesPerSecond", ex.Message);
        }
    }
}
