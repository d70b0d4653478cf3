using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmartlyQ.Video.Bench.Batch;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Bench.Pwsh
{
    /// <summary>pwsh's own costs around the timed part, from one child process.</summary>
    internal sealed class PwshTimings
    {
        /// <summary>Harness Process.Start → the script's first statement (dotnet host, pwsh start-up, script parse).</summary>
        public TimeSpan? StartToScript { get; set; }
        public TimeSpan Import { get; set; }
        public TimeSpan Connect { get; set; }
        public TimeSpan Wall { get; set; }

        public static PwshTimings From(PwshProcessResult p) => new PwshTimings
        {
            StartToScript = p.StartToScript,
            Import = TimeSpan.FromMilliseconds(p.Milliseconds("importMs") ?? double.NaN),
            Connect = TimeSpan.FromMilliseconds(p.Milliseconds("connectMs") ?? double.NaN),
            Wall = p.Wall,
        };
    }

    internal sealed class PwshBatchRun
    {
        public BatchResult Batch { get; set; } = null!;
        public PwshTimings Timings { get; set; } = null!;
        public bool ClientStatisticsRead { get; set; }
    }

    internal sealed class WhatIfPass
    {
        public TimeSpan Elapsed { get; set; }

        /// <summary>CPU time of the whole pwsh process (every thread) over the pass.</summary>
        public TimeSpan? Cpu { get; set; }
        public int Errors { get; set; }
        public string? FirstError { get; set; }
        public int WhatIfLines { get; set; }
    }

    internal sealed class WhatIfResult
    {
        public int Rows { get; set; }
        public List<WhatIfPass> Passes { get; } = new List<WhatIfPass>();
        public SandboxRequestCounts Server { get; set; } = null!;
        public PwshTimings Timings { get; set; } = null!;
    }

    /// <summary>4c: median milliseconds per pass of each variant of bench/Pwsh/profile-whatif.ps1, and every pass.</summary>
    internal sealed class WhatIfProfile
    {
        public int Rows { get; set; }
        public int Passes { get; set; }
        public Dictionary<string, double> MedianMs { get; } = new Dictionary<string, double>();
        public Dictionary<string, double> MedianCpuMs { get; } = new Dictionary<string, double>();
        public Dictionary<string, List<double>> AllMs { get; } = new Dictionary<string, List<double>>();

        public double MicrosecondsPerRow(string variant) => MedianMs.TryGetValue(variant, out double ms) ? ms * 1000 / Rows : double.NaN;

        public double CpuMicrosecondsPerRow(string variant) => MedianCpuMs.TryGetValue(variant, out double ms) ? ms * 1000 / Rows : double.NaN;
    }

    /// <summary>Everything part 4 measured.</summary>
    internal sealed class PwshReport
    {
        public BenchSettings Batch { get; set; } = null!;
        public string Launcher { get; set; } = "";
        public string PwshVersion { get; set; } = "";
        public string ModuleBuild { get; set; } = "";
        public List<BatchResult> InProcess { get; } = new List<BatchResult>();
        public List<PwshBatchRun> Pwsh { get; } = new List<PwshBatchRun>();
        public List<string> Problems { get; } = new List<string>();
        public WhatIfResult? WhatIf { get; set; }
        public string? WhatIfProblem { get; set; }
        public WhatIfProfile? Profile { get; set; }

        /// <summary>/proc/loadavg (1, 5, 15 min) when each step started, and at the end: the machine is shared.</summary>
        public List<(string Step, string Load)> Load { get; } = new List<(string, string)>();
        public string? ProfileProblem { get; set; }

        /// <summary>The same profile in a pwsh started with DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 (pool workers do not spin for work).</summary>
        public WhatIfProfile? ProfileNoSpin { get; set; }
        public string? ProfileNoSpinProblem { get; set; }
    }

    /// <summary>
    /// Part 4: the batch through real PowerShell (<c>Import-Csv rows.csv | New-SqVideo | Wait-SqJob | Save-SqVideo</c>
    /// in a pwsh child process, against a sandbox in this process) beside the in-process batch of the same rows and
    /// settings (<see cref="BatchBenchmark.RunOursAsync"/>), and <c>New-SqVideo -WhatIf</c> throughput in pwsh.
    /// </summary>
    internal static class PwshBenchmark
    {
        private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(15);

        public static async Task<PwshReport> RunAsync(BenchSettings settings, string root, Action<string> log, CancellationToken ct)
        {
            BenchSettings s = settings.PwshBatch();
            var report = new PwshReport { Batch = s };
            PwshLauncher pwsh = PwshLauncher.Locate(root, log);
            report.Launcher = pwsh.Description;
            report.PwshVersion = pwsh.Version;

            string module = Path.Combine(root, "out", "SmartlyQ.Video");
            if (settings.PwshBuild)
            {
                log("pwsh: building the module (build.ps1 -Task Build → out/SmartlyQ.Video) …");
                var clock = Stopwatch.StartNew();
                string? failure = await pwsh.BuildModuleAsync(log, ct);
                if (failure != null) throw new InvalidOperationException(failure);
                report.ModuleBuild = "built by this run (`build.ps1 -Task Build`, Release, " + Format.Seconds(clock.Elapsed) + ")";
            }
            else
            {
                report.ModuleBuild = "out/SmartlyQ.Video as found (`--pwsh-no-build`), built " + File.GetLastWriteTimeUtc(Path.Combine(module, "SmartlyQ.Video.dll")).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
            }
            if (!File.Exists(Path.Combine(module, "SmartlyQ.Video.psd1")))
                throw new FileNotFoundException("No module in " + module + ": run `dotnet pwsh -NoProfile -File ./build.ps1 -Task Build` (or leave out --pwsh-no-build).");

            string script = Path.Combine(root, "bench", "Pwsh", "pwsh-bench.ps1");
            string work = Directory.CreateTempSubdirectory("sq-bench-pwsh-").FullName;
            try
            {
                string csv = Path.Combine(work, "rows.csv");
                WriteCsv(csv, Row.Create(s.Rows));

                void NoteLoad(string step)
                {
                    if (LoadAverage() is string load) report.Load.Add((step, load));
                }

                // ABBA: in-process, pwsh, pwsh, in-process, … so neither always runs on the warmer (or busier) machine.
                for (int rep = 0; rep < (settings.RunPwshBatch ? s.PwshRepetitions : 0); rep++)
                {
                    bool inProcessFirst = rep % 2 == 0;
                    for (int k = 0; k < 2; k++)
                    {
                        bool inProcess = (k == 0) == inProcessFirst;
                        NoteLoad((inProcess ? "in-process" : "pwsh") + " batch " + (rep + 1));
                        try
                        {
                            if (inProcess) report.InProcess.Add(await BatchBenchmark.RunOursAsync(s, log, ct));
                            else report.Pwsh.Add(await RunPwshBatchAsync(pwsh, script, module, csv, s, log, ct));
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                        {
                            report.Problems.Add((inProcess ? "in-process" : "pwsh") + " batch: " + ex.GetType().Name + ": " + ex.Message);
                            log((inProcess ? "in-process" : "pwsh") + " batch failed: " + ex);
                        }
                    }
                }

                NoteLoad("-WhatIf");
                try
                {
                    string whatIfCsv = Path.Combine(work, "whatif-rows.csv");
                    WriteCsv(whatIfCsv, Row.Create(settings.WhatIfRows));
                    report.WhatIf = await RunWhatIfAsync(pwsh, script, module, whatIfCsv, s, settings.WhatIfRows, settings.WhatIfPasses, log, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    report.WhatIfProblem = ex.GetType().Name + ": " + ex.Message;
                    log("pwsh -WhatIf failed: " + ex);
                }

                if (settings.WhatIfProfilePasses > 0)
                {
                    NoteLoad("profile");
                    try
                    {
                        report.Profile = await RunProfileAsync(pwsh, root, module, Path.Combine(work, "whatif-rows.csv"), s, settings.WhatIfRows, settings.WhatIfProfilePasses, false, log, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        report.ProfileProblem = ex.GetType().Name + ": " + ex.Message;
                        log("pwsh -WhatIf profile failed: " + ex);
                    }

                    NoteLoad("profile, no spinning");
                    try
                    {
                        report.ProfileNoSpin = await RunProfileAsync(pwsh, root, module, Path.Combine(work, "whatif-rows.csv"), s, settings.WhatIfRows, settings.WhatIfProfilePasses, true, log, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        report.ProfileNoSpinProblem = ex.GetType().Name + ": " + ex.Message;
                        log("pwsh -WhatIf profile (no spinning) failed: " + ex);
                    }
                }
            }
            finally
            {
                Directory.Delete(work, recursive: true);
                if (LoadAverage() is string load) report.Load.Add(("end", load));
            }

            return report;
        }

        private static async Task<PwshBatchRun> RunPwshBatchAsync(PwshLauncher pwsh, string script, string module, string csv, BenchSettings s, Action<string> log, CancellationToken ct)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(BatchBenchmark.Options(s), cancellationToken: ct);
            string directory = Directory.CreateTempSubdirectory("sq-bench-pwsh-batch-").FullName;
            try
            {
                log($"pwsh batch ({s.RateLimitPermits}/{s.RateLimitWindow.TotalSeconds:0} s): {s.Rows} rows through Import-Csv | New-SqVideo | Wait-SqJob | Save-SqVideo in pwsh …");
                PwshProcessResult p = await pwsh.RunFileAsync(script,
                    new[] { "-Mode", "Batch", "-ModulePath", module, "-BaseUri", sandbox.BaseUri.ToString(), "-Csv", csv, "-OutDir", directory },
                    new Dictionary<string, string> { ["SMARTLYQ_API_KEY"] = BatchBenchmark.Key }, BatchTimeout, ct);
                SandboxRequestCounts server = sandbox.Stats.ForKey(BatchBenchmark.Key);
                if (p.Problem is string problem) throw new InvalidOperationException(problem);
                JsonElement r = p.Result!.Value;

                var result = new BatchResult
                {
                    Rows = s.Rows,
                    Submitted = (int)server.Group("generate"),
                    Saved = r.GetProperty("saved").GetInt32(),
                    Errors = r.GetProperty("errors").GetInt32(),
                    FirstError = r.GetProperty("firstError").ValueKind == JsonValueKind.String ? r.GetProperty("firstError").GetString() : null,
                    Makespan = TimeSpan.FromMilliseconds(r.GetProperty("makespanMs").GetDouble()),
                    SubmissionsAtRate = TimeSpan.FromSeconds(s.Rows / s.RatePerSecond),
                    Server = server,
                };
                bool clientRead = r.TryGetProperty("client", out JsonElement client) && client.ValueKind == JsonValueKind.Object;
                if (clientRead)
                {
                    result.ClientRequests = client.GetProperty("requests").GetInt64();
                    result.Client429 = client.GetProperty("received429").GetInt64();
                    result.ClientPacingWaits = client.GetProperty("pacingWaits").GetInt64();
                }
                log($"pwsh batch: {result.Saved} saved in {result.Makespan.TotalSeconds:0.0} s (pwsh start → script {p.StartToScript?.TotalSeconds:0.00} s, import {p.Milliseconds("importMs"):0} ms, connect {p.Milliseconds("connectMs"):0} ms); server {server}");
                foreach (string line in p.OtherStdout.Take(5)) log("pwsh stdout: " + line);
                if (!string.IsNullOrWhiteSpace(p.Stderr)) log("pwsh stderr: " + (p.Stderr.Length > 600 ? p.Stderr[..600] + "…" : p.Stderr.Trim()));

                // The files in the folder: complete and byte for byte the sandbox's; their jobs' timelines give the lower bound.
                var uids = new List<string>();
                foreach (string file in Directory.EnumerateFiles(directory, "*.mp4"))
                {
                    string uid = Path.GetFileNameWithoutExtension(file);
                    uids.Add(uid);
                    try
                    {
                        using FileStream stream = File.OpenRead(file);
                        if (Convert.ToHexStringLower(SHA256.HashData(stream)) == sandbox.GetVideoSha256(uid)) result.Verified++;
                    }
                    catch (KeyNotFoundException)
                    {
                        // not a job of this sandbox: not verified
                    }
                }
                if (uids.Count != result.Saved) result.FirstError ??= $"{uids.Count} .mp4 files in the folder, {result.Saved} FileInfo objects written";

                long startedUnixMs = r.GetProperty("pipelineStartedUnixMs").GetInt64();
                List<SandboxJobTimeline> timelines = uids.Select(TryTimeline).OfType<SandboxJobTimeline>().ToList();
                if (timelines.Count > 0)
                {
                    SandboxJobTimeline slowest = timelines.OrderByDescending(t => t.Duration).First();
                    result.SlowestJob = slowest.JobUid;
                    result.SlowestJobDuration = slowest.Duration;
                    result.FirstToLastSubmission = timelines.Max(t => t.CreatedAt) - timelines.Min(t => t.CreatedAt);
                    result.LastSubmissionAt = timelines.Max(t => t.CreatedAt) - DateTimeOffset.FromUnixTimeMilliseconds(startedUnixMs);

                    // The slowest job's download, alone, as the in-process row measures it (after the counters were read).
                    using var measuring = new SmartlyQClient(new SmartlyQClientOptions { ApiKey = ApiKey.FromPlainText(BatchBenchmark.Key), BaseUri = sandbox.BaseUri });
                    JobSnapshot job = await measuring.GetJobAsync(slowest.JobUid, ct);
                    if (job.VideoUrl != null) result.SlowestDownload = await BatchBenchmark.MedianDownloadAsync(measuring, job.VideoUrl, directory, ct);
                }

                return new PwshBatchRun { Batch = result, Timings = PwshTimings.From(p), ClientStatisticsRead = clientRead };

                SandboxJobTimeline? TryTimeline(string uid)
                {
                    try
                    {
                        return sandbox.GetJobTimeline(uid);
                    }
                    catch (KeyNotFoundException)
                    {
                        return null;
                    }
                }
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        private static async Task<WhatIfResult> RunWhatIfAsync(PwshLauncher pwsh, string script, string module, string csv, BenchSettings s, int rows, int passes, Action<string> log, CancellationToken ct)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(BatchBenchmark.Options(s), cancellationToken: ct);
            log($"pwsh -WhatIf: {passes} × {rows} rows through Import-Csv | New-SqVideo -WhatIf …");
            PwshProcessResult p = await pwsh.RunFileAsync(script,
                new[] { "-Mode", "WhatIf", "-ModulePath", module, "-BaseUri", sandbox.BaseUri.ToString(), "-Csv", csv, "-Passes", passes.ToString(CultureInfo.InvariantCulture) },
                new Dictionary<string, string> { ["SMARTLYQ_API_KEY"] = BatchBenchmark.Key }, BatchTimeout, ct);
            if (p.Problem is string problem) throw new InvalidOperationException(problem);
            var result = new WhatIfResult { Rows = rows, Server = sandbox.Stats.ForKey(BatchBenchmark.Key), Timings = PwshTimings.From(p) };
            int i = 0;
            foreach (JsonElement pass in p.Result!.Value.GetProperty("passes").EnumerateArray())
            {
                result.Passes.Add(new WhatIfPass
                {
                    Elapsed = TimeSpan.FromMilliseconds(pass.GetProperty("ms").GetDouble()),
                    Cpu = pass.TryGetProperty("cpuMs", out JsonElement cpu) && cpu.ValueKind == JsonValueKind.Number ? TimeSpan.FromMilliseconds(cpu.GetDouble()) : null,
                    Errors = pass.GetProperty("errors").GetInt32(),
                    FirstError = pass.GetProperty("firstError").ValueKind == JsonValueKind.String ? pass.GetProperty("firstError").GetString() : null,
                    WhatIfLines = i < p.WhatIfLinesPerPass.Count ? p.WhatIfLinesPerPass[i] : 0,
                });
                i++;
            }
            log("pwsh -WhatIf: " + string.Join(", ", result.Passes.Select(x => $"{rows / x.Elapsed.TotalSeconds:0} rows/s, CPU {x.Cpu?.TotalSeconds:0.00} s ({x.WhatIfLines} What if lines, {x.Errors} errors)")) + "; server " + result.Server);
            if (!string.IsNullOrWhiteSpace(p.Stderr)) log("pwsh stderr: " + (p.Stderr.Length > 600 ? p.Stderr[..600] + "…" : p.Stderr.Trim()));
            return result;
        }

        /// <summary>The environment variable that stops the .NET thread pool's idle workers from spinning for work.</summary>
        internal const string NoSpinVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

        private static async Task<WhatIfProfile> RunProfileAsync(PwshLauncher pwsh, string root, string module, string csv, BenchSettings s, int rows, int passes, bool noSpin, Action<string> log, CancellationToken ct)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(BatchBenchmark.Options(s), cancellationToken: ct);
            log($"pwsh -WhatIf profile{(noSpin ? " (" + NoSpinVariable + "=0)" : "")}: {passes} passes of each variant on {rows} rows …");
            var environment = new Dictionary<string, string> { ["SMARTLYQ_API_KEY"] = BatchBenchmark.Key };
            if (noSpin) environment[NoSpinVariable] = "0";
            PwshProcessResult p = await pwsh.RunFileAsync(Path.Combine(root, "bench", "Pwsh", "profile-whatif.ps1"),
                new[] { "-ModulePath", module, "-BaseUri", sandbox.BaseUri.ToString(), "-Csv", csv, "-Passes", passes.ToString(CultureInfo.InvariantCulture) },
                environment, BatchTimeout, ct);
            if (p.Problem is string problem) throw new InvalidOperationException(problem);
            JsonElement r = p.Result!.Value;
            var profile = new WhatIfProfile { Rows = r.GetProperty("rows").GetInt32(), Passes = passes };
            foreach (JsonProperty m in r.GetProperty("medianMs").EnumerateObject()) profile.MedianMs[m.Name] = m.Value.GetDouble();
            if (r.TryGetProperty("medianCpuMs", out JsonElement cpu))
                foreach (JsonProperty m in cpu.EnumerateObject()) profile.MedianCpuMs[m.Name] = m.Value.GetDouble();
            foreach (JsonProperty m in r.GetProperty("allMs").EnumerateObject()) profile.AllMs[m.Name] = m.Value.EnumerateArray().Select(v => v.GetDouble()).ToList();
            if (sandbox.Stats.ForKey(BatchBenchmark.Key).Group("generate") != 0) throw new InvalidOperationException("the profile submitted jobs");
            log("pwsh -WhatIf profile (µs per row): " + string.Join(", ", profile.MedianMs.Keys.Select(k => k + " " + profile.MicrosecondsPerRow(k).ToString("0", CultureInfo.InvariantCulture) + " (CPU " + profile.CpuMicrosecondsPerRow(k).ToString("0", CultureInfo.InvariantCulture) + ")")));
            return profile;
        }

        /// <summary>The 1, 5 and 15 minute load averages (Linux), else null.</summary>
        private static string? LoadAverage()
        {
            try
            {
                string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
                return fields.Length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>rows.csv as a spreadsheet would export it: New-SqVideo's snake_case column names, every field quoted, empty = not given.</summary>
        internal static void WriteCsv(string path, IEnumerable<Row> rows)
        {
            var csv = new StringBuilder();
            csv.AppendLine("model,type,prompt,image_url,duration,aspect_ratio,style,generate_audio,camera_fixed");
            foreach (Row r in rows)
            {
                string[] fields =
                {
                    r.Model, r.Type, r.Prompt, r.ImageUrl ?? "", r.Duration.ToString(CultureInfo.InvariantCulture), r.AspectRatio ?? "", r.Style ?? "",
                    r.GenerateAudio is bool a ? (a ? "true" : "false") : "", r.CameraFixed is bool c ? (c ? "true" : "false") : "",
                };
                csv.AppendLine(string.Join(",", fields.Select(f => "\"" + f.Replace("\"", "\"\"") + "\"")));
            }

            File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        }
    }
}
