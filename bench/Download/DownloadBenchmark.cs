using System.ComponentModel;
using System.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;

namespace SmartlyQ.Video.Bench.Download
{
    internal sealed class DownloadResult
    {
        public long Size { get; set; }
        public string Server { get; set; } = "";
        public bool InProcess { get; set; }
        public double OursMiBps { get; set; }
        public double? CurlMiBps { get; set; }
        public double? Ratio => CurlMiBps is double curl && curl > 0 ? OursMiBps / curl : null;
        /// <summary>Peak RSS growth of this process during our download (with an in-process sandbox: client + server).</summary>
        public long OursGrowth { get; set; }
        /// <summary>Same during curl's download (curl is another process): the in-process sandbox's share, or ~0.</summary>
        public long? CurlGrowth { get; set; }
        public long OursAllocated { get; set; }
        public bool Verified { get; set; }
        public string? CurlProblem { get; set; }
        public int Repetitions { get; set; }
    }

    /// <summary>
    /// One completed job per size and server placement (the sandbox in this process, and in a child process of its own,
    /// <see cref="DownloadServer"/>); each repetition downloads its URL with our client's
    /// <see cref="SmartlyQClient.DownloadAsync"/> into a file, then with curl, alternating; medians are reported.
    /// Files are deleted after each download.
    /// </summary>
    internal static class DownloadBenchmark
    {
        public static async Task<List<DownloadResult>> RunAsync(BenchSettings s, Action<string> log, CancellationToken ct)
        {
            string? curl = FindCurl();
            var results = new List<DownloadResult>();
            string directory = Directory.CreateTempSubdirectory("sq-bench-download-").FullName;
            try
            {
                foreach (long size in s.DownloadSizes)
                    foreach (bool inProcess in new[] { true, false })
                        results.Add(await RunSizeAsync(size, inProcess, s.DownloadRepetitions, curl, directory, log, ct));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }

            return results;
        }

        private static async Task<DownloadResult> RunSizeAsync(long size, bool inProcess, int repetitions, string? curl, string directory, Action<string> log, CancellationToken ct)
        {
            await using DownloadServer server = await DownloadServer.StartAsync(inProcess, size, ct);
            using var client = new SmartlyQClient(new SmartlyQClientOptions { ApiKey = ApiKey.FromPlainText(DownloadServer.Key), BaseUri = server.BaseUri });
            JobSubmission submitted = await client.SubmitAsync(
                new VideoRequest { Model = "kling-v2-1", Type = "text_to_video", Prompt = "A test pattern", Duration = 5 }, new SubmitOptions { IdempotencyKey = Guid.NewGuid().ToString() }, ct);
            JobSnapshot job = await client.GetJobAsync(submitted.JobUid, ct);
            Uri url = job.VideoUrl ?? throw new InvalidOperationException("The sandbox job has no video URL: " + job.Status);
            long expected = await server.LengthAsync(submitted.JobUid, url);

            // One unmeasured download first (connection, JIT); small files get more repetitions (≥ 1 GiB in all, at most 15).
            await using (var warm = new FileStream(Path.Combine(directory, "warm-up.mp4"), FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await client.DownloadAsync(url, warm, null, ct);
            File.Delete(Path.Combine(directory, "warm-up.mp4"));
            repetitions = Math.Max(repetitions, (int)Math.Min(15, Math.Ceiling(1024.0 * BenchSettings.MiB / size)));

            var ours = new List<(double MiBps, long Growth, long Allocated)>();
            var curls = new List<(double MiBps, long Growth)>();
            var result = new DownloadResult { Size = size, Server = server.Name, InProcess = inProcess, Verified = expected > 0, Repetitions = repetitions };
            string path = Path.Combine(directory, "video.mp4");
            for (int i = 0; i < repetitions; i++)
            {
                // Ours: the module's download into a file opened as Save-SqVideo opens it.
                using (MemorySampler memory = MemorySampler.Start())
                {
                    await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    var clock = Stopwatch.StartNew();
                    await client.DownloadAsync(url, file, null, ct);
                    await file.FlushAsync(ct);
                    TimeSpan elapsed = clock.Elapsed;
                    memory.Stop();
                    ours.Add((size / (double)BenchSettings.MiB / elapsed.TotalSeconds, memory.Growth, memory.Allocated));
                }

                if (new FileInfo(path).Length != expected) result.Verified = false;
                if (i == 0 && size <= 100 * BenchSettings.MiB) result.Verified &= Sha256(path) == await server.Sha256Async(submitted.JobUid);
                File.Delete(path);

                if (curl == null) continue;
                using (MemorySampler memory = MemorySampler.Start())
                {
                    // curl's own time_total (request to last byte written), so its process start does not count against it.
                    (int exit, double? seconds, string stderr) = await RunCurlAsync(curl, url, path, ct);
                    memory.Stop();
                    long length = File.Exists(path) ? new FileInfo(path).Length : -1;
                    if (exit != 0 || length != expected || seconds is not double elapsed || elapsed <= 0)
                        result.CurlProblem = "curl exit " + exit + ", " + length + " of " + expected + " bytes " + stderr.Trim();
                    else
                        curls.Add((size / (double)BenchSettings.MiB / elapsed, memory.Growth));
                }

                if (File.Exists(path)) File.Delete(path);
            }

            result.OursMiBps = Median(ours.Select(o => o.MiBps));
            result.OursGrowth = ours.Max(o => o.Growth);
            result.OursAllocated = (long)Median(ours.Select(o => (double)o.Allocated));
            if (curls.Count > 0)
            {
                result.CurlMiBps = Median(curls.Select(c => c.MiBps));
                result.CurlGrowth = curls.Max(c => c.Growth);
            }
            else if (curl == null)
            {
                result.CurlProblem = "curl not found on PATH";
            }

            log($"download {Format.Size(size)}, {server.Name}: ours {result.OursMiBps:0} MiB/s (peak +{Format.Size(result.OursGrowth)}), curl {(result.CurlMiBps is double c ? c.ToString("0") + " MiB/s" : result.CurlProblem)}");
            return result;
        }

        private static double Median(IEnumerable<double> values)
        {
            double[] sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        private static string Sha256(string path)
        {
            using FileStream stream = File.OpenRead(path);
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }

        private static string? FindCurl()
        {
            try
            {
                using Process? probe = Process.Start(new ProcessStartInfo("curl", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
                if (probe == null) return null;
                probe.WaitForExit();
                return probe.ExitCode == 0 ? "curl" : null;
            }
            catch (Win32Exception)
            {
                return null;
            }
        }

        private static async Task<(int Exit, double? Seconds, string Stderr)> RunCurlAsync(string curl, Uri url, string path, CancellationToken ct)
        {
            var start = new ProcessStartInfo(curl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { "-s", "-S", "-o", path, "-w", "%{time_total}", url.AbsoluteUri }) start.ArgumentList.Add(arg);
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
            Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            bool parsed = double.TryParse((await stdout).Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds);
            return (process.ExitCode, parsed ? seconds : null, await stderr);
        }
    }
}
