using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;
using Xunit.Abstractions;

namespace SmartlyQ.Video.Tests.Reliability
{
    /// <summary>
    /// The reliability run of A4F's synchronous generation: 200 rows with -BatchId through New-SqVideo → Wait-SqJob →
    /// Save-SqVideo while the generate route cuts 15 % of its answers in the middle of the base64, drops 3 % after the
    /// charge, resets 3 % of connections and answers 10 % with a 5xx; then the same batch again. Every answer lost after
    /// sending is reported as uncertain (on the row, or as the job's SUBMISSION_UNCERTAIN) and never sent again: the
    /// re-run adds no charge, and every saved file is the exact video.
    /// </summary>
    public sealed class A4FFaultyBatchTests : IDisposable
    {
        private const int RowCount = 200;
        private readonly ITestOutputHelper _output;
        private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-a4f-reliability-" + Guid.NewGuid().ToString("N"))).FullName;

        public A4FFaultyBatchTests(ITestOutputHelper output) => _output = output;

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        [Trait("Category", "Reliability")]
        public async Task Answers_cut_in_the_middle_of_the_base64_are_uncertain_never_resent_and_every_saved_video_is_exact()
        {
            var clock = Stopwatch.StartNew();
            await using SandboxServer sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                RateLimitPermits = 1_000_000,
                QueuedDuration = TimeSpan.FromMilliseconds(20),
                ProcessingDuration = TimeSpan.FromMilliseconds(60),
                VideoSizeBytes = 256 * 1024,
                Chaos = new ChaosOptions
                {
                    Seed = 20261203,
                    Routes = new Dictionary<string, ChaosRouteOptions>
                    {
                        [A4FRouteNames.Generate] = new ChaosRouteOptions
                        {
                            TruncatedDownloadRate = 0.15, AcceptThenDropRate = 0.03, ConnectionResetRate = 0.03, ServerErrorRate = 0.10,
                        },
                    },
                },
            });
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters
                {
                    Provider = "A4F",
                    ApiKey = TestSecrets.Secure(SandboxServer.A4FKey),
                    BaseUri = sandbox.ProviderBaseUri("A4F"),
                    MaximumRetryCount = 10,
                    RetryBaseDelay = TimeSpan.FromMilliseconds(2),
                    MaxRetryDelay = TimeSpan.FromMilliseconds(20),
                    RequestsPerSecond = 100,
                },
                new FakeSink(), CancellationToken.None);

            string videosDir = Directory.CreateDirectory(Path.Combine(_root, "videos")).FullName;
            string journal = Path.Combine(_root, "journal");
            string batchId = "a4f-reliability-" + Guid.NewGuid().ToString("N");
            List<NewVideoInput> rows = Rows(await connection.Videos.ListModelsAsync(CancellationToken.None));

            var first = await RunAsync(connection, rows, batchId, journal, videosDir);
            int chargesAfterFirst = Charges(sandbox).Count;
            var again = await RunAsync(connection, rows, batchId, journal, videosDir);

            // Every row: a saved video, a failed job, or a row error; lost answers are uncertain, on the row or on the job.
            Assert.Equal(RowCount, first.Jobs.Count + first.RowErrors.Count);
            int uncertainRows = first.RowErrors.Count(e => e.Exception is VideoApiException { Kind: ApiErrorKind.Uncertain });
            int uncertainJobs = first.Failed.Count(j => j.Error?.Code == "SUBMISSION_UNCERTAIN");
            long cut = sandbox.Chaos.Injected[ChaosFaultKinds.TruncatedDownload];
            long dropped = sandbox.Chaos.Injected[ChaosFaultKinds.AcceptThenDrop];
            Assert.True(cut > 0, "the run must cut answers in the middle of the base64");
            Assert.True(uncertainRows + uncertainJobs >= cut + dropped, "every answer lost after the charge is uncertain");

            // The re-run sends nothing new: each row's journal entry gives its job back, or reports it uncertain again.
            Assert.Equal(chargesAfterFirst, Charges(sandbox).Count);
            Assert.Equal(uncertainRows, again.RowErrors.Count(e => e.ErrorId == "SubmissionUncertain"));
            Assert.Equal(first.Jobs.Select(j => j.JobUid).OrderBy(u => u), again.Jobs.Select(j => j.JobUid).OrderBy(u => u));

            // Every charge is one submission's (local ids are unique per submission), and every saved file is exact.
            Assert.True(chargesAfterFirst <= RowCount);
            List<FileInfo> files = first.Saved.SavedFiles();
            Assert.Equal(first.Jobs.Count - first.Failed.Count, files.Count);
            Assert.All(files, f => Assert.Equal(sandbox.GetVideoSha256(Path.GetFileNameWithoutExtension(f.Name)), Sha256(f.FullName)));
            Assert.DoesNotContain(Directory.GetFiles(videosDir), f => !f.EndsWith(".mp4", StringComparison.Ordinal));

            var figures = new ReliabilityFigures();
            figures.Add("rows (each run)", RowCount);
            figures.Add("first run: jobs returned", first.Jobs.Count);
            figures.Add("first run: row errors (uncertain / other)", uncertainRows + " / " + (first.RowErrors.Count - uncertainRows));
            figures.Add("first run: jobs failed (uncertain / other)", uncertainJobs + " / " + (first.Failed.Count - uncertainJobs));
            figures.Add("videos saved / verified (SHA-256)", files.Count + " / " + files.Count);
            figures.Add("charges (first run / after re-run)", chargesAfterFirst + " / " + Charges(sandbox).Count);
            figures.Add("re-run: reported uncertain again", again.RowErrors.Count(e => e.ErrorId == "SubmissionUncertain"));
            foreach (var fault in sandbox.Chaos.Injected.Where(f => f.Value > 0)) figures.Add("injected: " + fault.Key, fault.Value);
            figures.Add("whole test (s)", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            _output.WriteLine(figures.ToString());
            figures.Save("Reliability: " + RowCount + " rows, A4F synchronous generation under cut base64 answers", "A4F");
        }

        private sealed record RunResult(List<VideoJob> Jobs, List<OperationError> RowErrors, List<VideoJob> Failed, FakeSink Saved);

        /// <summary>New-SqVideo -BatchId | Wait-SqJob | Save-SqVideo (succeeded jobs only).</summary>
        private static async Task<RunResult> RunAsync(SmartlyQConnection connection, List<NewVideoInput> rows, string batchId, string journal, string videosDir)
        {
            var submitted = new FakeSink();
            var waited = new FakeSink();
            var saved = new FakeSink();
            using (var newVideo = new NewVideoOperation(connection, new NewVideoOptions { BatchId = batchId, JournalPath = journal, ThrottleLimit = 8 }))
            {
                foreach (NewVideoInput row in rows) await newVideo.ProcessAsync(row, submitted, CancellationToken.None);
                newVideo.Complete(submitted);
            }
            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            using (var wait = new WaitJobOperation(connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 600 }))
            {
                foreach (VideoJob job in jobs) wait.Track(job, job);
                await wait.WaitAllAsync(waited, CancellationToken.None);
            }
            List<VideoJob> done = waited.OutputOf<VideoJob>();
            List<VideoJob> failed = jobs.Where(j => j.Status == JobStatus.Failed).Concat(
                waited.Errors.Select(e => e.TargetObject).OfType<VideoJob>()).GroupBy(j => j.JobUid).Select(g => g.Last()).ToList();
            using (var save = new SaveVideoOperation(connection, new SaveVideoOptions { Directory = videosDir, Force = true }))
            {
                foreach (VideoJob job in done.Where(j => j.Status == JobStatus.Succeeded)) await save.ProcessAsync(job, null, job, saved, CancellationToken.None);
                await save.CompleteAsync(saved, CancellationToken.None);
            }
            Assert.Empty(saved.Errors);
            return new RunResult(jobs, submitted.Errors.ToList(), failed, saved);
        }

        private static List<SandboxLedgerEntry> Charges(SandboxServer sandbox)
            => sandbox.Ledger.Find(provider: "A4F").Where(e => e.Kind == SandboxLedgerEntry.ChargeKind).ToList();

        private static List<NewVideoInput> Rows(IReadOnlyList<VideoModel> models)
        {
            var rows = new List<NewVideoInput>();
            for (int i = 0; i < RowCount; i++)
            {
                VideoModel model = models[i % models.Count];
                rows.Add(new NewVideoInput
                {
                    Request = new VideoRequest
                    {
                        Model = model.Model,
                        Type = VideoType.TextToVideo,
                        Prompt = "Shot " + (i + 1) + ": a lighthouse in a storm",
                        Duration = model.Duration.Min(),
                        Resolution = model.Resolution[0],
                    },
                    TargetObject = i,
                });
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
