using System.Text;
using SmartlyQ.Video.Bench.Batch;
using SmartlyQ.Video.Bench.Download;
using SmartlyQ.Video.Bench.Micro;
using SmartlyQ.Video.Bench.Pwsh;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Bench
{
    /// <summary>Everything one run measured, and the Markdown it is reported as (stdout and bench/results/*.md).</summary>
    internal sealed partial class Report
    {
        private const long MemoryTargetBytes = 64_000_000; // "< 64 MB at 1 GB"

        private readonly List<string[]> _rows = new List<string[]>();
        private readonly List<(string Target, bool? Met, string Measured)> _targets = new List<(string, bool?, string)>();
        private string? _variantSummary;

        public BatchResult? Batch { get; set; }
        public string? BatchProblem { get; set; }
        public BatchResult? Variant { get; set; }
        public BenchSettings? VariantSettings { get; set; }
        public string? VariantProblem { get; set; }
        public NaiveResult? Naive { get; set; }
        public string? NaiveProblem { get; set; }
        public List<DownloadResult>? Downloads { get; set; }
        public string? DownloadProblem { get; set; }
        public List<MicroResult>? Micro { get; set; }
        public string? MicroProblem { get; set; }
        public string MicroJob { get; set; } = "";
        public TimeSpan Total { get; set; }
        public PwshReport? Pwsh { get; set; }
        public string? PwshProblem { get; set; }

        /// <summary>The harness's command-line arguments, for the Reproduce line; null = the default for the run's kind.</summary>
        public IReadOnlyList<string>? Arguments { get; set; }

        /// <summary>Where this table is written, relative to the repository root when inside it.</summary>
        public string? OutputShown { get; set; }

        public string ToMarkdown(Machine machine, BenchSettings s)
        {
            _rows.Clear();
            _targets.Clear();
            _variantSummary = null;
            AddBatch(s);
            AddVariant();
            AddDownloads(s);
            AddMicro();
            AddPwsh(s);
            AddProviders(s);

            var md = new StringBuilder();
            var parts = new List<string>();
            if (s.RunBatch) parts.Add(s.RunNaive ? "1" : "1 (no naive client)");
            if (s.RunDownload) parts.Add("2");
            if (s.RunMicro) parts.Add("3");
            if (s.RunPwsh) parts.Add("4");
            if (s.RunProviders) parts.Add("5");
            string kind = s.Quick ? "quick run (`--quick`, reduced set)" : "full run";
            if (parts.Count < 5 || !s.RunNaive) kind += ", part" + (parts.Count == 1 ? " " : "s ") + (parts.Count == 0 ? "none" : string.Join(", ", parts)) + " only";
            md.AppendLine("# SmartlyQ.Video benchmarks — " + kind);
            md.AppendLine();
            md.AppendLine($"{machine.Cores} cores (Environment.ProcessorCount) · {machine.Os} · {machine.Dotnet} · {machine.Configuration} build · " +
                          $"{machine.Date:yyyy-MM-dd HH:mm} UTC · commit {machine.Commit} · run took {Format.Seconds(Total)}");
            md.AppendLine();
            md.AppendLine("| # | Benchmark | Measure | Result | Target | Met? |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (string[] row in _rows) md.AppendLine("| " + string.Join(" | ", row) + " |");
            md.AppendLine();
            md.AppendLine("**Targets:** " + string.Join(" · ", _targets.Select(t => t.Target + " — " + Verdict(t.Met) + " (" + t.Measured + ")")));
            if (_variantSummary != null)
            {
                md.AppendLine();
                md.AppendLine("**Short-window variant (1c, not the issue's setting):** " + _variantSummary);
            }
            md.AppendLine();
            md.AppendLine("Notes:");
            md.AppendLine();
            foreach (string note in Notes(s)) md.AppendLine("- " + note);
            md.AppendLine();
            string arguments = Arguments is { Count: > 0 } given ? " -- " + string.Join(" ", given) : s.Quick ? " -- --quick" : "";
            md.AppendLine("Reproduce: `dotnet run -c Release --project bench" + arguments + "` (writes this file to `" + (OutputShown ?? "bench/results/" + (s.Quick ? "quick" : "latest") + ".md") + "`).");
            return md.ToString();
        }

        private void AddBatch(BenchSettings s)
        {
            string setup = BatchSetup(s);
            if (!s.RunBatch)
            {
                Row("1", setup, "—", "not run (--skip-batch)", "", "");
                return;
            }
            if (Batch == null)
            {
                Row("1", setup, "—", "failed: " + BatchProblem, "", "");
                AddTarget("makespan ≤ 1.10 × lower bound", null, "batch failed");
                return;
            }

            BatchResult b = Batch;
            AddBatchRows(b, s, primary: true);

            string naiveSetup = "Naive client (plain HttpClient, one row at a time: submit, poll every " + s.NaivePollInterval.TotalSeconds.ToString("0") + " s, download)";
            if (!s.RunNaive)
            {
                Row("1b", naiveSetup, "—", "not run", "", "");
                return;
            }
            if (Naive == null)
            {
                Row("1b", naiveSetup, "—", "failed: " + NaiveProblem, "", "");
                AddTarget("≥ 10 × faster than the naive client", null, "naive run failed");
                return;
            }

            NaiveResult n = Naive;
            string what = n.Extrapolated
                ? $"Time for {n.RowsTotal} rows, **extrapolated** from {n.RowsRun} rows ({Format.Seconds(n.Measured)} measured; rows run one after another, so time is linear in rows)"
                : $"Time for {n.RowsTotal} rows (measured)";
            Row("1b", naiveSetup, what, Format.Seconds(n.Estimated), "", "");
            double speedup = n.Estimated / b.Makespan;
            Row("", "", "Naive time ÷ our makespan" + (n.Extrapolated ? " (extrapolated)" : ""), Format.Number(speedup, "0.0") + "×", "≥ 10×", Verdict(speedup >= 10));
            AddTarget("≥ 10 × faster than naive", speedup >= 10, Format.Number(speedup, "0.0") + "×" + (n.Extrapolated ? ", naive extrapolated from " + n.RowsRun + " rows" : ""));
            Row("", "", "Naive: requests per video, 429s", Format.Number(n.Saved == 0 ? double.NaN : (double)n.Requests / n.Saved) + ", " + n.Received429, "", "");
        }

        /// <summary>The rows of one batch run; only the primary one feeds the targets summary.</summary>
        private void AddBatchRows(BatchResult b, BenchSettings s, bool primary)
        {
            Row(primary ? "1" : "1c", primary ? BatchSetup(s) : VariantSetup(s), "Makespan (first row in → last file saved)", Format.Seconds(b.Makespan), "", "");
            Row("", "", $"Lower bound: {b.Rows} submissions at {s.RatePerSecond * 60:0}/min ({Format.Seconds(b.SubmissionsAtRate)}) + slowest job ({Format.Seconds(b.SlowestJobDuration)}) + its download ({Format.Seconds(b.SlowestDownload)})",
                Format.Seconds(b.LowerBound), "", "");
            double ratio = b.Makespan / b.LowerBound;
            bool allSaved = b.Saved == b.Rows && b.Verified == b.Saved && b.Errors == 0;
            Row("", "", "Makespan ÷ lower bound", Format.Number(ratio), "≤ 1.10", Verdict(ratio <= 1.10 && allSaved));

            double client = b.RequestsPerVideoClient ?? double.NaN;
            double server = b.RequestsPerVideoServer ?? double.NaN;
            bool requestsMet = Math.Max(client, server) <= 3.2;
            Row("", "", "Requests per finished video (client ClientStatistics.Requests / server Stats)", Format.Number(client) + " / " + Format.Number(server), "≤ 3.2", Verdict(requestsMet));
            bool no429 = b.Client429 == 0 && b.Server.TooManyRequests == 0;
            Row("", "", "429s received (client / server sent)", b.Client429 + " / " + b.Server.TooManyRequests, "0", Verdict(no429));
            Row("", "", "Videos saved / verified by SHA-256 / errors", $"{b.Saved} / {b.Verified} / {b.Errors}" + (b.FirstError != null ? " (first: " + Escape(b.FirstError) + ")" : ""), $"{b.Rows} / {b.Rows} / 0", Verdict(allSaved));
            Row("", "", $"For comparison: every request with the key ({b.Server.Requests}) at the key's rate ({s.RatePerSecond:0.#}/s) — a floor only where the window cannot be spent in a burst",
                Format.Seconds(TimeSpan.FromSeconds(b.Server.Requests / s.RatePerSecond)), "", "");
            Row("", "", "Server requests by group", string.Join(", ", b.Server.ByGroup.Where(g => g.Value > 0).Select(g => g.Key + " " + g.Value)) + $" (total {b.Server.Requests})", "", "");
            Row("", "", "Submissions, first → last (server clock); last submitted at", Format.Seconds(b.FirstToLastSubmission) + "; " + Format.Seconds(b.LastSubmissionAt) + " after start", "", "");
            Row("", "", "Requests that waited for the client's pacer", b.ClientPacingWaits.ToString(), "", "");

            string tag = primary ? "" : " [" + s.RateLimitPermits + "/" + s.RateLimitWindow.TotalSeconds.ToString("0") + " s variant]";
            if (primary)
            {
                AddTarget("makespan ≤ 1.10 × lower bound", ratio <= 1.10 && allSaved, Format.Number(ratio) + " × " + Format.Seconds(b.LowerBound) + (allSaved ? "" : ", not every video saved"));
                AddTarget("≤ 3.2 requests per video", requestsMet, Format.Number(Math.Max(client, server)));
                AddTarget("0 × 429", no429, b.Client429 + " client / " + b.Server.TooManyRequests + " server");
            }
            else
            {
                _variantSummary = "makespan " + Format.Number(ratio) + " × lower bound (" + Verdict(ratio <= 1.10 && allSaved) + "), " + Format.Number(Math.Max(client, server)) +
                                  " requests per video (" + Verdict(requestsMet) + "), 429s " + b.Client429 + " client / " + b.Server.TooManyRequests + " server (" + Verdict(no429) + ")" + tag;
            }
        }

        private static string BatchSetup(BenchSettings s) =>
            $"Batch: {s.Rows} rows over 4 models, {s.RateLimitPermits}/{s.RateLimitWindow.TotalSeconds:0} s fixed window, " +
            $"jobs {s.ProcessingMin.TotalSeconds:0}–{s.ProcessingMax.TotalSeconds:0} s, {Format.Size(s.BatchVideoBytes)} videos";

        private static string VariantSetup(BenchSettings s) =>
            $"Batch variant: the same, at the same rate in short windows ({s.RateLimitPermits}/{s.RateLimitWindow.TotalSeconds:0} s), so the budget cannot be spent in one burst";

        private void AddVariant()
        {
            if (VariantSettings == null) return;
            if (Variant == null)
            {
                Row("1c", VariantSetup(VariantSettings), "—", "failed: " + VariantProblem, "", "");
                return;
            }

            AddBatchRows(Variant, VariantSettings, primary: false);
        }

        private void AddDownloads(BenchSettings s)
        {
            if (!s.RunDownload)
            {
                Row("2", "Download", "—", "not run (--skip-download)", "", "");
                return;
            }
            if (Downloads == null)
            {
                Row("2", "Download", "—", "failed: " + DownloadProblem, "", "");
                AddTarget("download ≥ 0.9 × curl", null, "failed");
                return;
            }

            foreach (bool inProcess in new[] { true, false })
            {
                List<DownloadResult> group = Downloads.Where(d => d.InProcess == inProcess).ToList();
                if (group.Count == 0) continue;
                string where = inProcess ? "in-process sandbox" : "sandbox in its own process";
                bool? throughputMet = true;
                var ratios = new List<string>();
                foreach (DownloadResult d in group)
                {
                    string setup = $"Download {Format.Size(d.Size)}, {where} (our DownloadAsync → file vs curl, same URL, median of {d.Repetitions})";
                    string curl = d.CurlMiBps is double c ? Format.Number(c, "0") + " MiB/s" : "n/a (" + d.CurlProblem + ")";
                    bool? met = d.Ratio is double r ? r >= 0.9 && d.Verified : null;
                    if (met == null) throughputMet = throughputMet == false ? false : null;
                    else if (met == false) throughputMet = false;
                    ratios.Add(Format.Size(d.Size) + " " + (d.Ratio is double rr ? Format.Number(rr) : "n/a"));
                    Row("2", setup, "Throughput: ours / curl (ratio); file verified", $"{Format.Number(d.OursMiBps, "0")} MiB/s / {curl}" + (d.Ratio is double x ? " (" + Format.Number(x) + ")" : "") + (d.Verified ? "; yes" : "; **no**"), "≥ 0.9 × curl", Verdict(met));

                    bool isGiB = d.Size >= 1L << 30;
                    bool? memoryMet = isGiB ? d.OursGrowth < MemoryTargetBytes : null;
                    string measure = inProcess
                        ? "Peak RSS growth of the bench process during ours (client + sandbox) / during curl (sandbox alone); managed allocations during ours"
                        : "Peak RSS growth of the bench process (client alone) during ours / during curl; managed allocations during ours";
                    string curlGrowth = d.CurlGrowth is long g ? "+" + Format.Size(g) : "n/a";
                    Row("", "", measure, $"+{Format.Size(d.OursGrowth)} / {curlGrowth}; {Format.Size(d.OursAllocated)}", isGiB ? "< 64 MB" : "flat", isGiB ? Verdict(memoryMet) : "(see 1 GiB)");
                    if (isGiB) AddTarget("memory growth < 64 MB at 1 GB (" + where + ")", memoryMet, "+" + Format.Size(d.OursGrowth));
                }

                AddTarget("download ≥ 0.9 × curl (" + where + ")", throughputMet, string.Join(", ", ratios));
            }

            if (!Downloads.Any(d => d.Size >= 1L << 30))
                AddTarget("memory growth < 64 MB at 1 GB", null, "1 GiB not run" + (s.Quick ? " in --quick" : "") + "; largest: +" + Format.Size(Downloads.Max(d => d.OursGrowth)) + " at " + Format.Size(Downloads.Max(d => d.Size)));
        }

        private void AddMicro()
        {
            string setup = "Micro: per-job client work (BenchmarkDotNet, " + (MicroJob.Length > 0 ? MicroJob + ", " : "") + "MemoryDiagnoser; public SmartlyQClient over a canned in-memory handler)";
            if (Micro == null || Micro.Count == 0)
            {
                Row("3", setup, "—", MicroProblem ?? "not run (--skip-micro)", "", "");
                return;
            }

            string number = "3";
            foreach (MicroResult m in Micro)
            {
                Row(number, number == "3" ? setup : "", m.Name + ": mean ± 99.9 % CI / allocated per call",
                    Format.Nanoseconds(m.MeanNs) + " ± " + Format.Nanoseconds(m.ErrorNs) + " / " + Format.Bytes(m.AllocatedBytes), "", "");
                number = "";
            }
        }

        private IEnumerable<string> Notes(BenchSettings s)
        {
            yield return "Everything runs in this one process against sandboxes started in-process on loopback (Kestrel), except the second download placement and part 4's pwsh child processes; the machine's cores are shared by client, server and curl, and by whatever else runs on the machine.";
            if (s.RunBatch || s.RunPwsh)
                yield return "Batch, ours: `New-SqVideo | Wait-SqJob | Save-SqVideo` driven through the operations as the cmdlets and PowerShell's pipeline drive them (one pipeline thread, each record's writes handed downstream in order), cmdlet defaults (`-PollIntervalSec 5`), one `SmartlyQClient` with the module's default options (pacing, retries) — whatever tracking, pacing and download concurrency the built commit has. Makespan runs from the first row to the end of Save-SqVideo; Connect-SmartlyQ's `GET /me` comes before it but its request is counted.";
            if (s.RunBatch || s.RunPwsh)
                yield return "Jobs: queued 0 s, processing uniform in [" + s.ProcessingMin.TotalSeconds + " s, " + s.ProcessingMax.TotalSeconds + " s] (sandbox `ProcessingDurationMax`, seed " + s.Seed + "); durations and the slowest job come from `SandboxServer.GetJobTimeline`; the slowest job's download is timed alone after the batch (median of 3).";
            if (s.RunBatch)
                yield return "The lower bound is the issue's formula. The sandbox's limit is a fixed " + s.RateLimitWindow.TotalSeconds.ToString("0") + " s window (as the emulator models the API), so a client may spend its " + s.RateLimitPermits + " permits in a burst: the formula's " + Format.Seconds(TimeSpan.FromSeconds(s.Rows / s.RatePerSecond)) + " for submissions is then not a hard floor, and a ratio below 1 is possible. Downloads with the key spend the same budget (sandbox change), so requests per video include them.";
            if (s.RunBatch || s.RunPwsh)
                yield return "Requests per finished video: every request with the key divided by videos saved — client side `ClientStatistics.Requests` (every attempt), server side `SandboxServer.Stats.ForKey` (every answer, by route group); both include Connect's `GET /me` and the model list. 429s: client `ClientStatistics.RateLimited429Received`, server `Stats.TooManyRequests` (rate limiter and chaos; chaos is off).";
            if (s.RunNaive)
                yield return "Naive client: written in the harness (bench/Batch/NaiveClient.cs), its own fresh sandbox with the same settings; it waits the poll interval before each poll. " + (s.NaiveRows < s.Rows ? "It runs only " + s.NaiveRows + " of the " + s.Rows + " rows; its time for all rows is that time × " + s.Rows + "/" + s.NaiveRows + " (labelled extrapolated)." : "It runs every row.");
            if (s.RunDownload)
                yield return "Download: for each size a sandbox with `VideoSizeBytes` = the size, twice: in this process (the issue's setup; our client then shares the process, its thread pool and GC with the server, curl does not) and in a child process of its own (the sandbox's console host, so both clients stand alike). After one unmeasured download of ours, ours and `curl -s -S -o <file> -w %{time_total} <url>` alternate on the same URL (at least 3 times; smaller files until 1 GiB in all, at most 15 times), each into a new file on the same disk (deleted after); median throughput (MiB/s = 2^20 bytes per second). Ours is timed from the call of `DownloadAsync` to the file's flush (file opened before, as Save-SqVideo opens it: 81,920-byte buffer, async); curl by its own `time_total`, so its process start-up is not counted against it. Ours sends the key (same origin), curl does not; the limit is set high so neither is paced.";
            if (s.RunDownload)
                yield return "Memory: " + MemorySampler.Method + " of the bench process, sampled every 5 ms on a dedicated thread; growth = peak − the value after a forced full GC just before the download, the largest over the repetitions. With the in-process sandbox \"during ours\" is client + server and \"during curl\" the server alone; with the sandbox in its own process \"during ours\" is the client alone. Managed allocations: `GC.GetTotalAllocatedBytes` over our download, whole bench process.";
            if (s.RunMicro)
                yield return "Micro: `SubmitAsync`, `GetJobAsync` and a 422 through the public client with an in-memory handler returning canned JSON (with `X-RateLimit-*` headers of an effectively unlimited budget, so the client's pacer never waits); the handler's own cost is the last row and is included in the others. In-process toolchain; " + (s.Quick ? "short run (3 warm-ups, 3 × 250 ms iterations): indicative only." : "BenchmarkDotNet's default job.");
            if (VariantSettings != null)
                yield return "1c repeats the batch at the same 600/min in fixed windows of " + VariantSettings.RateLimitWindow.TotalSeconds.ToString("0") + " s (" + VariantSettings.RateLimitPermits + " permits each), i.e. the rate limit time-scaled with the jobs: a burst can no longer spend the whole budget, so the formula's submission time is close to a real floor, and downloads with the key compete for the same permits. It is not in the targets summary; `--no-variant` leaves it out.";
            foreach (string note in PwshNotes(s))
                yield return note;
            if (s.Quick)
                yield return "`--quick`: " + s.Rows + " rows at the same time scale as the full run (the rate limit and job durations are already scaled; Wait-SqJob's public poll interval cannot go below 1 s), the naive client on " + s.NaiveRows + " rows (extrapolated), downloads of 10 and 100 MiB only, short micro-benchmark runs. The full run (no arguments) is the reference.";
        }

        private void Row(string number, string benchmark, string measure, string result, string target, string met)
            => _rows.Add(new[] { number, benchmark, measure, result, target, met });

        private void AddTarget(string target, bool? met, string measured) => _targets.Add((target, met, measured));

        private static string Verdict(bool? met) => met switch { true => "met", false => "**not met**", null => "not measured" };

        private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ").Replace("\r", "");
    }
}
