using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Downloads
{
    /// <summary>
    /// Every finished download scans the folder's state files (<see cref="StalePartials.Find"/>) while the run's other
    /// downloads write theirs, so a read and a write of one state file may overlap: neither may fail the other.
    /// </summary>
    public sealed class PartialFileStateSharingTests : IDisposable
    {
        private const string Url = "https://cdn.example.test/videos/job_1.mp4";
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-state-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private string Target => Path.Combine(_dir, "job_1.mp4");

        private string StatePath => PartialFile.For(Target, "job_1").StatePath;

        [Fact]
        public void A_state_file_can_be_rewritten_while_a_scan_is_reading_it()
        {
            PartialFileState.Write(StatePath, "job_1", "job_1.mp4", new DownloadValidator(100, "\"v1\"", null));

            using (FileStream scanning = PartialFileState.OpenRead(StatePath))
                PartialFileState.Write(StatePath, "job_1", "job_1.mp4", new DownloadValidator(200, "\"v2\"", null));

            Assert.Equal("\"v2\"", PartialFileState.TryRead(StatePath)!.Validator.ETag);
        }

        [Fact]
        public async Task A_download_that_starts_over_rewrites_its_state_while_another_download_scans_the_folder()
        {
            // First answer: 50,000 bytes, then a reset, at the moment another download's scan has the state file open;
            // the resume is answered 200 with the whole file, so the state is written again while the scan still reads.
            byte[] video = Answers.RandomBytes(200_000);
            FileStream? scan = null;
            int answers = 0;
            using var harness = new ClientHarness();
            harness.Mock.When(HttpMethod.Get, Url).Respond(_ =>
            {
                Stream body = Interlocked.Increment(ref answers) == 1
                    ? new ResetDuringScan(video.Take(50_000).ToArray(), () => scan = PartialFileState.OpenRead(StatePath))
                    : new MemoryStream(video);
                var content = new StreamContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
                content.Headers.ContentLength = video.Length;
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
                response.Headers.ETag = new EntityTagHeaderValue("\"job_1-v1\"");
                return response;
            });

            try
            {
                (long length, _) = await VideoFileWriter.DownloadAsync(harness.Client, new JobSnapshot { JobUid = "job_1", Status = JobStatus.Succeeded, VideoUrl = new Uri(Url) }, Target, false, null, CancellationToken.None);

                Assert.NotNull(scan);
                Assert.Equal(1, harness.Client.Statistics.DownloadRestarts);
                Assert.Equal(video.Length, length);
                Assert.Equal(video, File.ReadAllBytes(Target));
            }
            finally
            {
                scan?.Dispose();
            }

            Assert.Equal(new[] { "job_1.mp4" }, Directory.GetFiles(_dir).Select(Path.GetFileName).ToArray());
        }

        /// <summary>Gives its bytes, lets a scan open the state file, then fails like a dropped connection.</summary>
        private sealed class ResetDuringScan : FakeBody
        {
            private readonly Action _scan;

            public ResetDuringScan(byte[] data, Action scan)
                : base(data)
            {
                _scan = scan;
            }

            protected override ValueTask<int> AfterDataAsync(CancellationToken cancellationToken)
            {
                _scan();
                throw new IOException("connection reset by peer");
            }
        }
    }
}
