using System.Diagnostics;
using System.Security.Cryptography;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Bench.Batch
{
    /// <summary>What the batch run measured (ours, then the naive client).</summary>
    internal sealed class BatchResult
    {
        public int Rows { get; set; }
        public int Submitted { get; set; }
        public int Saved { get; set; }
        public int Verified { get; set; }
        public int Errors { get; set; }
        public string? FirstError { get; set; }
        public int Warnings { get; set; }
        public TimeSpan Makespan { get; set; }
        public TimeSpan SubmissionsAtRate { get; set; }
        public string SlowestJob { get; set; } = "";
        public TimeSpan SlowestJobDuration { get; set; }
        public TimeSpan SlowestDownload { get; set; }
        public TimeSpan LowerBound => SubmissionsAtRate + SlowestJobDuration + SlowestDownload;
        public TimeSpan FirstToLastSubmission { get; set; }
        public TimeSpan LastSubmissionAt { get; set; }
        public long ClientRequests { get; set; }
        public long Client429 { get; set; }
        public long ClientPacingWaits { get; set; }
        public SandboxRequestCounts Server { get; set; } = null!;
        public double? RequestsPerVideoClient => Saved == 0 ? null : (double)ClientRequests / Saved;
        public double? RequestsPerVideoServer => Saved == 0 ? null : (double)Server.Requests / Saved;
    }

    internal sealed class NaiveResult
    {
        public int RowsRun { get; set; }
        public int RowsTotal { get; set; }
        public int Saved { get; set; }
        public TimeSpan Measured { get; set; }
        public TimeSpan Estimated => RowsRun == RowsTotal ? Measured : TimeSpan.FromTicks((long)(Measured.Ticks * (double)RowsTotal / RowsRun));
        public bool Extrapolated => RowsRun < RowsTotal;
        public long Requests { get; set; }
        public long Received429 { get; set; }
    }

    /// <summary>
    /// The batch: one sandbox (fixed-window rate limit, jobs of <see cref="BenchSettings.ProcessingMin"/> to
    /// <see cref="BenchSettings.ProcessingMax"/>, videos of <see cref="BenchSettings.BatchVideoBytes"/>), our pipeline
    /// through the operations with a real <see cref="SmartlyQClient"/>; then a fresh sandbox for the naive client.
    /// </summary>
    internal static class BatchBenchmark
    {
        internal const string Key = "sqk_live_benchmark_000000000000000000";

        internal static SandboxOptions Options(BenchSettings s) => new SandboxOptions
        {
            Keys = new List<SandboxKey> { new SandboxKey { Key = Key, Scopes = new List<string> { "*" }, Balance = 10_000_000m } },
            RateLimitPermits = s.RateLimitPermits,
            RateLimitWindow = s.RateLimitWindow,
            QueuedDuration = s.QueuedDuration,
            ProcessingDuration = s.ProcessingMin,
            ProcessingDurationMax = s.ProcessingMax,
            Seed = s.Seed,
            VideoSizeBytes = s.BatchVideoBytes,
        };

        public static async Task<BatchResult> RunOursAsync(BenchSettings s, Action<string> log, CancellationToken ct)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(Options(s), cancellationToken: ct);
            string directory = Directory.CreateTempSubdirectory("sq-bench-batch-").FullName;
            try
            {
                // Connect-SmartlyQ: a client with the module's defaults (pacing, retries, timeouts), checked with GET /me.
                var client = new SmartlyQClient(new SmartlyQClientOptions { ApiKey = ApiKey.FromPlainText(Key), BaseUri = sandbox.BaseUri });
                AccountInfo account = await client.GetAccountAsync(ct);
                using var connection = new SmartlyQConnection(client, ApiKeyMode.Live, account);

                List<Row> rows = Row.Create(s.Rows);
                var pipeline = new EmulatedPipeline(connection, directory, ct);
                DateTimeOffset startedAt = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                log($"batch ({s.RateLimitPermits}/{s.RateLimitWindow.TotalSeconds:0} s): {rows.Count} rows through New-SqVideo | Wait-SqJob | Save-SqVideo …");
                await pipeline.RunAsync(rows.Select(r => r.ToInput()).ToList());
                TimeSpan makespan = clock.Elapsed;

                // Counters right away: the measurement of the slowest download below spends requests too.
                var result = new BatchResult
                {
                    Rows = rows.Count,
                    Submitted = pipeline.Submitted.Count,
                    Saved = pipeline.Saved.Count,
                    Errors = pipeline.Errors.Count,
                    FirstError = pipeline.Errors.TryPeek(out string? error) ? error : null,
                    Warnings = pipeline.Warnings.Count,
                    Makespan = makespan,
                    SubmissionsAtRate = TimeSpan.FromSeconds(rows.Count / s.RatePerSecond),
                    ClientRequests = client.Statistics.Requests,
                    ClientPacingWaits = client.Statistics.PacingWaits,
                    Client429 = client.Statistics.RateLimited429Received,
                    Server = sandbox.Stats.ForKey(Key),
                };
                log($"batch: {result.Saved} saved in {makespan.TotalSeconds:0.0} s; client {client.Statistics}; server {result.Server}");

                // Every file complete and byte for byte the sandbox's.
                foreach (FileInfo file in pipeline.Saved)
                {
                    string uid = Path.GetFileNameWithoutExtension(file.Name);
                    using FileStream stream = File.OpenRead(file.FullName);
                    if (Convert.ToHexStringLower(SHA256.HashData(stream)) == sandbox.GetVideoSha256(uid)) result.Verified++;
                }

                // The lower bound: submissions at the rate limit + the slowest job + its download (measured here, alone).
                List<SandboxJobTimeline> timelines = pipeline.Submitted.Select(j => sandbox.GetJobTimeline(j.JobUid)).ToList();
                if (timelines.Count > 0)
                {
                    SandboxJobTimeline slowest = timelines.OrderByDescending(t => t.Duration).First();
                    result.SlowestJob = slowest.JobUid;
                    result.SlowestJobDuration = slowest.Duration;
                    result.FirstToLastSubmission = timelines.Max(t => t.CreatedAt) - timelines.Min(t => t.CreatedAt);
                    result.LastSubmissionAt = timelines.Max(t => t.CreatedAt) - startedAt;
                    VideoJob? job = pipeline.Finished.FirstOrDefault(j => j.JobUid == slowest.JobUid);
                    if (job?.VideoUrl != null) result.SlowestDownload = await MedianDownloadAsync(client, job.VideoUrl, directory, ct);
                }

                return result;
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        public static async Task<NaiveResult> RunNaiveAsync(BenchSettings s, Action<string> log, CancellationToken ct)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(Options(s), cancellationToken: ct);
            string directory = Directory.CreateTempSubdirectory("sq-bench-naive-").FullName;
            try
            {
                List<Row> rows = Row.Create(s.Rows).Take(s.NaiveRows).ToList();
                log($"naive: {rows.Count} of {s.Rows} rows, one at a time, polling every {s.NaivePollInterval.TotalSeconds:0.#} s …");
                using var naive = new NaiveClient(sandbox.RootUri, Key, s.NaivePollInterval);
                TimeSpan measured = await naive.RunAsync(rows, directory, ct);
                log($"naive: {naive.Saved} saved in {measured.TotalSeconds:0.0} s, {naive.Requests} requests");
                return new NaiveResult
                {
                    RowsRun = rows.Count,
                    RowsTotal = s.Rows,
                    Saved = naive.Saved,
                    Measured = measured,
                    Requests = naive.Requests,
                    Received429 = naive.Received429,
                };
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        internal static async Task<TimeSpan> MedianDownloadAsync(SmartlyQClient client, Uri url, string directory, CancellationToken ct)
        {
            var times = new List<TimeSpan>();
            for (int i = 0; i < 3; i++)
            {
                string path = Path.Combine(directory, "slowest-" + i + ".mp4");
                var clock = Stopwatch.StartNew();
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    await client.DownloadAsync(url, file, null, ct);
                times.Add(clock.Elapsed);
                File.Delete(path);
            }

            return times.OrderBy(t => t).ElementAt(times.Count / 2);
        }
    }
}
