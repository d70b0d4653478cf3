using System;
using System.IO;
using System.Linq;
using System.Net.Http;
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
    /// A temporary file a killed run left (bytes plus state file) is continued by the next run when the server confirms
    /// the same file, and started over when it does not; the finished video leaves no temporary file behind.
    /// </summary>
    public sealed class CrashSafeDownloadTests : IDisposable
    {
        private const string Url = "https://cdn.example.test/videos/job_1.mp4";
        private const string Job = "job_1";
        private const int Size = 300_000;
        private const string ETag = "\"job_1-v1\"";
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-crash-" + Guid.NewGuid().ToString("N"))).FullName;
        private readonly ClientHarness _harness = new ClientHarness();
        private readonly byte[] _video = Answers.RandomBytes(Size, seed: 7);
        private readonly FakeCdn _cdn;

        public CrashSafeDownloadTests()
        {
            _cdn = new FakeCdn(_video, _harness.Clock) { ETag = ETag };
            _harness.Mock.When(HttpMethod.Get, Url).Respond(request => _cdn.Respond(request));
        }

        public void Dispose()
        {
            _harness.Dispose();
            Directory.Delete(_dir, recursive: true);
        }

        private string Target => Path.Combine(_dir, "job_1.mp4");

        /// <summary>What a run killed mid-download leaves: the first bytes in the temporary file, and its state file.</summary>
        private PartialFile LeaveLeftover(byte[] bytes, DownloadValidator? validator, string job = Job, string? target = null)
        {
            PartialFile partial = PartialFile.For(target ?? Target, job);
            File.WriteAllBytes(partial.Path, bytes);
            if (validator != null) PartialFileState.Write(partial.StatePath, job, partial.FileName, validator);
            return partial;
        }

        private Task<(long Length, long KeptBytes)> Save(string? target = null, bool overwrite = false)
            => VideoFileWriter.DownloadAsync(_harness.Client, new JobSnapshot { JobUid = Job, Status = JobStatus.Succeeded, VideoUrl = new Uri(Url) }, target ?? Target, overwrite, null, CancellationToken.None);

        private string[] FilesInFolder() => Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

        [Fact]
        public void Temporary_name_is_hidden_derived_from_job_and_file_and_differs_per_target()
        {
            PartialFile a = PartialFile.For(Target, Job);

            Assert.Equal(a.Path, PartialFile.For(Target, Job).Path);
            Assert.Matches(@"^\.job_1\.mp4\.[0-9a-f]{12}\.partial$", Path.GetFileName(a.Path));
            Assert.Equal(a.Path + ".json", a.StatePath);
            Assert.NotEqual(a.Path, PartialFile.For(Path.Combine(_dir, "other.mp4"), Job).Path);
            Assert.NotEqual(a.Path, PartialFile.For(Target, "job_2").Path);
            Assert.NotEqual(a.Path, PartialFile.For(Path.Combine(_dir, "sub", "job_1.mp4"), Job).Path);
        }

        [Fact]
        public async Task Leftover_of_a_killed_run_is_continued_with_Range_and_If_Range_and_the_video_is_byte_identical()
        {
            LeaveLeftover(_video.Take(120_000).ToArray(), new DownloadValidator(Size, ETag, null));

            (long length, long kept) = await Save();

            Assert.Equal(Size, length);
            Assert.Equal(120_000, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { "bytes=120000-" }, _cdn.Ranges);
            Assert.Equal(new string?[] { ETag }, _cdn.IfRanges);
            Assert.Equal(new[] { "job_1.mp4" }, FilesInFolder());
            Assert.Equal(0, _harness.Client.Statistics.DownloadRestarts);
            Assert.Contains(_harness.Log, line => line.Contains("after 120000 bytes kept from an earlier attempt of 300000"));
        }

        [Fact]
        public async Task Leftover_with_only_Last_Modified_recorded_is_continued_with_If_Range_by_date()
        {
            var modified = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
            _cdn.ETag = null;
            _cdn.LastModified = modified;
            LeaveLeftover(_video.Take(50_000).ToArray(), new DownloadValidator(Size, null, modified));

            (_, long kept) = await Save();

            Assert.Equal(50_000, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { modified.ToString("r") }, _cdn.IfRanges);
        }

        [Fact]
        public async Task Leftover_whose_ETag_changed_is_started_over_from_the_200_the_server_sends()
        {
            LeaveLeftover(Enumerable.Repeat((byte)0xEE, 120_000).ToArray(), new DownloadValidator(Size, "\"job_1-v0\"", null));

            (long length, long kept) = await Save();

            Assert.Equal(Size, length);
            Assert.Equal(0, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { "bytes=120000-" }, _cdn.Ranges);
            Assert.Equal(new string?[] { "\"job_1-v0\"" }, _cdn.IfRanges);
            Assert.Equal(1, _harness.Client.Statistics.DownloadRestarts);
            Assert.Equal(new[] { "job_1.mp4" }, FilesInFolder());
        }

        [Fact]
        public async Task Leftover_whose_ETag_changed_is_started_over_even_when_the_server_ignores_If_Range()
        {
            // A server that answers 206 with the new version's bytes: appending them would corrupt the video.
            _cdn.HonourIfRange = false;
            LeaveLeftover(Enumerable.Repeat((byte)0xEE, 120_000).ToArray(), new DownloadValidator(Size, "\"job_1-v0\"", null));

            (_, long kept) = await Save();

            Assert.Equal(0, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { "bytes=120000-", null }, _cdn.Ranges);
            Assert.Contains(_harness.Log, line => line.Contains("ETag changed from \"job_1-v0\" to " + ETag));
        }

        [Fact]
        public async Task Leftover_whose_file_length_changed_is_started_over()
        {
            _cdn.HonourIfRange = false;
            LeaveLeftover(Enumerable.Repeat((byte)0xEE, 1_000).ToArray(), new DownloadValidator(Size + 5, ETag, null));

            (_, long kept) = await Save();

            Assert.Equal(0, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { "bytes=1000-", null }, _cdn.Ranges);
        }

        [Fact]
        public async Task Server_that_ignores_Range_gets_the_video_started_over_from_its_200()
        {
            _cdn.HonourRange = false;
            LeaveLeftover(_video.Take(120_000).ToArray(), new DownloadValidator(Size, ETag, null));

            (_, long kept) = await Save();

            Assert.Equal(0, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Single(_cdn.Ranges);
            Assert.Equal(1, _harness.Client.Statistics.DownloadRestarts);
        }

        [Fact]
        public async Task Leftover_longer_than_the_recorded_length_is_started_over_without_a_Range_request()
        {
            LeaveLeftover(new byte[Size + 10], new DownloadValidator(Size, ETag, null));

            (long length, long kept) = await Save();

            Assert.Equal(Size, length);
            Assert.Equal(0, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { null }, _cdn.Ranges);
        }

        [Fact]
        public async Task Leftover_without_a_readable_state_file_is_started_over_without_a_Range_request()
        {
            PartialFile partial = LeaveLeftover(Enumerable.Repeat((byte)0xEE, 120_000).ToArray(), null);
            File.WriteAllText(partial.StatePath, "{\"job_uid\":\"job_1\",\"fi");   // cut mid-write

            (_, long kept) = await Save();

            Assert.Equal(0, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { null }, _cdn.Ranges);
            Assert.Equal(new[] { "job_1.mp4" }, FilesInFolder());
        }

        [Fact]
        public async Task Leftover_that_was_already_complete_is_saved_from_the_416_without_downloading_again()
        {
            LeaveLeftover(_video, new DownloadValidator(Size, ETag, null));

            (long length, long kept) = await Save();

            Assert.Equal(Size, length);
            Assert.Equal(Size, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { "bytes=300000-" }, _cdn.Ranges);
        }

        [Fact]
        public async Task Leftover_for_another_target_of_the_same_job_is_not_used_and_not_touched()
        {
            string other = Path.Combine(_dir, "other.mp4");
            PartialFile foreign = LeaveLeftover(Enumerable.Repeat((byte)0xEE, 120_000).ToArray(), new DownloadValidator(Size, ETag, null), target: other);

            (_, long kept) = await Save();

            Assert.Equal(0, kept);
            Assert.Equal(_video, File.ReadAllBytes(Target));
            Assert.Equal(new string?[] { null }, _cdn.Ranges);
            Assert.Equal(120_000, new FileInfo(foreign.Path).Length);
            Assert.True(File.Exists(foreign.StatePath));
        }

        [Fact]
        public async Task State_file_records_the_servers_validator_while_the_download_runs_and_is_gone_after()
        {
            PartialFile partial = PartialFile.For(Target, Job);
            PartialFileState? during = null;
            long partialLengthThen = -1;
            _harness.Mock.Clear();
            _harness.Mock.When(HttpMethod.Get, Url).Respond(request =>
            {
                HttpResponseMessage answer = _cdn.Respond(request);
                answer.Content = new DeferredContent(answer.Content, () =>
                {
                    during = PartialFileState.TryRead(partial.StatePath);
                    partialLengthThen = new FileInfo(partial.Path).Length;
                });
                return answer;
            });

            await Save();

            Assert.NotNull(during);
            Assert.Equal(Job, during!.JobUid);
            Assert.Equal("job_1.mp4", during.FileName);
            Assert.Equal(Size, during.Validator.Length);
            Assert.Equal(ETag, during.Validator.ETag);
            Assert.Equal(0, partialLengthThen);
            Assert.Equal(new[] { "job_1.mp4" }, FilesInFolder());
        }

        [Fact]
        public async Task Temporary_file_held_by_another_process_is_an_error_that_leaves_it_untouched_and_downloads_nothing()
        {
            PartialFile partial = LeaveLeftover(_video.Take(1_000).ToArray(), new DownloadValidator(Size, ETag, null));
            using (FileStream? other = ExclusiveFile.TryOpen(partial.Path, create: false))
            {
                Assert.NotNull(other);

                var ex = await Assert.ThrowsAsync<IOException>(() => Save());

                Assert.Contains("Another process is saving job job_1", ex.Message);
                Assert.Empty(_cdn.Ranges);
                Assert.False(File.Exists(Target));
            }

            Assert.Equal(_video.Take(1_000).ToArray(), File.ReadAllBytes(partial.Path));
            Assert.True(File.Exists(partial.StatePath));
        }

        [Fact]
        public async Task Failure_removes_this_runs_temporary_file_and_state()
        {
            _harness.MaxRetries = 0;
            _cdn.Then(BodyFault.Reset, 100_000);

            await Assert.ThrowsAsync<IOException>(() => Save());

            Assert.Empty(FilesInFolder());
        }

        [Fact]
        public void Stale_partials_of_the_job_are_found_but_not_those_of_other_jobs()
        {
            PartialFile own = LeaveLeftover(new byte[10], new DownloadValidator(Size, ETag, null));
            PartialFile renamed = LeaveLeftover(new byte[10], new DownloadValidator(Size, ETag, null), target: Path.Combine(_dir, "renamed.mp4"));
            PartialFile otherJob = LeaveLeftover(new byte[10], new DownloadValidator(Size, ETag, null), job: "job_2");
            string legacy = Path.Combine(_dir, ".job_1.mp4.1a2b3c4d.partial");
            string legacyOfOther = Path.Combine(_dir, ".job_2.mp4.1a2b3c4d.partial");
            File.WriteAllBytes(legacy, new byte[10]);
            File.WriteAllBytes(legacyOfOther, new byte[10]);

            string[] found = StalePartials.Find(_dir, Job, "job_1.mp4").OrderBy(p => p, StringComparer.Ordinal).ToArray();

            Assert.Equal(new[] { own.Path, renamed.Path, legacy }.OrderBy(p => p, StringComparer.Ordinal).ToArray(), found);
            Assert.DoesNotContain(otherJob.Path, found);
        }

        [Fact]
        public void Stale_partial_held_by_another_process_is_not_removed()
        {
            PartialFile own = LeaveLeftover(new byte[10], new DownloadValidator(Size, ETag, null));
            using (ExclusiveFile.TryOpen(own.Path, create: false))
            {
                Assert.Null(StalePartials.TryRemove(own.Path));
            }

            Assert.True(File.Exists(own.Path));
            Assert.Equal(10, StalePartials.TryRemove(own.Path));
            Assert.Empty(FilesInFolder());
        }

        /// <summary>Content that runs a check when the client starts reading the body (headers handled, nothing written yet).</summary>
        private sealed class DeferredContent : HttpContent
        {
            private readonly HttpContent _inner;
            private readonly Action _beforeBody;

            public DeferredContent(HttpContent inner, Action beforeBody)
            {
                _inner = inner;
                _beforeBody = beforeBody;
                foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            protected override Task<Stream> CreateContentReadStreamAsync()
            {
                _beforeBody();
                return _inner.ReadAsStreamAsync();
            }

            protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
            {
                _beforeBody();
                await _inner.CopyToAsync(stream);
            }

            protected override bool TryComputeLength(out long length)
            {
                length = _inner.Headers.ContentLength ?? 0;
                return _inner.Headers.ContentLength.HasValue;
            }
        }
    }
}
