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
    /// <c>Import-Csv kling-prompts.csv | New-SqVideo | Wait-SqJob | Save-SqVideo</c> over <c>Connect-SmartlyQ -Provider
    /// Kling</c> with a gateway token, through the operations over real loopback HTTP against the sandbox's new-api
    /// gateway (its Kling routes).
    /// </summary>
    public sealed class KlingPipelineTests : IAsyncLifetime
    {
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-e2e-kling-" + Guid.NewGuid().ToString("N"))).FullName;
        private SandboxServer _sandbox = null!;

        public async Task InitializeAsync()
            => _sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                QueuedDuration = TimeSpan.FromMilliseconds(200),
                ProcessingDuration = TimeSpan.FromMilliseconds(400),
            });

        public async Task DisposeAsync()
        {
            await _sandbox.DisposeAsync();
            Directory.Delete(_videos, recursive: true);
        }

        [Fact]
        public async Task Example_csv_gives_three_charged_tasks_on_their_routes_three_valid_mp4s_and_free_errors_naming_Kling_and_the_field()
        {
            CancellationToken ct = CancellationToken.None;
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters
                {
                    Provider = "Kling",
                    ApiKey = TestSecrets.Secure(SandboxServer.NewApiKey),
                    BaseUri = _sandbox.ProviderBaseUri("Kling"),
                },
                new FakeSink(), ct);
            Assert.Equal("Kling", connection.Provider);

            List<Dictionary<string, string>> rows = CsvTable.Read(Path.Combine(RepoPaths.Root, "examples", "kling-prompts.csv"));
            Assert.Equal(5, rows.Count);

            // New-SqVideo: a field Kling has no place for (seed) and a duration it does not offer are refused unsent.
            var submitted = new FakeSink();
            var newVideo = new NewVideoOperation(connection);
            foreach (Dictionary<string, string> row in rows)
                await newVideo.ProcessAsync(CsvRowBinding.ToInput(row), submitted, ct);

            Assert.Equal(2, submitted.Errors.Count);
            OperationError seed = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["seed"] == "42");
            Assert.Contains("Kling does not accept Seed", seed.Exception.Message);
            OperationError duration = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["duration"] == "7");
            Assert.Equal("duration", ((ArgumentException)duration.Exception).ParamName);
            Assert.Contains("nothing charged", duration.Exception.Message);
            Assert.All(submitted.Errors, e => Assert.Contains("Kling", e.RecommendedAction));

            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            Assert.Equal(3, jobs.Count);
            Assert.All(jobs, j => Assert.Equal("Kling", j.Provider));
            // The image row's uid remembers its route (image2video); the others are the gateway's task ids.
            Assert.Equal(2, jobs.Count(j => System.Text.RegularExpressions.Regex.IsMatch(j.JobUid, "^task_[0-9A-Za-z]{32}$")));
            Assert.Single(jobs, j => System.Text.RegularExpressions.Regex.IsMatch(j.JobUid, "^i2v-task_[0-9A-Za-z]{32}$"));

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

            // Save-SqVideo: from Kling's result URL, which needs no token.
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
                string taskId = Path.GetFileNameWithoutExtension(file.Name).Replace("i2v-", "");
                using SHA256 sha = SHA256.Create();
                Assert.Equal(_sandbox.GetVideoSha256(taskId), string.Concat(sha.ComputeHash(File.ReadAllBytes(file.FullName)).Select(b => b.ToString("x2"))));
            }

            // The ledger: one Kling charge per task (no idempotency key: Kling takes none), none for the bad rows.
            var charges = _sandbox.Ledger.Entries.Where(e => e.Kind == SandboxLedgerEntry.ChargeKind && e.Provider == "Kling").ToList();
            Assert.Equal(jobs.Select(j => j.JobUid.Replace("i2v-", "")).OrderBy(u => u), charges.Select(c => c.JobUid).OrderBy(u => u));
            Assert.All(charges, c => Assert.Null(c.IdempotencyKey));
            Assert.Equal(0.25m + 1.20m + 0.30m, charges.Sum(c => c.Amount));
        }
    }
}
