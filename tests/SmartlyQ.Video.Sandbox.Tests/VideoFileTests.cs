using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class VideoFileTests
    {
        private static async Task<string> CompletedVideoUrlAsync(TestSandbox sandbox)
        {
            var id = await sandbox.SubmitAsync();
            var done = await sandbox.WaitForStatusAsync(id, "completed");
            return done.Data.GetProperty("result").GetProperty("video_url").GetString()!;
        }

        private static async Task<byte[]> DownloadAsync(string url)
        {
            using var http = new HttpClient(); // no Authorization: files are served like a CDN
            using var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            return bytes;
        }

        [Fact]
        public async Task Completed_job_has_a_downloadable_mp4_with_ftyp_moov_and_a_trailing_free_box()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var url = await CompletedVideoUrlAsync(sandbox);
            Assert.StartsWith(sandbox.Server.RootUri + "files/job_", url);
            Assert.EndsWith(".mp4", url);

            var bytes = await DownloadAsync(url);
            var boxes = Mp4Boxes.TopLevel(bytes);

            Assert.Equal("ftyp", boxes[0].Type);
            Assert.Contains(boxes, b => b.Type == "moov");
            Assert.Contains(boxes, b => b.Type == "mdat");
            Assert.True(boxes.FindIndex(b => b.Type == "moov") < boxes.FindIndex(b => b.Type == "mdat"), "moov should precede mdat (faststart)");
            var free = boxes[^1];
            Assert.Equal("free", free.Type);
            var jobId = Path.GetFileNameWithoutExtension(new Uri(url).AbsolutePath);
            Assert.Contains(jobId, Encoding.ASCII.GetString(bytes, (int)free.Offset, (int)free.Size));
        }

        [Fact]
        public async Task Two_jobs_get_different_files_around_the_same_clip()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var a = await DownloadAsync(await CompletedVideoUrlAsync(sandbox));
            var b = await DownloadAsync(await CompletedVideoUrlAsync(sandbox));

            Assert.False(a.AsSpan().SequenceEqual(b), "two jobs served identical files");
            var clipLength = (int)Mp4Boxes.TopLevel(a)[^1].Offset;
            Assert.Equal(clipLength, (int)Mp4Boxes.TopLevel(b)[^1].Offset);
            Assert.True(a.AsSpan(0, clipLength).SequenceEqual(b.AsSpan(0, clipLength)), "the playable part should be the shared clip");
        }

        [Fact]
        public async Task Video_size_option_sets_the_exact_file_size()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSizeBytes = 3_000_000);
            var bytes = await DownloadAsync(await CompletedVideoUrlAsync(sandbox));

            Assert.Equal(3_000_000, bytes.Length);
            var boxes = Mp4Boxes.TopLevel(bytes);
            Assert.Equal("ftyp", boxes[0].Type);
            Assert.Equal("free", boxes[^1].Type);
            Assert.True(boxes[^1].Size > 2_900_000);
        }

        [Fact]
        public async Task Range_request_returns_206_with_the_matching_slice()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var url = await CompletedVideoUrlAsync(sandbox);
            var full = await DownloadAsync(url);

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(100, 199);
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal($"bytes 100-199/{full.Length}", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(full.Skip(100).Take(100), await response.Content.ReadAsByteArrayAsync());
        }

        [Fact]
        public async Task One_gigabyte_file_is_served_as_a_stream_with_ranges()
        {
            const long size = 1L << 30;
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSizeBytes = size);
            var url = await CompletedVideoUrlAsync(sandbox);

            using var http = new HttpClient();
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(size, head.Content.Headers.ContentLength);

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(null, 64);
            using var tail = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
            Assert.Equal($"bytes {size - 64}-{size - 1}/{size}", tail.Content.Headers.ContentRange?.ToString());
            Assert.Equal(64, (await tail.Content.ReadAsByteArrayAsync()).Length);
        }

        [Fact]
        public async Task Unknown_and_unfinished_jobs_have_no_file()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.QueuedDuration = TimeSpan.FromMinutes(5));
            var id = await sandbox.SubmitAsync();

            ApiAssert.Error(await sandbox.GetAsync($"files/{id}.mp4", key: null), 404, "RESOURCE_NOT_FOUND");
            ApiAssert.Error(await sandbox.GetAsync("files/job_000000000000.mp4", key: null), 404, "RESOURCE_NOT_FOUND");
            ApiAssert.Error(await sandbox.GetAsync($"files/{id}", key: null), 404, "RESOURCE_NOT_FOUND");
        }
    }

    /// <summary>Walks top-level ISO-BMFF boxes and checks they exactly cover the file.</summary>
    internal static class Mp4Boxes
    {
        public sealed record Box(string Type, long Offset, long Size);

        public static List<Box> TopLevel(byte[] bytes)
        {
            var boxes = new List<Box>();
            long offset = 0;
            while (offset < bytes.Length)
            {
                Assert.True(offset + 8 <= bytes.Length, $"truncated box header at {offset}");
                long size = (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
                var type = Encoding.ASCII.GetString(bytes, (int)offset + 4, 4);
                if (size == 1)
                {
                    size = 0;
                    for (var i = 0; i < 8; i++) size = size << 8 | bytes[offset + 8 + i];
                }
                Assert.True(size >= 8, $"box '{type}' at {offset} has size {size}");
                boxes.Add(new Box(type, offset, size));
                offset += size;
            }
            Assert.Equal(bytes.Length, offset);
            return boxes;
        }
    }
}
