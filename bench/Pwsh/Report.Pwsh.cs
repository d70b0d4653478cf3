using System.Globalization;
using SmartlyQ.Video.Bench.Batch;
using SmartlyQ.Video.Bench.Pwsh;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Bench
{
    /// <summary>Part 4's rows and notes (bench/Pwsh/).</summary>
    internal sealed partial class Report
    {
        private const double PwshRatioTarget = 1.10;
        private const double WhatIfTarget = 1000;

        private void AddPwsh(BenchSettings settings)
        {
            BenchSettings s = settings.PwshBatch();
            string setup = PwshSetup(s, Pwsh?.PwshVersion ?? "7");
            string whatIfSetup = WhatIfSetup(settings);
            if (!settings.RunPwsh)
            {
                Row("4", "PowerShell batch and -WhatIf through real pwsh", "—", "not run (--skip-pwsh)", "", "");
                return;
            }
            if (Pwsh == null)
            {
                Row("4", setup, "—", "failed: " + Escape(PwshProblem ?? "unknown"), "", "");
                AddTarget("pwsh makespan ≤ 1.10 × in-process", null, "part 4 failed");
                AddTarget("New-SqVideo -WhatIf ≥ 1,000 rows/s", null, "part 4 failed");
                return;
            }

            PwshReport p = Pwsh;
            if (!settings.RunPwshBatch)
            {
                Row("4", setup, "—", "not run (--skip-pwsh-batch)", "", "");
                AddWhatIf(p, whatIfSetup, settings);
                AddProfile(p, settings);
                AddLoad(p);
                return;
            }

            BatchResult? ours = Median(p.InProcess, b => b.Makespan);
            PwshBatchRun? shell = Median(p.Pwsh, r => r.Batch.Makespan);
            BatchResult? sh = shell?.Batch;
            string Pair<T>(Func<BatchResult, T> f, Func<T, string> show) =>
                (ours != null ? show(f(ours)) : "—") + " / " + (sh != null ? show(f(sh)) : "—");
            string Semi(Func<BatchResult, string> show) => (ours != null ? show(ours) : "—") + " ; " + (sh != null ? show(sh) : "—");
            bool AllSaved(BatchResult b) => b.Saved == b.Rows && b.Verified == b.Saved && b.Errors == 0;

            string medianNote = s.PwshRepetitions > 1 ? $", median of {s.PwshRepetitions} runs each" : "";
            Row("4", setup, "Makespan, in-process / pwsh (first row in → last file saved; pwsh: a Stopwatch in pwsh around the pipeline statement only" + medianNote + ")",
                Pair(b => b.Makespan, Format.Seconds), "", "");
            if (ours != null && sh != null)
            {
                double ratio = sh.Makespan / ours.Makespan;
                bool met = ratio <= PwshRatioTarget && AllSaved(ours) && AllSaved(sh);
                Row("", "", "pwsh makespan ÷ in-process makespan", Format.Number(ratio), "≤ 1.10", Verdict(met));
                AddTarget("pwsh makespan ≤ 1.10 × in-process", met, Format.Number(ratio) + " (" + Format.Seconds(sh.Makespan) + " / " + Format.Seconds(ours.Makespan) + ")" + (AllSaved(ours) && AllSaved(sh) ? "" : ", not every video saved"));
            }
            else
            {
                Row("", "", "pwsh makespan ÷ in-process makespan", "n/a (a run failed)", "≤ 1.10", Verdict(null));
                AddTarget("pwsh makespan ≤ 1.10 × in-process", null, "a run failed");
            }

            Row("", "", $"Lower bound, in-process / pwsh: {s.Rows} submissions at {s.RatePerSecond * 60:0}/min ({Format.Seconds(TimeSpan.FromSeconds(s.Rows / s.RatePerSecond))}) + the run's slowest job ({Pair(b => b.SlowestJobDuration, Format.Seconds)}) + its download ({Pair(b => b.SlowestDownload, Format.Seconds)})",
                Pair(b => b.LowerBound, Format.Seconds), "", "");
            Row("", "", "Makespan ÷ lower bound, in-process / pwsh", Pair(b => b.Makespan / b.LowerBound, x => Format.Number(x)), "", "");

            bool requestsMet = new[] { ours, sh }.All(b => b != null && Math.Max(b.RequestsPerVideoClient ?? double.NaN, b.RequestsPerVideoServer ?? double.NaN) <= 3.2);
            Row("", "", "Requests per finished video, client (ClientStatistics.Requests) / server (Stats): in-process ; pwsh",
                Semi(b => Format.Number(b.RequestsPerVideoClient ?? double.NaN) + " / " + Format.Number(b.RequestsPerVideoServer ?? double.NaN)) + (shell is { ClientStatisticsRead: false } ? " (pwsh client statistics not readable)" : ""),
                "≤ 3.2", Verdict(requestsMet));
            bool no429 = new[] { ours, sh }.All(b => b != null && b.Client429 == 0 && b.Server.TooManyRequests == 0);
            Row("", "", "429s, received by the client / sent by the server: in-process ; pwsh", Semi(b => b.Client429 + " / " + b.Server.TooManyRequests), "0", Verdict(no429));
            AddTarget("0 × 429 through pwsh (and in-process) at " + s.RateLimitPermits + "/" + s.RateLimitWindow.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s", no429, Semi(b => b.Client429 + " client / " + b.Server.TooManyRequests + " server"));
            Row("", "", "Videos saved / verified by SHA-256 / errors: in-process ; pwsh",
                Semi(b => $"{b.Saved} / {b.Verified} / {b.Errors}" + (b.FirstError != null ? " (first: " + Escape(b.FirstError) + ")" : "")),
                $"{s.Rows} / {s.Rows} / 0", Verdict(ours != null && sh != null && AllSaved(ours) && AllSaved(sh)));
            Row("", "", "Server requests by group: in-process ; pwsh",
                Semi(b => string.Join(", ", b.Server.ByGroup.Where(g => g.Value > 0).Select(g => g.Key + " " + g.Value)) + $" (total {b.Server.Requests})"), "", "");
            Row("", "", "Submissions, first → last (server clock); last submitted at (after the pipeline's start): in-process ; pwsh",
                Semi(b => Format.Seconds(b.FirstToLastSubmission) + "; " + Format.Seconds(b.LastSubmissionAt)), "", "");
            Row("", "", "Requests that waited for the client's pacer: in-process / pwsh", Pair(b => b.ClientPacingWaits, x => x.ToString(CultureInfo.InvariantCulture)), "", "");
            if (shell != null)
                Row("", "", "pwsh outside the timed pipeline: process start → script's first statement / Import-Module / Connect-SmartlyQ (incl. GET /me) / whole child process", Timings(shell.Timings), "", "");
            if (s.PwshRepetitions > 1)
                Row("", "", "Every run's makespan (ABBA order), in-process ; pwsh",
                    string.Join(", ", p.InProcess.Select(b => Format.Seconds(b.Makespan))) + " ; " + string.Join(", ", p.Pwsh.Select(r => Format.Seconds(r.Batch.Makespan))), "", "");
            foreach (string problem in p.Problems)
                Row("", "", "Failed run", Escape(problem), "", "");

            AddWhatIf(p, whatIfSetup, settings);
            AddProfile(p, settings);
            AddLoad(p);
        }

        private void AddLoad(PwshReport p)
        {
            if (p.Load.Count == 0) return;
            Row("4d", "Machine load during part 4 (shared machine)", "Load average (1 / 5 / 15 min, /proc/loadavg) when each step started",
                string.Join("; ", p.Load.Select(l => l.Step + ": " + l.Load.Replace(" ", " / "))), "", "");
        }

        private void AddProfile(PwshReport p, BenchSettings settings)
        {
            if (settings.WhatIfProfilePasses == 0) return;
            string setup = $"Where -WhatIf's time per row goes: bench/Pwsh/profile-whatif.ps1, {settings.WhatIfRows} rows, one warm pwsh session, median of {settings.WhatIfProfilePasses} passes per variant: wall µs per row (CPU µs per row of the whole pwsh process, all threads)";
            if (p.Profile == null)
            {
                Row("4c", setup, "—", "failed: " + Escape(p.ProfileProblem ?? "unknown"), "", "");
                return;
            }

            WhatIfProfile f = p.Profile;
            string Us(string variant) => Format.Number(f.MicrosecondsPerRow(variant), "0.0") + " µs" + (f.MedianCpuMs.ContainsKey(variant) ? " (pwsh CPU " + Format.Number(f.CpuMicrosecondsPerRow(variant), "0.0") + " µs)" : "");
            string All(string variant) => f.AllMs.TryGetValue(variant, out List<double>? all) ? " (passes: " + string.Join(", ", all.Select(ms => Format.Number(ms, "0"))) + " ms)" : "";
            string number = "4c";
            void Variant(string variant, string what)
            {
                Row(number, number == "4c" ? setup : "", what, Us(variant) + All(variant), "", "");
                number = "";
            }

            Variant("csv", "`$null = Import-Csv rows.csv` alone");
            Variant("new", "`$rows \\| New-SqVideo -WhatIf`, rows already in memory");
            Variant("baseline", "`$rows \\| Test-SqBaseline -WhatIf`: a compiled cmdlet with New-SqVideo's parameters and attributes whose ProcessRecord only calls ShouldProcess (PowerShell's binding, ShouldProcess, the What-if line)");
            Variant("pumped", "`$rows \\| Test-SqBaseline -WhatIf -Pumped`: the same, with ShouldProcess asked from a Task.Run worker through a BlockingCollection and answered through a TaskCompletionSource (RunContinuationsAsynchronously), as OperationPump.Run and PipelineSink.ShouldProcessAsync do per record");
            Variant("core", "Core alone: `NewVideoOperation.ProcessAsync` per row with a sink that answers ShouldProcess \"no\" at once (validation against the cached catalog; no PowerShell, no threads)");
            Variant("nohost", "`New-SqVideo -WhatIf` as in the second row, in a runspace without a host (the What-if line written nowhere)");
            double newUs = f.MicrosecondsPerRow("new"), baseUs = f.MicrosecondsPerRow("baseline"), pumpedUs = f.MicrosecondsPerRow("pumped"), coreUs = f.MicrosecondsPerRow("core");
            Row("", "", "Share of New-SqVideo -WhatIf's time per row: the pump's thread hand-offs (pumped − baseline) / PowerShell's binding + ShouldProcess + host line (baseline) / Core's validation (core) / the rest",
                string.Join(" / ", new[] { pumpedUs - baseUs, baseUs, coreUs, newUs - pumpedUs - coreUs }.Select(x => Format.Number(100 * x / newUs, "0") + " %")), "", "");
            if (p.ProfileNoSpin is WhatIfProfile n)
                Row("", "", "The same in a pwsh started with `" + PwshBenchmark.NoSpinVariable + "=0` (idle thread-pool workers block at once instead of spinning for work): New-SqVideo -WhatIf / the pumped baseline / the plain baseline",
                    Us2(n, "new") + " / " + Us2(n, "pumped") + " / " + Us2(n, "baseline"), "", "");
            else if (p.ProfileNoSpinProblem != null)
                Row("", "", "The same with `" + PwshBenchmark.NoSpinVariable + "=0`", "failed: " + Escape(p.ProfileNoSpinProblem), "", "");

            static string Us2(WhatIfProfile x, string variant) => Format.Number(x.MicrosecondsPerRow(variant), "0.0") + " µs (CPU " + Format.Number(x.CpuMicrosecondsPerRow(variant), "0.0") + " µs)";
        }

        private void AddWhatIf(PwshReport p, string setup, BenchSettings settings)
        {
            if (p.WhatIf == null)
            {
                Row("4b", setup, "—", "failed: " + Escape(p.WhatIfProblem ?? "unknown"), "", "");
                AddTarget("New-SqVideo -WhatIf ≥ 1,000 rows/s", null, "failed");
                return;
            }

            WhatIfResult w = p.WhatIf;
            double RowsPerSecond(WhatIfPass x) => w.Rows / x.Elapsed.TotalSeconds;
            string Show(WhatIfPass x) => Format.Number(RowsPerSecond(x), "N0") + " rows/s (" + Format.Seconds(x.Elapsed) + "; " + Format.Number(x.Elapsed.TotalMilliseconds * 1000 / w.Rows, "0") + " µs per row" +
                (x.Cpu is TimeSpan cpu ? "; pwsh CPU " + Format.Seconds(cpu) + " = " + Format.Number(cpu.TotalMilliseconds * 1000 / w.Rows, "0") + " µs per row" : "") + ")";
            bool complete = w.Passes.All(x => x.Errors == 0 && x.WhatIfLines == w.Rows);
            WhatIfPass first = w.Passes[0];
            bool met = RowsPerSecond(first) >= WhatIfTarget && complete;
            Row("4b", setup, "Rows per second, first pass (the session's first pipeline after Connect-SmartlyQ, so it includes JIT of the binding and cmdlet code): rows ÷ Stopwatch around the pipeline statement", Show(first), "≥ 1,000 rows/s", Verdict(met));
            if (w.Passes.Count > 1)
                Row("", "", "Rows per second, later passes in the same session (warm)", string.Join("; ", w.Passes.Skip(1).Select(Show)), "", "");
            AddTarget("New-SqVideo -WhatIf ≥ 1,000 rows/s", met, Format.Number(RowsPerSecond(first), "N0") + " rows/s first pass" + (w.Passes.Count > 1 ? ", " + string.Join(", ", w.Passes.Skip(1).Select(x => Format.Number(RowsPerSecond(x), "N0"))) + " warm" : ""));
            Row("", "", "\"What if:\" lines on pwsh's stdout per pass / errors per pass", string.Join(", ", w.Passes.Select(x => x.WhatIfLines.ToString(CultureInfo.InvariantCulture))) + " / " + string.Join(", ", w.Passes.Select(x => x.Errors.ToString(CultureInfo.InvariantCulture))) +
                (w.Passes.FirstOrDefault(x => x.FirstError != null)?.FirstError is string e ? " (first: " + Escape(e) + ")" : ""), w.Rows + " / 0", Verdict(complete));
            long generate = w.Server.Group("generate");
            Row("", "", "Server, over the whole -WhatIf process: submissions (POST /videos/generate) / all requests with the key", generate + " / " + w.Server.Requests + " (" + string.Join(", ", w.Server.ByGroup.Where(g => g.Value > 0).Select(g => g.Key + " " + g.Value)) + ")", "0 submissions", Verdict(generate == 0));
            Row("", "", "pwsh outside the timed passes: process start → script's first statement / Import-Module / Connect-SmartlyQ / whole child process (" + w.Passes.Count + " passes)", Timings(w.Timings), "", "");
        }

        private static string Timings(PwshTimings t) =>
            (t.StartToScript is TimeSpan st ? Format.Seconds(st) : "n/a") + " / " + Format.Seconds(t.Import) + " / " + Format.Seconds(t.Connect) + " / " + Format.Seconds(t.Wall);

        private static T? Median<T>(List<T> runs, Func<T, TimeSpan> key) where T : class =>
            runs.Count == 0 ? null : runs.OrderBy(key).ElementAt((runs.Count - 1) / 2);

        private static string PwshSetup(BenchSettings s, string version) =>
            $"PowerShell batch: {s.Rows} rows (Rows.cs, as 1, written to rows.csv), {s.RateLimitPermits}/{s.RateLimitWindow.TotalSeconds:0} s fixed window ({s.RatePerSecond:0}/s), " +
            $"jobs {s.ProcessingMin.TotalSeconds:0}–{s.ProcessingMax.TotalSeconds:0} s, {Format.Size(s.BatchVideoBytes)} videos: `Import-Csv rows.csv \\| New-SqVideo \\| Wait-SqJob \\| Save-SqVideo -Path <dir>` in pwsh {version} (child process) beside the same batch in-process (as 1)";

        private static string WhatIfSetup(BenchSettings s) =>
            $"New-SqVideo -WhatIf through pwsh: `Import-Csv rows.csv \\| New-SqVideo -WhatIf`, {s.WhatIfRows} rows (Rows.cs), connected (each row validated against the model catalog), {s.WhatIfPasses} passes in one pwsh session";

        private IEnumerable<string> PwshNotes(BenchSettings settings)
        {
            if (!settings.RunPwsh) yield break;
            if (Pwsh?.Profile != null)
                yield return "Reading 4b/4c: for each record New-SqVideo's ProcessRecord calls `RunOperation` → `OperationPump.Run` (src/SmartlyQ.Video/Pipeline/OperationPump.cs), which starts the operation with `Task.Run` and blocks the pipeline thread in `BlockingCollection.GetConsumingEnumerable()`; the operation's `ShouldProcessAsync` (src/SmartlyQ.Video/Pipeline/PipelineSink.cs) queues the question to the pipeline thread and awaits a `TaskCompletionSource` created with `RunContinuationsAsynchronously`, so the answer resumes on another pool thread, whose completion closes the queue and wakes the pipeline thread again: four cross-thread hand-offs per row even when nothing is sent. PowerShell's own binding + ShouldProcess + What-if line (the plain baseline) and Core's validation are a small part of the row's time; the pumped baseline, which does only those hand-offs, costs about what New-SqVideo costs. Each hand-off waits for a thread to be scheduled, so the cost grows with the machine's load (4d).";
            BenchSettings s = settings.PwshBatch();
            string launcher = Pwsh?.Launcher is { Length: > 0 } l ? l : "the pinned pwsh";
            yield return "4, PowerShell: pwsh " + (Pwsh?.PwshVersion ?? "") + " started by the harness as " + launcher + " with `-NoLogo -NoProfile -NonInteractive -File bench/Pwsh/pwsh-bench.ps1`, working directory the repository root, stdin closed, stdout and stderr pipes the harness drains; default preferences (progress on, but not rendered to a redirected host). Module: " + (Pwsh?.ModuleBuild ?? "out/SmartlyQ.Video") + ". The script does `Import-Module out/SmartlyQ.Video`, `Connect-SmartlyQ -BaseUri <sandbox> -PassThru` (key from `SMARTLYQ_API_KEY`, module defaults), then the timed statement, and prints one `SQBENCH-RESULT {json}` line.";
            yield return "4, batch: both rows use one settings object (`BenchSettings.PwshBatch()`: " + s.Rows + " rows from bench/Batch/Rows.cs, " + s.RateLimitPermits + " permits per " + s.RateLimitWindow.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s fixed window, jobs queued 0 s + processing uniform in [" + s.ProcessingMin.TotalSeconds + " s, " + s.ProcessingMax.TotalSeconds + " s], seed " + s.Seed + ") and each its own fresh in-process sandbox; the in-process row is `BatchBenchmark.RunOursAsync` (as 1), the pwsh row writes the same rows to rows.csv (New-SqVideo's snake_case columns, every field quoted) and runs `$saved = Import-Csv rows.csv | New-SqVideo | Wait-SqJob | Save-SqVideo -Path <dir>` (the FileInfo objects are collected in a variable, not formatted). The rate limit is the main batch's 600 permits in a window 10 × shorter (100 requests/s instead of 10), so 1,000 rows — about 2,000 requests with the downloads, which spend the key's budget too — finish in tens of seconds; the first window's permits can be spent in a burst, so the lower bound's submission term is not a hard floor. " + (s.PwshRepetitions > 1 ? s.PwshRepetitions + " runs of each, in ABBA order; the run with the median makespan is shown." : "One run of each, in-process first.");
            yield return "4, measures: the pwsh makespan is a `Stopwatch` in pwsh around the pipeline statement only (not process start-up, Import-Module or Connect-SmartlyQ, which are the last row of 4, timed the same way; \"process start → script\" is the harness's clock from `Process.Start` to the script's first statement, via Unix milliseconds); saved = FileInfo objects written, errors = `$Error.Count` after the statement, each .mp4 in the folder is hashed and compared with `SandboxServer.GetVideoSha256`; requests and 429s server side from `Stats.ForKey`, client side from the connection's `SmartlyQClient.Statistics` (read by reflection in pwsh: `SmartlyQConnection.Videos` is internal). The pwsh row's lower bound uses the timelines of its own saved jobs and its slowest job's download timed alone afterwards (median of 3), as 1 does. Client, server and pwsh share the machine's cores.";
            yield return "4b, -WhatIf: one pwsh process, connected as above (GET /me, then one GET /videos/models when the first row is validated); each pass is `$null = Import-Csv rows.csv | New-SqVideo -WhatIf` timed by a `Stopwatch` in pwsh around that statement — reading and parsing the CSV, binding each row's 9 columns to New-SqVideo's parameters, the cmdlet's validation against the cached catalog, ShouldProcess and the console host writing the \"What if:\" line. Those lines cannot be redirected inside PowerShell (they bypass the streams), so they go to pwsh's stdout, a pipe the harness reads and counts (per pass, between `SQBENCH-PASS n` markers) and discards; no terminal rendering is included. Beside the wall clock each pass reports the pwsh process's CPU time over it (`Process.TotalProcessorTime`, every thread: pipeline thread, thread pool, GC, spinning), which depends less on what else the machine runs. The first pass is the session's first use of Import-Csv and New-SqVideo (JIT included) and is the one held to the target; later passes are warm. The server's counters cover the whole process: no `generate` request means -WhatIf submitted nothing.";
            if (settings.WhatIfProfilePasses > 0)
                yield return "4c, breakdown: a separate pwsh process runs bench/Pwsh/profile-whatif.ps1 against a fresh sandbox: the CSV is imported once into `$rows`, then each variant runs once unmeasured and " + settings.WhatIfProfilePasses + " times measured, interleaved (a `Stopwatch` around each statement; median shown, every pass in brackets). `Test-SqBaseline` is compiled in that script by Add-Type (referencing the module's assemblies for its `CsvInt32Transformation`/`CsvBooleanTransformation` attributes); its `-Pumped` path reproduces only the thread hand-offs of src/SmartlyQ.Video/Pipeline/OperationPump.cs and PipelineSink.cs, nothing of Core. The last row repeats the whole profile in a second pwsh whose environment has `DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0`, a .NET runtime setting (not a module option) that makes idle thread-pool workers block at once instead of spinning for new work: where that row is much faster, the time per row is spent handing the record between threads, not computing. Differences between rows are estimates (the variants do not add up exactly), and on a busy machine the hand-offs, which wait for the scheduler, grow most.";
        }
    }
}
