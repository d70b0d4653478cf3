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
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Tests.Contract;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;
using Xunit.Abstractions;

namespace SmartlyQ.Video.Tests.Reliability
{
    /// <summary>
    /// The reliability run for every provider without idempotency keys: 1,000 rows with -BatchId through New-SqVideo →
    /// Wait-SqJob → Save-SqVideo under the same faults as SmartlyQ's run (10 % 5xx, 5 % 429 bursts, 2 % resets, 2 %
    /// accept-then-drop, 2 % truncated downloads), then the same batch again. With no keys, a submission whose answer
    /// was lost is never retried blindly: it is reported, and on the re-run the journal settles it — by the provider's
    /// job list where there is one (found: that job; not there: submitted again), else reported again — so no row is
    /// ever paid twice. The figures say how many submissions were uncertain and how each was settled.
    /// </summary>
    public sealed class UnkeyedFaultyBatchTests : IDisposable
    {
        private const int JobCount = 1000;
        private readonly ITestOutputHelper _output;
        private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-unkeyed-reliability-" + Guid.NewGuid().ToString("N"))).FullName;

        public UnkeyedFaultyBatchTests(ITestOutputHelper output) => _output = output;

        /// <summary>
        /// Every registered, emulated provider but SmartlyQ (keyed; its run is <see cref="FaultyBatchTests"/>) and A4F
        /// (synchronous: a failed generation is a failed job, not a row error; its run is <see cref="A4FFaultyBatchTests"/>).
        /// </summary>
        public static IEnumerable<object[]> Providers => ContractSandbox.Providers().Where(p =>
            !string.Equals((string)p[0], "SmartlyQ", StringComparison.OrdinalIgnoreCase) && !string.Equals((string)p[0], "A4F", StringComparison.OrdinalIgnoreCase));

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Theory]
        [MemberData(nameof(Providers))]
        [Trait("Category", "Reliability")]
        public async Task A_thousand_rows_under_faults_are_never_paid_twice_and_every_uncertain_one_is_settled_or_reported(string provider)
        {
            var clock = Stopwatch.StartNew();
            await using SandboxServer sandbox = await SandboxServer.StartAsync(Options());
            SandboxProvider emulator = sandbox.Providers.Single(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase));
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters
                {
                    Provider = provider,
                    ApiKey = TestSecrets.Secure(emulator.ApiKey!),
                    BaseUri = emulator.BaseUri,
                    MaximumRetryCount = 10,
                    RetryBaseDelay = TimeSpan.FromMilliseconds(2),
                    MaxRetryDelay = TimeSpan.FromMilliseconds(20),
                    // An API that states no limit runs at 25 requests/s (NanoGPT's documented one), as a gateway's user
                    // passes the operator's limit with -RequestsPerSecond: at a conservative 2–10/s 1,000 rows would
                    // outlast the run's timeout, which is not what this run is about.
                    RequestsPerSecond = emulator.RateLimitHeaders ? (double?)null : 25,
                },
                new FakeSink(), CancellationToken.None);
            IVideoProvider videos = connection.Videos;
            Assert.False(videos is IIdempotentSubmission, provider + " is keyed; this run is for providers without idempotency keys");
            bool lists = videos is IJobLister;

            string videosDir = Directory.CreateDirectory(Path.Combine(_root, "videos")).FullName;
            string journal = Path.Combine(_root, "journal");
            string batchId = "reliability-" + Guid.NewGuid().ToString("N");
            List<NewVideoInput> rows = Rows(await videos.ListModelsAsync(CancellationToken.None));

            // First run: rows whose submission got no definite answer are reported, the rest wait and are saved.
            var first = new FakeSink();
            var saved = new FakeSink();
            await RunAsync(connection, rows, batchId, journal, videosDir, first, saved);
            Assert.Empty(saved.Errors);
            // A definite refusal (a 4xx such as a limiter's 429 that outlasted the retries) made no job and is simply
            // submitted again by a re-run; every other error is an uncertain submission.
            var uncertainFirst = first.Errors.Where(e => !JournalledBatch.IsRefusal(e.Exception)).ToList();
            var uncertainRows = new HashSet<int>(uncertainFirst.Select(e => (int)e.TargetObject!));
            int refusedFirst = first.Errors.Count - uncertainFirst.Count;
            var firstJobs = first.OutputOf<VideoJob>().ToDictionary(j => (int)Target(j), j => j.JobUid);
            Assert.Equal(JobCount, firstJobs.Count + first.Errors.Count);

            // The runbook is restarted with the same rows and -BatchId, faults still on, until a run reports nothing
            // (a resubmission can meet a fault again) or, without a job list, once: there nothing more can be learned.
            var jobsOfRows = new Dictionary<int, string>(firstJobs);
            List<int> unsettled = first.Errors.Select(e => (int)e.TargetObject!).ToList();
            int foundByListing = 0, resubmitted = 0, refusedResubmitted = 0, reportedAgain = 0, reruns = 0;
            while (unsettled.Count > 0 && reruns < (lists ? 5 : 1))
            {
                reruns++;
                HashSet<string> chargedBefore = Charged(sandbox, provider);
                var rerun = new FakeSink();
                await RunAsync(connection, rows, batchId, journal, videosDir, rerun, saved, skipSaved: new HashSet<string>(jobsOfRows.Values));
                Assert.Empty(saved.Errors);
                var jobs = rerun.OutputOf<VideoJob>().ToDictionary(j => (int)Target(j), j => j.JobUid);
                // Every row that had a job keeps it: nothing done is submitted again.
                foreach (var row in jobsOfRows) Assert.Equal(row.Value, jobs[row.Key]);
                foreach (int row in unsettled)
                {
                    if (!jobs.TryGetValue(row, out string? id)) continue;
                    if (chargedBefore.Contains(id)) foundByListing++;
                    else if (uncertainRows.Contains(row)) resubmitted++;
                    else refusedResubmitted++;
                    jobsOfRows[row] = id;
                }
                reportedAgain += rerun.Errors.Count(e => e.ErrorId == "SubmissionUncertain");
                unsettled = rerun.Errors.Select(e => (int)e.TargetObject!).ToList();
                Assert.Equal(JobCount, jobs.Count + unsettled.Count);
            }

            // No row ever has two jobs, and every charge belongs to a row's job or to a reported row's lost answer.
            Assert.Equal(jobsOfRows.Count, jobsOfRows.Values.Distinct().Count());
            HashSet<string> charged = Charged(sandbox, provider);
            int orphanCharges = charged.Count(id => !jobsOfRows.ContainsValue(id));
            if (lists)
            {
                // With a job list every uncertain row is settled: found, or shown absent and submitted again.
                Assert.Empty(unsettled);
                Assert.Equal(JobCount, jobsOfRows.Count);
                Assert.Equal(0, orphanCharges);
            }
            else
            {
                // Without one nothing is submitted again: the rows are reported, each at most its lost job's charge.
                Assert.Equal(0, resubmitted);
                Assert.Equal(uncertainFirst.Count, reportedAgain);
                Assert.Equal(JobCount - uncertainFirst.Count, jobsOfRows.Count + unsettled.Count(row => !uncertainRows.Contains(row)));
                Assert.True(orphanCharges <= uncertainFirst.Count, "every charge without a job is one reported row's lost answer");
            }
            // With a list every row ends with one job, so any other charge would be a row's second; without one, only a
            // resubmission of an uncertain row could be.
            int rowsPaidTwice = lists ? orphanCharges : resubmitted;

            List<FileInfo> files = saved.SavedFiles();
            Assert.Equal(jobsOfRows.Count, files.Count);
            int verified = files.Count(f => Sha256(f.FullName) == sandbox.GetVideoSha256(Path.GetFileNameWithoutExtension(f.Name)));
            Assert.Equal(files.Count, verified);
            Assert.Empty(Directory.GetFiles(videosDir, "*.partial"));
            IReadOnlyDictionary<string, long> injected = sandbox.Chaos.Injected;
            Assert.True(injected[ChaosFaultKinds.AcceptThenDrop] > 0, "the run must include accepted-then-dropped submissions");

            ClientStatistics stats = videos.Statistics;
            var figures = new ReliabilityFigures();
            figures.Add("rows (each run)", JobCount);
            figures.Add("first run: jobs submitted", firstJobs.Count);
            figures.Add("first run: submissions uncertain", uncertainFirst.Count + " (" + string.Join(", ", uncertainFirst.GroupBy(e => e.ErrorId).Select(g => g.Key + " " + g.Count())) + ")");
            figures.Add("first run: refused (4xx, no job, no charge)", refusedFirst);
            figures.Add("re-runs: refused rows submitted again", refusedResubmitted);
            figures.Add("re-runs with the same -BatchId", reruns);
            figures.Add("re-runs: found in the job list", lists ? foundByListing.ToString(CultureInfo.InvariantCulture) : "n/a (no job list)");
            figures.Add("re-runs: not in the list, submitted again", lists ? resubmitted.ToString(CultureInfo.InvariantCulture) : "n/a (no job list)");
            figures.Add("re-runs: reported (again) as uncertain", reportedAgain);
            figures.Add("rows left unsettled (reported to the user)", unsettled.Count);
            figures.Add("charges", charged.Count);
            figures.Add("rows paid twice", rowsPaidTwice);
            figures.Add("charges for lost answers (reported rows)", orphanCharges);
            figures.Add("videos saved / verified (SHA-256)", files.Count + " / " + verified);
            figures.Add("requests sent (all runs)", stats.Requests);
            figures.Add("retries after 5xx / 429 / network", stats.ServerError5xxRetries + " / " + stats.RateLimited429Retries + " / " + stats.NetworkErrorRetries);
            figures.Add("download resumes (Range)", stats.DownloadResumes);
            foreach (var fault in injected.Where(f => f.Value > 0)) figures.Add("injected: " + fault.Key, fault.Value);
            figures.Add("whole test (s)", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            _output.WriteLine(figures.ToString());
            figures.Save("Reliability: " + JobCount + " rows under injected faults, " + provider + " (no idempotency keys" + (lists ? "; job list" : "; no job list") + ")", provider);
        }

        private static SandboxOptions Options()
        {
            var options = new SandboxOptions
            {
                RateLimitPermits = 1_000_000,
                QueuedDuration = TimeSpan.FromMilliseconds(50),
                ProcessingDuration = TimeSpan.FromMilliseconds(100),
                Chaos = new ChaosOptions
                {
                    Seed = 20261202,
                    ServerErrorRate = 0.10,
                    RateLimitBurstRate = 0.05,
                    ConnectionResetRate = 0.02,
                    AcceptThenDropRate = 0.02,
                    TruncatedDownloadRate = 0.02,
                },
            };
            options.NanoGpt.Keys = new List<SandboxKey> { new SandboxKey { Key = SandboxServer.NanoGptKey, Balance = 1_000_000m } };
            // One gateway token serves NewApi, Kling and Jimeng.
            options.NewApi.Keys = new List<SandboxKey> { new SandboxKey { Key = SandboxServer.NewApiKey, Balance = 1_000_000m } };
            return options;
        }

        /// <summary>New-SqVideo -BatchId | Wait-SqJob | Save-SqVideo, record by record as PowerShell streams them.</summary>
        private static async Task RunAsync(SmartlyQConnection connection, List<NewVideoInput> rows, string batchId, string journal, string videosDir,
            FakeSink submitted, FakeSink saved, HashSet<string>? skipSaved = null)
        {
            var waited = new FakeSink();
            using var newVideo = new NewVideoOperation(connection, new NewVideoOptions { BatchId = batchId, JournalPath = journal });
            using var save = new SaveVideoOperation(connection, new SaveVideoOptions { Directory = videosDir });
            using (var wait = new WaitJobOperation(connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 1800 }, new ScaledTimeProvider(20)))
            {
                int forwarded = 0;
                foreach (NewVideoInput row in rows)
                {
                    await newVideo.ProcessAsync(row, submitted, CancellationToken.None);
                    foreach (VideoJob job in submitted.OutputOf<VideoJob>().Skip(forwarded))
                        if (skipSaved == null || !skipSaved.Contains(job.JobUid)) wait.Track(job, job);
                    forwarded = submitted.OutputOf<VideoJob>().Count;
                    wait.WriteFinished(waited);
                }

                await wait.WaitAllAsync(waited, CancellationToken.None);
            }

            Assert.Empty(waited.Errors);
            foreach (VideoJob job in waited.OutputOf<VideoJob>())
                await save.ProcessAsync(job, null, job, saved, CancellationToken.None);
            await save.CompleteAsync(saved, CancellationToken.None);
            newVideo.Complete(submitted);
        }

        private static object Target(VideoJob job) => job.Prompt != null ? RowOf(job.Prompt) : throw new InvalidOperationException("job " + job.JobUid + " has no prompt");

        private static int RowOf(string prompt) => int.Parse(prompt.Substring(5, prompt.IndexOf(':') - 5), CultureInfo.InvariantCulture) - 1;

        private static HashSet<string> Charged(SandboxServer sandbox, string provider)
            => new HashSet<string>(sandbox.Ledger.Find(provider: provider).Where(e => e.Kind == SandboxLedgerEntry.ChargeKind).Select(e => e.JobUid), StringComparer.Ordinal);

        /// <summary>Distinct text-to-video rows over the provider's catalog, each model with its shortest duration and first aspect ratio and resolution.</summary>
        private static List<NewVideoInput> Rows(IReadOnlyList<VideoModel> models)
        {
            string[] subjects = { "a lighthouse in a storm", "a fox in fresh snow", "a night market in Taipei", "a sailboat at dawn", "a robot watering plants" };
            List<VideoModel> text = models.Where(m => m.Types.Count == 0 || m.Types.Contains(VideoType.TextToVideo)).ToList();
            var rows = new List<NewVideoInput>();
            for (int i = 0; i < JobCount; i++)
            {
                VideoModel model = text[i % text.Count];
                rows.Add(new NewVideoInput
                {
                    Request = new VideoRequest
                    {
                        Model = model.Model,
                        Type = VideoType.TextToVideo,
                        Prompt = "Shot " + (i + 1) + ": slow dolly toward " + subjects[i % subjects.Length],
                        Duration = model.Duration.Count > 0 ? model.Duration.Min() : (int?)null,
                        AspectRatio = model.AspectRatio.Count > 0 ? model.AspectRatio[0] : null,
                        Resolution = model.Resolution.Count > 0 ? model.Resolution[0] : null,
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
