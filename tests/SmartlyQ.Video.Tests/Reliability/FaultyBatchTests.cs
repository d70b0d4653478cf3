using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;
using Xunit.Abstractions;

namespace SmartlyQ.Video.Tests.Reliability
{
    /// <summary>
    /// 1,000 jobs through New-SqVideo → Wait-SqJob → Save-SqVideo against a sandbox that injects 10 % 5xx, 5 % 429
    /// bursts, 2 % connection resets, 2 % accept-then-drop and 2 % truncated downloads, over real loopback HTTP. Time
    /// is scaled (job life ~150 ms, poll interval and retry waits in milliseconds) so the run fits in CI.
    /// </summary>
    public sealed class FaultyBatchTests : IAsyncLifetime
    {
        private const int JobCount = 1000;
        private readonly ITestOutputHelper _output;
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-reliability-" + Guid.NewGuid().ToString("N"))).FullName;
        private readonly string _journal = Path.Combine(Path.GetTempPath(), "sq-reliability-journal-" + Guid.NewGuid().ToString("N"));
        private SandboxServer _sandbox = null!;
        private SmartlyQClient _client = null!;
        private SmartlyQConnection _connection = null!;

        public FaultyBatchTests(ITestOutputHelper output) => _output = output;

        public async Task InitializeAsync()
        {
            _sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                RateLimitPermits = 1_000_000,
                Keys = new List<SandboxKey> { new SandboxKey { Key = SandboxServer.LiveKey, Scopes = new List<string> { "*" }, Balance = 100_000m } },
                QueuedDuration = TimeSpan.FromMilliseconds(50),
                ProcessingDuration = TimeSpan.FromMilliseconds(100),
                Chaos = new ChaosOptions
                {
                    Seed = 20261121,
                    ServerErrorRate = 0.10,
                    RateLimitBurstRate = 0.05,
                    ConnectionResetRate = 0.02,
                    AcceptThenDropRate = 0.02,
                    TruncatedDownloadRate = 0.02,
                },
            });

            // The retry budget a runbook would use, with waits scaled down: a 429's "Retry-After: 1" becomes 20 ms.
            _client = new SmartlyQClient(new SmartlyQClientOptions
            {
                ApiKey = ApiKey.FromPlainText(SandboxServer.LiveKey),
                BaseUri = _sandbox.BaseUri,
                MaxRetries = 10,
                RetryBaseDelay = TimeSpan.FromMilliseconds(2),
                MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            });
            AccountInfo account = await _client.GetAccountAsync(CancellationToken.None);
            _connection = new SmartlyQConnection(_client, ApiKeyMode.Live, account);
        }

        public async Task DisposeAsync()
        {
            _connection.Dispose();
            await _sandbox.DisposeAsync();
            Directory.Delete(_videos, recursive: true);
            if (Directory.Exists(_journal)) Directory.Delete(_journal, recursive: true);
        }

        [Fact]
        [Trait("Category", "Reliability")]
        public async Task A_thousand_jobs_under_faults_give_a_thousand_verified_videos_and_exactly_one_charge_each()
        {
            var clock = Stopwatch.StartNew();
            string batchId = "reliability-" + Guid.NewGuid().ToString("N");
            List<NewVideoInput> rows = Rows();

            // Import-Csv | New-SqVideo -BatchId | Wait-SqJob | Save-SqVideo, record by record as PowerShell streams them.
            var submitted = new FakeSink();
            var waited = new FakeSink();
            var saved = new FakeSink();
            var newVideo = new NewVideoOperation(_connection, new NewVideoOptions { BatchId = batchId, JournalPath = _journal });
            using var save = new SaveVideoOperation(_connection, new SaveVideoOptions { Directory = _videos });
            using (var wait = new WaitJobOperation(_connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 1800 }, new ScaledTimeProvider(20)))
            {
                int forwarded = 0;
                foreach (NewVideoInput row in rows)
                {
                    await newVideo.ProcessAsync(row, submitted, CancellationToken.None);
                    foreach (VideoJob job in submitted.OutputOf<VideoJob>().Skip(forwarded)) wait.Track(job, job);
                    forwarded = submitted.OutputOf<VideoJob>().Count;
                    wait.WriteFinished(waited);
                }

                await wait.WaitAllAsync(waited, CancellationToken.None);
            }

            foreach (VideoJob job in waited.OutputOf<VideoJob>())
                await save.ProcessAsync(job, null, job, saved, CancellationToken.None);
            await save.CompleteAsync(saved, CancellationToken.None);
            newVideo.Complete(submitted);
            TimeSpan firstRun = clock.Elapsed;

            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            List<FileInfo> files = saved.SavedFiles();
            Assert.Empty(submitted.Errors);
            Assert.Empty(waited.Errors);
            Assert.Empty(saved.Errors);
            Assert.Equal(JobCount, jobs.Count);
            Assert.Equal(JobCount, files.Count);

            int verified = files.Count(f => Sha256(f.FullName) == _sandbox.GetVideoSha256(Path.GetFileNameWithoutExtension(f.Name)));
            Assert.Equal(JobCount, verified);
            Assert.Empty(Directory.GetFiles(_videos, "*.partial"));
            Assert.Equal(JobCount, Directory.GetFiles(_videos).Length);

            List<SandboxLedgerEntry> charges = _sandbox.Ledger.Entries.Where(e => e.Kind == SandboxLedgerEntry.ChargeKind).ToList();
            int refunds = _sandbox.Ledger.Entries.Count(e => e.Kind == SandboxLedgerEntry.RefundKind);
            int duplicateKeys = charges.GroupBy(c => c.IdempotencyKey).Count(g => g.Count() > 1);
            Assert.Equal(JobCount, charges.Count);
            Assert.Equal(0, refunds);
            Assert.Equal(0, duplicateKeys);
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), charges.Select(c => c.JobUid).OrderBy(u => u));
            Assert.Equal(jobs.Sum(j => j.Cost ?? 0m), _sandbox.Ledger.Net);
            IReadOnlyDictionary<string, long> injected = _sandbox.Chaos.Injected;
            Assert.True(injected[ChaosFaultKinds.AcceptThenDrop] > 0, "the run must include accepted-then-dropped submissions");
            Assert.True(injected[ChaosFaultKinds.TruncatedDownload] > 0, "the run must include cut downloads");

            // The runbook is restarted from the beginning: same rows, same -BatchId, faults still on.
            var again = new FakeSink();
            using var rerun = new NewVideoOperation(_connection, new NewVideoOptions { BatchId = batchId, JournalPath = _journal });
            foreach (NewVideoInput row in rows) await rerun.ProcessAsync(row, again, CancellationToken.None);

            Assert.Empty(again.Errors);
            Assert.Equal(jobs.Select(j => j.JobUid), again.OutputOf<VideoJob>().Select(j => j.JobUid));
            Assert.Equal(JobCount, _sandbox.Ledger.Entries.Count(e => e.Kind == SandboxLedgerEntry.ChargeKind));

            // Both counters over the same span: the first run and the re-run.
            ClientStatistics stats = _client.Statistics;
            injected = _sandbox.Chaos.Injected;
            var figures = new ReliabilityFigures();
            figures.Add("jobs submitted", jobs.Count);
            figures.Add("charges (net of refunds)", charges.Count - refunds + " (" + _sandbox.Ledger.Net.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) + " SQC)");
            figures.Add("duplicate jobs", duplicateKeys);
            figures.Add("videos saved", files.Count);
            figures.Add("videos verified (SHA-256)", verified);
            figures.Add("temporary files left", Directory.GetFiles(_videos, "*.partial").Length);
            figures.Add("re-run with same -BatchId: new charges", _sandbox.Ledger.Entries.Count(e => e.Kind == SandboxLedgerEntry.ChargeKind) - JobCount);
            figures.Add("requests sent (both runs)", stats.Requests);
            figures.Add("retries after 5xx", stats.ServerError5xxRetries);
            figures.Add("retries after 429", stats.RateLimited429Retries);
            figures.Add("retries after network errors", stats.NetworkErrorRetries);
            figures.Add("retries after timeouts", stats.AttemptTimeoutRetries + stats.RequestTimeout408Retries);
            figures.Add("download resumes (Range)", stats.DownloadResumes);
            figures.Add("download restarts", stats.DownloadRestarts);
            foreach (var fault in injected.Where(f => f.Value > 0)) figures.Add("injected: " + fault.Key, fault.Value);
            figures.Add("first run (s)", firstRun.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
            figures.Add("whole test (s)", clock.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
            _output.WriteLine(figures.ToString());
            figures.Save("Reliability: " + JobCount + " jobs under injected faults (tests/SmartlyQ.Video.Tests/Reliability)");
        }

        /// <summary>Distinct, realistic rows over the four sandbox models.</summary>
        private static List<NewVideoInput> Rows()
        {
            string[] subjects = { "a lighthouse in a storm", "a fox in fresh snow", "a night market in Taipei", "a sailboat at dawn", "a robot watering plants" };
            var rows = new List<NewVideoInput>();
            for (int i = 0; i < JobCount; i++)
            {
                string prompt = "Shot " + (i + 1) + ": slow dolly toward " + subjects[i % subjects.Length];
                VideoRequest request = (i % 4) switch
                {
                    0 => new VideoRequest { Model = "kling-v2-1", Prompt = prompt, Duration = 5, AspectRatio = "16:9" },
                    1 => new VideoRequest { Model = "pixverse-v4-5", Prompt = prompt, Duration = 5, Style = "Anime" },
                    2 => new VideoRequest { Model = "veo-3", Prompt = prompt, GenerateAudio = true },
                    _ => new VideoRequest { Model = "seedance-1-pro", ImageUrl = "https://images.example.com/frames/" + i + ".png", Prompt = prompt, CameraFixed = true },
                };
                rows.Add(new NewVideoInput { Request = request, TargetObject = i });
            }

            return rows;
        }

        private static string Sha256(string path)
        {
            using SHA256 sha = SHA256.Create();
            using FileStream file = File.OpenRead(path);
            return Convert.ToHexString(sha.ComputeHash(file)).ToLowerInvariant();
        }
    }
}
