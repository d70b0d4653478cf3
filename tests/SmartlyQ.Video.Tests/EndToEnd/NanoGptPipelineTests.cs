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
    /// <c>Import-Csv nanogpt-prompts.csv | New-SqVideo | Wait-SqJob | Save-SqVideo</c> over <c>Connect-SmartlyQ -Provider
    /// NanoGPT</c>, through the operations over real loopback HTTP against the sandbox's NanoGPT emulator.
    /// </summary>
    public sealed class NanoGptPipelineTests : IAsyncLifetime
    {
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-e2e-nanogpt-" + Guid.NewGuid().ToString("N"))).FullName;
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

        /// <summary>Get-SqBalance's one object: the USD balance from POST /api/check-balance.</summary>
        private static async Task<decimal> Balance(SmartlyQConnection connection, CancellationToken ct)
        {
            var sink = new FakeSink();
            await GetBalanceOperation.RunAsync(connection, sink, ct);
            WalletBalance balance = Assert.Single(sink.OutputOf<WalletBalance>());
            Assert.Equal("USD", balance.Currency);
            Assert.Equal("NanoGPT", balance.Provider);
            return balance.Balance;
        }

        [Fact]
        public async Task Example_csv_gives_three_charged_jobs_three_valid_mp4s_and_a_free_error_naming_NanoGPT_and_the_field()
        {
            CancellationToken ct = CancellationToken.None;
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters
                {
                    Provider = "NanoGPT",
                    ApiKey = TestSecrets.Secure(SandboxServer.NanoGptKey),
                    BaseUri = _sandbox.ProviderBaseUri("NanoGPT"),
                },
                new FakeSink(), ct);
            Assert.Equal("NanoGPT", connection.Provider);
            decimal before = await Balance(connection, ct);

            List<Dictionary<string, string>> rows = CsvTable.Read(Path.Combine(RepoPaths.Root, "examples", "nanogpt-prompts.csv"));
            Assert.Equal(4, rows.Count);

            // New-SqVideo: the bad row (veo2-video for 9 s) is refused before anything is sent.
            var submitted = new FakeSink();
            var newVideo = new NewVideoOperation(connection);
            foreach (Dictionary<string, string> row in rows)
                await newVideo.ProcessAsync(CsvRowBinding.ToInput(row), submitted, ct);

            OperationError rejected = Assert.Single(submitted.Errors);
            var badRow = (Dictionary<string, string>)rejected.TargetObject!;
            Assert.Equal("9", badRow["duration"]);
            Assert.Equal("VALIDATION_ERROR", rejected.ErrorId);
            Assert.Equal("duration", ((ArgumentException)rejected.Exception).ParamName);
            Assert.Contains("duration 9 is not allowed for model veo2-video; allowed values: 5, 6, 7, 8", rejected.Exception.Message);
            Assert.Contains("nothing charged", rejected.Exception.Message);
            Assert.Contains("NanoGPT", rejected.RecommendedAction);
            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            Assert.Equal(3, jobs.Count);
            Assert.All(jobs, j =>
            {
                Assert.StartsWith("vid_", j.JobUid);
                Assert.Equal("NanoGPT", j.Provider);
                Assert.True(j.Cost > 0m, "every NanoGPT key pays for each job");
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

            // Save-SqVideo: the emulator's result URLs are relative and need the key (NanoGPT's content proxy).
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
                Assert.Contains("mdat", boxes);
                using SHA256 sha = SHA256.Create();
                Assert.Equal(_sandbox.GetVideoSha256(Path.GetFileNameWithoutExtension(file.Name)),
                    string.Concat(sha.ComputeHash(File.ReadAllBytes(file.FullName)).Select(b => b.ToString("x2"))));
            }
            Assert.Equal(3, Directory.GetFiles(_videos).Length);

            // The ledger: exactly one NanoGPT charge per job (no idempotency key: NanoGPT takes none), none for the bad row.
            var charges = _sandbox.Ledger.Entries
                .Where(e => e.Kind == SandboxLedgerEntry.ChargeKind && e.Provider == "NanoGPT")
                .ToList();
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), charges.Select(c => c.JobUid).OrderBy(u => u));
            Assert.All(charges, c => Assert.Null(c.IdempotencyKey));
            Assert.All(charges, c => Assert.Equal("USD", c.Currency));
            Assert.Equal(jobs.Sum(j => j.Cost), charges.Sum(c => c.Amount));

            // Get-SqBalance (check-balance) shows what the three jobs spent.
            decimal after = await Balance(connection, ct);
            Assert.Equal(before - charges.Sum(c => c.Amount), after);
        }
    }
}
