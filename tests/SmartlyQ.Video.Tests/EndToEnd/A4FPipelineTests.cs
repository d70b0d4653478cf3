using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>
    /// <c>Import-Csv a4f-prompts.csv | New-SqVideo -ThrottleLimit 2 | Wait-SqJob | Save-SqVideo</c> over
    /// <c>Connect-SmartlyQ -Provider A4F</c>, through the operations over real loopback HTTP against the sandbox's A4F
    /// emulator: jobs come back at once while the synchronous requests run, and the saved files are the decoded videos.
    /// </summary>
    public sealed class A4FPipelineTests : IAsyncLifetime
    {
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-e2e-a4f-" + Guid.NewGuid().ToString("N"))).FullName;
        private SandboxServer _sandbox = null!;

        public async Task InitializeAsync()
            => _sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                QueuedDuration = TimeSpan.FromMilliseconds(200),
                ProcessingDuration = TimeSpan.FromMilliseconds(400),
                VideoSizeBytes = 3 * 1024 * 1024,
            });

        public async Task DisposeAsync()
        {
            await _sandbox.DisposeAsync();
            Directory.Delete(_videos, recursive: true);
        }

        [Fact]
        public async Task Example_csv_gives_three_charged_generations_three_valid_mp4s_and_free_errors_naming_A4F_and_the_field()
        {
            CancellationToken ct = CancellationToken.None;
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters
                {
                    Provider = "A4F",
                    ApiKey = TestSecrets.Secure(SandboxServer.A4FKey),
                    BaseUri = _sandbox.ProviderBaseUri("A4F"),
                },
                new FakeSink(), ct);
            Assert.Equal("A4F", connection.Provider);

            List<Dictionary<string, string>> rows = CsvTable.Read(Path.Combine(RepoPaths.Root, "examples", "a4f-prompts.csv"));
            Assert.Equal(5, rows.Count);

            // New-SqVideo: a duration beyond the model's cap and a field A4F has no place for are refused unsent.
            var submitted = new FakeSink();
            var newVideo = new NewVideoOperation(connection, new NewVideoOptions { ThrottleLimit = 2 });
            foreach (Dictionary<string, string> row in rows)
                await newVideo.ProcessAsync(CsvRowBinding.ToInput(row), submitted, ct);

            Assert.Equal(2, submitted.Errors.Count);
            OperationError tooLong = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["duration"] == "8"
                                                                  && ((Dictionary<string, string>)e.TargetObject!)["model"] == "provider-2/sora-2");
            Assert.Contains("duration", tooLong.Exception.Message);
            OperationError negative = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["negative_prompt"] != "");
            Assert.Matches("(?i)negative_?prompt", negative.Exception.Message);
            Assert.All(submitted.Errors, e => Assert.Contains("A4F", e.RecommendedAction));

            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            Assert.Equal(3, jobs.Count);
            Assert.All(jobs, j =>
            {
                Assert.Matches("^a4f_[0-9a-f]{32}$", j.JobUid);
                Assert.Equal("A4F", j.Provider);
                Assert.False(j.Status.IsTerminal());
            });

            // Wait-SqJob
            var waited = new FakeSink();
            using (var wait = new WaitJobOperation(connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 120 }))
            {
                foreach (VideoJob job in jobs) wait.Track(job, job);
                await wait.WaitAllAsync(waited, ct);
            }

            Assert.Empty(waited.Errors);
            List<VideoJob> finished = waited.OutputOf<VideoJob>();
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), finished.Select(j => j.JobUid).OrderBy(u => u));
            Assert.All(finished, j => Assert.Equal(JobStatus.Succeeded, j.Status));

            // Save-SqVideo: each file is the decoded answer, byte for byte the sandbox's video.
            var saved = new FakeSink();
            using var save = new SaveVideoOperation(connection, new SaveVideoOptions { Directory = _videos });
            foreach (VideoJob job in finished) await save.ProcessAsync(job, null, job, saved, ct);
            await save.CompleteAsync(saved, ct);

            Assert.Empty(saved.Errors);
            List<FileInfo> files = saved.SavedFiles();
            Assert.Equal(jobs.Select(j => j.JobUid + ".mp4").OrderBy(n => n), files.Select(f => f.Name).OrderBy(n => n));
            foreach (FileInfo file in files)
            {
                List<string> boxes = Mp4Boxes.TopLevel(file.FullName);
                Assert.Equal("ftyp", boxes[0]);
                Assert.Contains("moov", boxes);
                using SHA256 sha = SHA256.Create();
                Assert.Equal(_sandbox.GetVideoSha256(Path.GetFileNameWithoutExtension(file.Name)),
                    string.Concat(sha.ComputeHash(File.ReadAllBytes(file.FullName)).Select(b => b.ToString("x2"))));
            }
            Assert.DoesNotContain(Directory.GetFiles(_videos), f => !f.EndsWith(".mp4", StringComparison.Ordinal));

            // The ledger: one A4F generation per job, none for the bad rows.
            var charges = _sandbox.Ledger.Entries.Where(e => e.Kind == SandboxLedgerEntry.ChargeKind && e.Provider == "A4F").ToList();
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), charges.Select(c => c.JobUid).OrderBy(u => u));
        }
    }
}
