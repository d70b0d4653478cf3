using System.Diagnostics;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using SmartlyQ.Video.Bench.Batch;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Bench.Providers
{
    /// <summary>
    /// Part 5: the same batch (New-SqVideo | Wait-SqJob | Save-SqVideo with cmdlet defaults) over every registered
    /// provider the sandbox emulates, connected the way Connect-SmartlyQ -Provider does, with rows built from the
    /// provider's own model catalog; one fresh sandbox per provider with the batch's rate limit and job durations.
    /// </summary>
    internal static class ProviderBatchBenchmark
    {
        /// <summary>Every registered provider the sandbox emulates, in registry order.</summary>
        public static IReadOnlyList<string> Providers()
        {
            var emulated = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "SmartlyQ", "OpenAI", "NanoGPT", "NewApi", "Kling", "Jimeng", "A4F" };
            return ProviderRegistry.All.Select(p => p.Name).Where(emulated.Contains).ToList();
        }

        /// <summary>The sandbox of part 5: the batch's limit and job life, wallets large enough for every row.</summary>
        internal static SandboxOptions Options(BenchSettings s)
        {
            SandboxOptions options = BatchBenchmark.Options(s);
            options.Keys = new List<SandboxKey> { new SandboxKey { Key = SandboxServer.LiveKey, Scopes = new List<string> { "*" }, Balance = 10_000_000m } };
            options.NanoGpt.Keys = new List<SandboxKey> { new SandboxKey { Key = SandboxServer.NanoGptKey, Balance = 10_000_000m } };
            options.NewApi.Keys = new List<SandboxKey> { new SandboxKey { Key = SandboxServer.NewApiKey, Balance = 10_000_000m } };
            return options;
        }

        public static async Task<ProviderBatchResult> RunAsync(BenchSettings s, string provider, Action<string> log, CancellationToken ct)
        {
            // An API that sends no limit headers but documents one (NanoGPT: 25/s; new-api: a conservative 10/s) is run at that limit: it is what the
            // key really has, and what the client paces to. The connect answer tells which rate the client assumes.
            double? assumed = await AssumedRateAsync(s, provider, ct);
            if (assumed is double rate && Math.Abs(rate - s.RatePerSecond) > 0.01 * s.RatePerSecond)
            {
                log($"{provider}: the API documents {rate:0.#} requests/s and sends no limit headers; its sandbox runs at that rate.");
                s = s with { RateLimitPermits = (int)Math.Round(rate * s.RateLimitWindow.TotalSeconds) };
            }

            await using SandboxServer sandbox = await SandboxServer.StartAsync(Options(s), cancellationToken: ct);
            SandboxProvider emulator = sandbox.Providers.Single(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase));
            string directory = Directory.CreateTempSubdirectory("sq-bench-" + provider.ToLowerInvariant() + "-").FullName;
            try
            {
                using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                    new ConnectParameters { Provider = provider, ApiKey = Secure(emulator.ApiKey!), BaseUri = emulator.BaseUri }, new NullSink(), ct);
                IVideoProvider videos = connection.Videos;
                IReadOnlyList<VideoModel> models = await videos.ListModelsAsync(ct);
                List<NewVideoInput> rows = RowsFor(models, s.ProviderRows);
                long before = videos.Statistics.Requests;
                SandboxRequestCounts serverBefore = sandbox.Stats.ForKey(emulator.ApiKey!);

                var pipeline = new EmulatedPipeline(connection, directory, ct);
                log($"{provider}: {rows.Count} rows through New-SqVideo | Wait-SqJob | Save-SqVideo …");
                var clock = Stopwatch.StartNew();
                await pipeline.RunAsync(rows);
                TimeSpan makespan = clock.Elapsed;

                SandboxRequestCounts server = sandbox.Stats.ForKey(emulator.ApiKey!);
                var result = new ProviderBatchResult
                {
                    Provider = provider,
                    Rows = rows.Count,
                    Saved = pipeline.Saved.Count,
                    Errors = pipeline.Errors.Count,
                    FirstError = pipeline.Errors.TryPeek(out string? error) ? error : null,
                    Makespan = makespan,
                    ClientRequests = videos.Statistics.Requests - before,
                    Client429 = videos.Statistics.RateLimited429Received,
                    Server = server,
                    KeyedRequests = server.Requests - serverBefore.Requests,
                    RatePerSecond = s.RatePerSecond,
                    SendsLimits = (videos as IRateBudget)?.RequestsPerSecond != null,
                };
                log($"{provider}: {result.Saved} saved in {makespan.TotalSeconds:0.0} s; client {videos.Statistics}; server {server}");

                foreach (FileInfo file in pipeline.Saved)
                {
                    using FileStream stream = File.OpenRead(file.FullName);
                    if (Convert.ToHexStringLower(SHA256.HashData(stream)) == sandbox.GetVideoSha256(Path.GetFileNameWithoutExtension(file.Name))) result.Verified++;
                }

                List<SandboxJobTimeline> timelines = pipeline.Submitted.Select(j => sandbox.GetJobTimeline(j.JobUid)).ToList();
                if (timelines.Count > 0)
                {
                    SandboxJobTimeline slowest = timelines.OrderByDescending(t => t.Duration).First();
                    result.SlowestJobDuration = slowest.Duration;
                    VideoJob? job = pipeline.Finished.FirstOrDefault(j => j.JobUid == slowest.JobUid);
                    if (job != null) result.SlowestDownload = await MedianDownloadAsync(videos, job.ToSnapshot(), directory, ct);
                }

                return result;
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        /// <summary>
        /// <paramref name="count"/> distinct text-to-video rows over the provider's catalog: each model in turn with its
        /// shortest duration and its first aspect ratio and resolution, as a CSV of valid rows would give them.
        /// </summary>
        internal static List<NewVideoInput> RowsFor(IReadOnlyList<VideoModel> models, int count)
        {
            string[] subjects = { "a lighthouse in a storm", "a fox in fresh snow", "a night market in Taipei", "a sailboat at dawn", "a robot watering plants" };
            List<VideoModel> textModels = models.Where(m => m.Types.Count == 0 || m.Types.Contains(VideoType.TextToVideo)).ToList();
            if (textModels.Count == 0) throw new InvalidOperationException("The provider lists no text-to-video model.");
            var rows = new List<NewVideoInput>(count);
            for (int i = 0; i < count; i++)
            {
                VideoModel model = textModels[i % textModels.Count];
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

        private static async Task<TimeSpan> MedianDownloadAsync(IVideoProvider videos, JobSnapshot job, string directory, CancellationToken ct)
        {
            var times = new List<TimeSpan>();
            for (int i = 0; i < 3; i++)
            {
                string path = Path.Combine(directory, "slowest-" + i + ".mp4");
                var clock = Stopwatch.StartNew();
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
                    await videos.DownloadAsync(job, file, null, null, ct);
                times.Add(clock.Elapsed);
                File.Delete(path);
            }

            return times.OrderBy(t => t).ElementAt(times.Count / 2);
        }

        /// <summary>The rate the provider's client assumes right after Connect (from the answer's headers, or documented); null: none.</summary>
        private static async Task<double?> AssumedRateAsync(BenchSettings s, string provider, CancellationToken ct)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(Options(s), cancellationToken: ct);
            SandboxProvider emulator = sandbox.Providers.Single(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase));
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters { Provider = provider, ApiKey = Secure(emulator.ApiKey!), BaseUri = emulator.BaseUri }, new NullSink(), ct);
            return (connection.Videos as IRateBudget)?.RequestsPerSecond;
        }

        private static SecureString Secure(string key) => new NetworkCredential("", key).SecurePassword;
    }
}
