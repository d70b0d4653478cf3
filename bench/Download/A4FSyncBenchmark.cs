using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.A4F;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Bench.Download
{
    /// <summary>
    /// <c>--a4f-sync</c>: one synchronous A4F generation of a 200 MiB video from the in-process sandbox (no delay), saved
    /// the way New-SqVideo | Wait-SqJob | Save-SqVideo does it — the base64 answer decoded as a stream into the job file,
    /// then copied to the target — with the process's peak RSS growth over the whole run (the sandbox's own buffers
    /// included); beside it <c>curl … | cut -d'"' -f8 | base64 -d</c> on the same answer. Median of the repetitions.
    /// Writes bench/results/a4f-sync.md.
    /// </summary>
    internal static class A4FSyncBenchmark
    {
        private const string Body = "{\"model\":\"provider-2/kling-v2.1\",\"prompt\":\"A lighthouse at dawn\",\"quality\":\"720p\",\"duration\":5}";

        public static async Task<string> RunAsync(long size, int repetitions, string root, Action<string> log, CancellationToken ct)
        {
            var options = new SandboxOptions { VideoSizeBytes = size, RateLimitPermits = 100000 };
            options.A4F.Delay = TimeSpan.Zero;
            await using SandboxServer sandbox = await SandboxServer.StartAsync(options, cancellationToken: ct);
            Uri baseUri = sandbox.ProviderBaseUri("A4F");
            string directory = Directory.CreateTempSubdirectory("sq-bench-a4f-").FullName;
            var ours = new List<(double MiBps, long Growth, long Allocated)>();
            var shell = new List<double>();
            var server = new List<double>();
            string? shellProblem = null;
            try
            {
                using var client = new A4FClient(new ProviderSettings { BaseUri = baseUri, Credential = A4FProvider.Entry.Credential(SandboxServer.A4FKey) },
                    TimeProvider.System, Path.Combine(directory, "jobs"), TimeSpan.Zero);
                var request = new VideoRequest { Model = "provider-2/kling-v2.1", Prompt = "A lighthouse at dawn", Duration = 5, Resolution = "720p" };
                for (int rep = 0; rep < repetitions; rep++)
                {
                    string target = Path.Combine(directory, "ours-" + rep + ".mp4");
                    var clock = Stopwatch.StartNew();
                    using (MemorySampler memory = MemorySampler.Start())
                    {
                        JobSubmission job = await client.SubmitAsync(request, SubmitOptions.None, ct);
                        await client.WhenSettled(job.JobUid);
                        log($"a4f-sync ours #{rep + 1}: decoded to the job file at {size / (double)BenchSettings.MiB / clock.Elapsed.TotalSeconds:0} MiB/s");
                        JobSnapshot done = await client.GetJobAsync(job.JobUid, ct);
                        if (done.Status != JobStatus.Succeeded) throw new InvalidOperationException("A4F generation " + done.JobUid + " ended " + done.Status + ": " + done.Error);
                        await using (var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                            await client.DownloadAsync(done, file, null, null, ct);
                        memory.Stop();
                        double seconds = clock.Elapsed.TotalSeconds;
                        Check(sandbox, job.JobUid, target, rep == 0);
                        ours.Add((size / (double)BenchSettings.MiB / seconds, memory.Growth, memory.Allocated));
                        log($"a4f-sync ours #{rep + 1}: {ours[^1].MiBps:0} MiB/s, peak +{Format.Size(memory.Growth)}");
                    }
                    File.Delete(target);

                    string shellTarget = Path.Combine(directory, "shell-" + rep + ".mp4");
                    string id = "a4f_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                    string command = "set -o pipefail; curl -sS -X POST -H 'Authorization: Bearer " + SandboxServer.A4FKey + "' -H 'Content-Type: application/json' -H 'X-Client-Request-Id: " + id
                        + "' --data '" + Body + "' '" + baseUri + "/video/generations' | cut -d'\"' -f8 | base64 -d > '" + shellTarget + "'";
                    var shellClock = Stopwatch.StartNew();
                    using (Process process = Process.Start(new ProcessStartInfo("bash", new[] { "-c", command }) { RedirectStandardError = true, UseShellExecute = false })!)
                    {
                        string stderr = await process.StandardError.ReadToEndAsync(ct);
                        await process.WaitForExitAsync(ct);
                        if (process.ExitCode != 0) shellProblem = "exit " + process.ExitCode + ": " + stderr.Trim();
                    }
                    double shellSeconds = shellClock.Elapsed.TotalSeconds;
                    if (shellProblem == null)
                    {
                        Check(sandbox, id, shellTarget, rep == 0);
                        shell.Add(size / (double)BenchSettings.MiB / shellSeconds);
                        log($"a4f-sync curl | cut | base64 -d #{rep + 1}: {shell[^1]:0} MiB/s");
                    }
                    File.Delete(shellTarget);

                    // The server alone (curl to /dev/null): the ceiling both paths share.
                    string baseline = "curl -sS -o /dev/null -X POST -H 'Authorization: Bearer " + SandboxServer.A4FKey + "' -H 'Content-Type: application/json' --data '" + Body + "' '" + baseUri + "/video/generations'";
                    var baseClock = Stopwatch.StartNew();
                    using (Process process = Process.Start(new ProcessStartInfo("bash", new[] { "-c", baseline }) { UseShellExecute = false })!)
                        await process.WaitForExitAsync(ct);
                    server.Add(size / (double)BenchSettings.MiB / baseClock.Elapsed.TotalSeconds);
                    log($"a4f-sync sandbox alone (curl -o /dev/null) #{rep + 1}: {server[^1]:0} MiB/s");
                }
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }

            double Median(IEnumerable<double> values)
            {
                double[] sorted = values.OrderBy(v => v).ToArray();
                return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            }

            var table = new StringBuilder();
            table.AppendLine("## A4F synchronous generation: " + Format.Size(size) + " video as base64, saved (" + repetitions + " repetitions, median)");
            table.AppendLine();
            table.AppendLine("| Path | Throughput (MiB of video/s) | Peak RSS growth | Managed allocations |");
            table.AppendLine("|---|---:|---:|---:|");
            table.AppendLine(string.Format(CultureInfo.InvariantCulture, "| SmartlyQ.Video A4FClient (decode to job file, then save) | {0:0} | {1} (max) | {2} (max) |",
                Median(ours.Select(o => o.MiBps)), Format.Size(ours.Max(o => o.Growth)), Format.Size(ours.Max(o => o.Allocated))));
            table.AppendLine(shellProblem != null
                ? "| curl \\| cut -d'\"' -f8 \\| base64 -d | " + shellProblem + " | | |"
                : string.Format(CultureInfo.InvariantCulture, "| curl \\| cut -d'\"' -f8 \\| base64 -d | {0:0} | (other processes) | |", Median(shell)));
            table.AppendLine(string.Format(CultureInfo.InvariantCulture, "| (the sandbox alone: curl -o /dev/null, no decoding) | {0:0} | | |", Median(server)));
            table.AppendLine();
            table.AppendLine("Peak RSS growth is this process's (" + MemorySampler.Method + "), the in-process sandbox's streaming included; the limit is 64 MiB for 200 MiB. "
                + "The sandbox answers at once (A4F.Delay 0), so the time is transfer and decoding only.");
            string text = table.ToString();
            string path = Path.Combine(root, "bench", "results", "a4f-sync.md");
            File.WriteAllText(path, text);
            return text;
        }

        private static void Check(SandboxServer sandbox, string jobUid, string path, bool hash)
        {
            long expected = sandbox.GetVideoLength(jobUid);
            long actual = new FileInfo(path).Length;
            if (actual != expected) throw new InvalidOperationException($"{path}: {actual} bytes, the sandbox's video has {expected}.");
            if (!hash) return;
            using FileStream file = File.OpenRead(path);
            if (Convert.ToHexStringLower(SHA256.HashData(file)) != sandbox.GetVideoSha256(jobUid)) throw new InvalidOperationException(path + " is not the sandbox's video.");
        }
    }
}
