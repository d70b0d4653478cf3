using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Chaos
{
    /// <summary>Cut and lying downloads, and the byte-exact reference a client's result is checked against.</summary>
    public class DownloadFaultTests
    {
        private static ChaosOptions Files(ChaosRouteOptions route) => new ChaosOptions { Routes = { [ChaosRouteNames.FilesGroup] = route } };

        private static async Task<(string JobId, string Url)> CompletedAsync(TestSandbox sandbox)
        {
            var id = await sandbox.SubmitAsync();
            var done = await sandbox.WaitForStatusAsync(id, "completed");
            return (id, done.Data.GetProperty("result").GetProperty("video_url").GetString()!);
        }

        /// <summary>One GET (optionally from <paramref name="from"/>): status, declared length, and the bytes that arrived before any error.</summary>
        private static async Task<(HttpStatusCode Status, long? Declared, Exception? Error)> FetchAsync(HttpClient http, string url, long? from, Stream into)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (from != null) request.Headers.Range = new RangeHeaderValue(from, null);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var declared = response.Content.Headers.ContentLength;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync();
                await body.CopyToAsync(into);
                return (response.StatusCode, declared, null);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                return (response.StatusCode, declared, ex);
            }
        }

        [Fact]
        public async Task Truncated_download_sends_the_full_length_then_cuts_and_range_requests_resume_to_the_exact_file()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (jobId, url) = await CompletedAsync(sandbox);
            var expectedLength = sandbox.Server.GetVideoLength(jobId);
            sandbox.Server.SetChaos(Files(new ChaosRouteOptions { TruncatedDownloadRate = 1 }));

            using var http = new HttpClient();
            using var file = new MemoryStream();
            var first = await FetchAsync(http, url, null, file);

            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Equal(expectedLength, first.Declared);
            Assert.NotNull(first.Error);
            Assert.InRange(file.Length, 1, expectedLength - 1);

            // Still at rate 1: every ranged answer is cut too, but each brings at least one new byte.
            var attempts = 1;
            while (file.Length < expectedLength)
            {
                Assert.True(attempts++ < 200, "resuming did not converge");
                var from = file.Length;
                var next = await FetchAsync(http, url, from, file);
                Assert.Equal(HttpStatusCode.PartialContent, next.Status);
                Assert.Equal(expectedLength - from, next.Declared);
                Assert.True(file.Length > from, "a resumed request brought no bytes");
            }

            Assert.Equal(expectedLength, file.Length);
            Assert.Equal(sandbox.Server.GetVideoSha256(jobId), Convert.ToHexStringLower(SHA256.HashData(file.ToArray())));
            Assert.True(sandbox.Server.Chaos.Injected[ChaosFaultKinds.TruncatedDownload] >= 2);
        }

        [Fact]
        public async Task Wrong_content_length_declares_more_than_is_sent_and_the_client_notices()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (jobId, url) = await CompletedAsync(sandbox);
            var realLength = sandbox.Server.GetVideoLength(jobId);
            sandbox.Server.SetChaos(Files(new ChaosRouteOptions { WrongContentLengthRate = 1 }));

            using var http = new HttpClient();
            using var file = new MemoryStream();
            var result = await FetchAsync(http, url, null, file);

            Assert.Equal(HttpStatusCode.OK, result.Status);
            Assert.True(result.Declared > realLength, $"declared {result.Declared}, real {realLength}");
            Assert.NotNull(result.Error);
            Assert.Equal(realLength, file.Length);
            Assert.Equal(sandbox.Server.GetVideoSha256(jobId), Convert.ToHexStringLower(SHA256.HashData(file.ToArray())));
            Assert.Equal(1, sandbox.Server.Chaos.Injected[ChaosFaultKinds.WrongContentLength]);

            // HttpClient's own buffering reader refuses the short body as well.
            await Assert.ThrowsAnyAsync<Exception>(() => http.GetByteArrayAsync(url));
        }

        [Fact]
        public async Task Body_faults_leave_head_requests_and_404s_alone()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (jobId, url) = await CompletedAsync(sandbox);
            sandbox.Server.SetChaos(Files(new ChaosRouteOptions { TruncatedDownloadRate = 1, WrongContentLengthRate = 1 }));

            using var http = new HttpClient();
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(sandbox.Server.GetVideoLength(jobId), head.Content.Headers.ContentLength);
            ApiAssert.Error(await sandbox.GetAsync("files/job_000000000000.mp4", key: null), 404, "RESOURCE_NOT_FOUND");
            Assert.Equal(0, sandbox.Server.Chaos.Injected[ChaosFaultKinds.TruncatedDownload]);
            Assert.Equal(0, sandbox.Server.Chaos.Injected[ChaosFaultKinds.WrongContentLength]);
        }

        [Fact]
        public async Task Video_sha256_and_length_match_a_clean_download_in_code_and_over_http()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (jobId, url) = await CompletedAsync(sandbox);

            using var http = new HttpClient();
            var bytes = await http.GetByteArrayAsync(url);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

            Assert.Equal(sha, sandbox.Server.GetVideoSha256(jobId));
            Assert.Equal(bytes.Length, sandbox.Server.GetVideoLength(jobId));
            await using (var stream = sandbox.Server.OpenVideo(jobId))
                Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(stream)));

            var route = await sandbox.GetAsync($"sandbox/files/{jobId}/sha256", key: null);
            Assert.Equal(200, route.Status);
            Assert.Equal(jobId, route.Json.GetProperty("job_uid").GetString());
            Assert.Equal(sha, route.Json.GetProperty("sha256").GetString());
            Assert.Equal(bytes.Length, route.Json.GetProperty("length").GetInt64());

            Assert.Throws<KeyNotFoundException>(() => sandbox.Server.GetVideoSha256("job_000000000000"));
            ApiAssert.Error(await sandbox.GetAsync("sandbox/files/job_000000000000/sha256", key: null), 404, "RESOURCE_NOT_FOUND");
        }

        [Fact]
        public async Task Sha256_follows_the_configured_video_size()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSizeBytes = 500_000);
            var (jobId, url) = await CompletedAsync(sandbox);
            using var http = new HttpClient();
            var bytes = await http.GetByteArrayAsync(url);
            Assert.Equal(500_000, sandbox.Server.GetVideoLength(jobId));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sandbox.Server.GetVideoSha256(jobId));
        }
    }
}
