using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    public sealed class SaveVideoOperationTests : IDisposable
    {
        private readonly FakeVideoProvider _provider = new FakeVideoProvider();
        private readonly FakeSink _sink = new FakeSink();
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-save-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        /// <summary>One record, then EndProcessing, as the cmdlet runs them.</summary>
        private async Task Save(VideoJob? job, string? uid = null, string? fileName = null, bool force = false, string? dir = null)
        {
            using var save = new SaveVideoOperation(FakeConnection.For(_provider), new SaveVideoOptions { Directory = dir ?? _dir, FileName = fileName, Force = force });
            await save.ProcessAsync(job, uid, null, _sink, CancellationToken.None);
            await save.CompleteAsync(_sink, CancellationToken.None);
        }

        private static VideoJob Completed(string uid) => new VideoJob
        {
            JobUid = uid, Status = JobStatus.Succeeded, Model = "kling-v2-1", VideoUrl = new Uri("https://cdn.example.test/videos/" + uid + ".mp4"),
        };

        [Fact]
        public async Task Saves_job_uid_mp4_and_writes_its_FileInfo_leaving_no_temporary_file()
        {
            await Save(Completed("job_1"));

            FileInfo file = Assert.Single(_sink.SavedFiles());
            Assert.Equal(Path.Combine(_dir, "job_1.mp4"), file.FullName);
            Assert.Equal(FakeVideoProvider.VideoBytes("job_1"), File.ReadAllBytes(file.FullName));
            Assert.Equal(new[] { "job_1.mp4" }, Directory.GetFiles(_dir).Select(Path.GetFileName).ToArray());
        }

        [Fact]
        public async Task Job_given_by_uid_is_looked_up_first()
        {
            _provider.Script("job_9", JobStatus.Succeeded);

            await Save(null, uid: "job_9");

            Assert.Equal("job_9.mp4", Assert.Single(_sink.SavedFiles()).Name);
        }

        [Fact]
        public async Task Existing_file_is_skipped_with_a_warning_unless_Force()
        {
            string path = Path.Combine(_dir, "job_1.mp4");
            File.WriteAllText(path, "keep me");

            await Save(Completed("job_1"));
            Assert.Equal("keep me", File.ReadAllText(path));
            Assert.Contains("-Force", Assert.Single(_sink.Warnings));
            Assert.Empty(_sink.Output);

            await Save(Completed("job_1"), force: true);
            Assert.Equal(FakeVideoProvider.VideoBytes("job_1"), File.ReadAllBytes(path));
        }

        [Fact]
        public async Task WhatIf_writes_no_file()
        {
            _sink.Confirm = false;

            await Save(Completed("job_1"));

            Assert.Empty(Directory.GetFiles(_dir));
            Assert.Contains("job_1.mp4", Assert.Single(_sink.ShouldProcessCalls).Target);
        }

        [Fact]
        public async Task Unfinished_job_is_an_error_that_says_to_use_Wait_SqJob()
        {
            _provider.Script("job_busy", JobStatus.Running);

            await Save(new VideoJob { JobUid = "job_busy", Status = JobStatus.Queued });

            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal("JobNotCompleted", error.ErrorId);
            Assert.Contains("job_busy is running", error.Exception.Message);
            Assert.Contains("Wait-SqJob", error.RecommendedAction);
            Assert.Empty(Directory.GetFiles(_dir));
        }

        [Theory]
        [InlineData("../escape.mp4")]
        [InlineData("..")]
        [InlineData("sub/dir.mp4")]
        [InlineData("a:b.mp4")]
        [InlineData("/etc/x.mp4")]
        public async Task FileName_that_could_leave_Path_is_refused(string fileName)
        {
            await Save(Completed("job_1"), fileName: fileName);

            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal("InvalidFileName", error.ErrorId);
            Assert.Equal("FileName", ((ArgumentException)error.Exception).ParamName);
            Assert.Empty(Directory.GetFiles(_dir));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_dir)!, "escape.mp4"));
        }

        [Fact]
        public async Task FileName_template_fills_job_uid_and_model_and_adds_mp4()
        {
            await Save(Completed("job_1"), fileName: "{model}-{job_uid}");

            Assert.Equal("kling-v2-1-job_1.mp4", Assert.Single(_sink.SavedFiles()).Name);
        }

        [Fact]
        public async Task Broken_download_is_an_error_and_leaves_no_partial_file()
        {
            _provider.DownloadFailure = new IOException("connection reset");

            await Save(Completed("job_1"));

            Assert.Equal("SaveFailed", Assert.Single(_sink.Errors).ErrorId);
            Assert.Empty(Directory.GetFiles(_dir));
        }

        /// <summary>Bounds waits for what must happen anyway, so a broken build fails instead of hanging; never a speed check.</summary>
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task Ctrl_C_during_a_download_stops_it_and_leaves_no_partial_file()
        {
            // The body is held until cancelled: the download is provably running at Ctrl+C and cannot finish by itself.
            _provider.DownloadHangs = true;
            using var stop = new CancellationTokenSource();
            using var save = new SaveVideoOperation(FakeConnection.For(_provider), new SaveVideoOptions { Directory = _dir });
            await save.ProcessAsync(Completed("job_1"), null, null, _sink, stop.Token);
            Task saving = save.CompleteAsync(_sink, stop.Token);
            await _provider.DownloadHeld.WaitAsync(Patience);
            string partial = Assert.Single(Directory.GetFiles(_dir));
            Assert.Equal(FakeVideoProvider.VideoBytes("job_1").Length / 2, new FileInfo(partial).Length);

            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => saving.WaitAsync(Patience));

            // As the cmdlet does when the pipeline stops: cancel what runs and let it remove its temporary file.
            save.Dispose();
            for (var wait = System.Diagnostics.Stopwatch.StartNew(); Directory.GetFiles(_dir).Length > 0 && wait.Elapsed < Patience;) await Task.Delay(10);
            Assert.Empty(Directory.GetFiles(_dir));
            Assert.Empty(_sink.Output);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public async Task Downloads_run_side_by_side_up_to_ThrottleLimit_and_every_file_is_written(int throttleLimit)
        {
            _provider.DownloadDelay = TimeSpan.FromMilliseconds(50);
            using var save = new SaveVideoOperation(FakeConnection.For(_provider), new SaveVideoOptions { Directory = _dir, ThrottleLimit = throttleLimit });

            for (int i = 0; i < 12; i++)
                await save.ProcessAsync(Completed("job_" + i), null, null, _sink, CancellationToken.None);
            await save.CompleteAsync(_sink, CancellationToken.None);

            Assert.Equal(12, _sink.SavedFiles().Count);
            Assert.Equal(12, Directory.GetFiles(_dir).Length);
            Assert.Equal(throttleLimit, _provider.MaxConcurrentDownloads);
            OperationProgress last = _sink.Progress.Last(p => !p.Completed);
            Assert.StartsWith("12 of 12 videos done", last.StatusDescription);
            Assert.True(_sink.Progress.Last().Completed);
        }

        [Fact]
        public async Task Two_jobs_named_to_the_same_file_in_one_run_save_one_and_warn_for_the_other()
        {
            using var save = new SaveVideoOperation(FakeConnection.For(_provider), new SaveVideoOptions { Directory = _dir, FileName = "clip.mp4" });

            await save.ProcessAsync(Completed("job_1"), null, null, _sink, CancellationToken.None);
            await save.ProcessAsync(Completed("job_2"), null, null, _sink, CancellationToken.None);
            await save.CompleteAsync(_sink, CancellationToken.None);

            Assert.Equal("clip.mp4", Assert.Single(_sink.SavedFiles()).Name);
            Assert.Contains("another job of this run", Assert.Single(_sink.Warnings));
            Assert.Equal(FakeVideoProvider.VideoBytes("job_1"), File.ReadAllBytes(Path.Combine(_dir, "clip.mp4")));
        }

        /// <summary>What a killed run leaves for <paramref name="uid"/> saved as <paramref name="fileName"/>: temporary file and state file.</summary>
        private PartialFile LeaveLeftover(string uid, string fileName, int bytes = 1_000)
        {
            PartialFile partial = PartialFile.For(Path.Combine(_dir, fileName), uid);
            File.WriteAllBytes(partial.Path, new byte[bytes]);
            PartialFileState.Write(partial.StatePath, uid, fileName, new DownloadValidator(bytes * 10L, "\"" + uid + "\"", null));
            return partial;
        }

        [Fact]
        public async Task Skipping_an_existing_video_removes_that_jobs_leftover_temporary_files_but_not_other_jobs()
        {
            File.WriteAllText(Path.Combine(_dir, "job_1.mp4"), "saved by the killed run just before it died");
            LeaveLeftover("job_1", "job_1.mp4");
            LeaveLeftover("job_1", "renamed.mp4");
            File.WriteAllBytes(Path.Combine(_dir, ".job_1.mp4.0badf00d.partial"), new byte[5]);   // an earlier version's random name
            PartialFile otherJob = LeaveLeftover("job_2", "job_2.mp4");

            await Save(Completed("job_1"));

            Assert.Contains("already exists", Assert.Single(_sink.Warnings));
            string[] left = Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
            Assert.Equal(new[] { Path.GetFileName(otherJob.Path), Path.GetFileName(otherJob.StatePath), "job_1.mp4" }, left);
            Assert.Equal(3, _sink.Verbose.Count(v => v.StartsWith("Removed temporary file", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Skipping_an_existing_video_with_WhatIf_removes_nothing()
        {
            File.WriteAllText(Path.Combine(_dir, "job_1.mp4"), "saved");
            PartialFile leftover = LeaveLeftover("job_1", "job_1.mp4");
            _sink.Confirm = false;

            await Save(Completed("job_1"));

            Assert.True(File.Exists(leftover.Path));
            Assert.True(File.Exists(leftover.StatePath));
            Assert.Contains(_sink.ShouldProcessCalls, c => c.Target == leftover.Path && c.Action.Contains("Remove temporary file of job job_1"));
        }

        [Fact]
        public async Task Saving_a_video_leaves_no_temporary_file_of_that_job_and_keeps_a_held_one()
        {
            LeaveLeftover("job_1", "job_1.mp4");
            PartialFile renamed = LeaveLeftover("job_1", "renamed.mp4");
            PartialFile held = LeaveLeftover("job_1", "held.mp4");
            using (FileStream? otherProcess = ExclusiveFile.TryOpen(held.Path, create: false))
            {
                Assert.NotNull(otherProcess);
                await Save(Completed("job_1"));
            }

            Assert.Equal(FakeVideoProvider.VideoBytes("job_1"), File.ReadAllBytes(Path.Combine(_dir, "job_1.mp4")));
            Assert.False(File.Exists(renamed.Path));
            Assert.False(File.Exists(renamed.StatePath));
            string[] left = Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;
            Assert.Equal(new[] { Path.GetFileName(held.Path), Path.GetFileName(held.StatePath), "job_1.mp4" }, left);
            Assert.Contains(_sink.Verbose, v => v.Contains("another process has it open"));
        }

        [Fact]
        public async Task Path_that_is_missing_or_a_file_stops_the_command()
        {
            string file = Path.Combine(_dir, "a-file.txt");
            File.WriteAllText(file, "x");

            var missing = await Assert.ThrowsAsync<OperationTerminatedException>(() => Save(Completed("job_1"), dir: Path.Combine(_dir, "nope")));
            var isFile = await Assert.ThrowsAsync<OperationTerminatedException>(() => Save(Completed("job_1"), dir: file));

            Assert.Contains("does not exist", missing.Message);
            Assert.Contains("is a file", isFile.Message);
        }
    }
}
