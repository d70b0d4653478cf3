using System.Diagnostics;
using SmartlyQ.Video.Bench;
using SmartlyQ.Video.Bench.Batch;
using SmartlyQ.Video.Bench.Download;
using SmartlyQ.Video.Bench.Micro;
using SmartlyQ.Video.Bench.Providers;
using SmartlyQ.Video.Bench.Pwsh;

// Benchmark harness: batch makespan against the rate-limit lower bound and a naive client, download throughput and
// memory against curl, and BenchmarkDotNet micro-benchmarks of the client's per-job work. The Markdown table goes to
// stdout and to bench/results/latest.md (full) or bench/results/quick.md (--quick); progress goes to stderr.
var args_ = new Args(args);
if (args_.Has("--help") || args_.Has("-h"))
{
    Console.WriteLine("""
        dotnet run -c Release --project bench [-- options]

          (none)            full run: 200-row batch, naive client on 40 rows (extrapolated), 1,000-row batch through
                            real pwsh beside the same batch in-process and 3 × 5,000 rows of New-SqVideo -WhatIf,
                            downloads of 10 MiB, 100 MiB and 1 GiB, BenchmarkDotNet default job; writes
                            bench/results/latest.md
          --quick           reduced set: 60 rows, naive on 3, pwsh batch of 200 rows and -WhatIf 2 × 1,000 rows,
                            downloads of 10 and 100 MiB, short micro runs; writes bench/results/quick.md
          --rows N          batch rows                  --naive-rows N   rows the naive client really runs
          --rate-window S   the same 600/min in fixed windows of S seconds (default 60: 600 per 60 s)
          --variant-window S a second batch at the same rate in windows of S seconds (full: 6; --no-variant: none)
          --download-reps N repetitions per size        --seed N         sandbox seed (job durations)
          --pwsh-rows N     rows of part 4's batch, in real pwsh and in-process (default 1000; --quick: 200)
          --pwsh-permits N  --pwsh-window S   part 4's rate limit: N permits per S s fixed window (default 600 per 6 s)
          --pwsh-reps N     runs of each of part 4's two batch rows, ABBA order, median shown (default 1)
          --whatif-rows N   rows per Import-Csv | New-SqVideo -WhatIf pass (default 5000; --quick: 1000)
          --whatif-passes N timed -WhatIf passes in one pwsh session (default 3; --quick: 2)
          --whatif-profile-passes N  passes of 4c, where -WhatIf's time per row goes (default 5; --quick: 3)
          --no-whatif-profile        leave 4c out
          --skip-pwsh-batch          part 4 without its batch rows (only -WhatIf and 4c)
          --pwsh-no-build   use out/SmartlyQ.Video as it is (default: build.ps1 -Task Build first)
          --provider-rows N rows of part 5's batch per provider (default 100)
          --skip-batch --skip-naive --skip-pwsh --skip-download --skip-micro --skip-providers   leave a part out
          --out PATH        write the table there instead
          --a4f-sync        only: one A4F synchronous generation (--a4f-mib N, default 200; --a4f-reps N, default 3)
                            saved by the client beside curl | cut | base64 -d; writes bench/results/a4f-sync.md
        """);
    return 0;
}

if (args_.Has("--a4f-sync"))
{
    // A part of its own: one synchronous A4F generation of --a4f-mib MiB (default 200), ours beside curl | base64 -d.
    var a4fClock = Stopwatch.StartNew();
    string table = await SmartlyQ.Video.Bench.Download.A4FSyncBenchmark.RunAsync((args_.Int("--a4f-mib") ?? 200) * BenchSettings.MiB, args_.Int("--a4f-reps") ?? 3,
        Machine.RepositoryRoot(), line => Console.Error.WriteLine($"[bench {a4fClock.Elapsed:mm\\:ss}] {line}"), CancellationToken.None);
    Console.WriteLine(table);
    return 0;
}

BenchSettings settings;
try
{
    settings = args_.Has("--quick") ? BenchSettings.Reduced(args_) : BenchSettings.Full(args_);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var started = Stopwatch.StartNew();
void Log(string line) => Console.Error.WriteLine($"[bench {started.Elapsed:mm\\:ss}] {line}");

string root = Machine.RepositoryRoot();
var machine = new Machine(root);
Log($"{(settings.Quick ? "quick" : "full")} run on {machine.Cores} cores, {machine.Os}, {machine.Dotnet}, {machine.Configuration}, commit {machine.Commit}");
if (machine.Configuration != "Release") Log("warning: a Debug build measures unoptimized code; use dotnet run -c Release --project bench");

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
CancellationToken ct = cancel.Token;
var report = new Report();

if (settings.RunBatch)
{
    try
    {
        report.Batch = await BatchBenchmark.RunOursAsync(settings, Log, ct);
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
    {
        report.BatchProblem = ex.GetType().Name + ": " + ex.Message;
        Log("batch failed: " + ex);
    }
}

if (settings.RunBatch && settings.VariantWindow is TimeSpan variantWindow)
{
    BenchSettings variant = settings.InWindowsOf(variantWindow);
    try
    {
        report.Variant = await BatchBenchmark.RunOursAsync(variant, Log, ct);
        report.VariantSettings = variant;
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
    {
        report.VariantProblem = ex.GetType().Name + ": " + ex.Message;
        report.VariantSettings = variant;
        Log("batch variant failed: " + ex);
    }
}

if (settings.RunNaive)
{
    try
    {
        report.Naive = await BatchBenchmark.RunNaiveAsync(settings, Log, ct);
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
    {
        report.NaiveProblem = ex.GetType().Name + ": " + ex.Message;
        Log("naive failed: " + ex);
    }
}

if (settings.RunDownload)
{
    try
    {
        report.Downloads = await DownloadBenchmark.RunAsync(settings, Log, ct);
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
    {
        report.DownloadProblem = ex.GetType().Name + ": " + ex.Message;
        Log("download failed: " + ex);
    }
}

if (settings.RunMicro)
{
    if (machine.Configuration != "Release")
    {
        report.MicroProblem = "not run: Debug build (BenchmarkDotNet needs -c Release)";
    }
    else
    {
        try
        {
            (report.Micro, report.MicroProblem, report.MicroJob) = MicroRunner.Run(settings.Quick, Path.Combine(root, "bench", "BenchmarkDotNet.Artifacts"), Log);
        }
        catch (Exception ex)
        {
            report.MicroProblem = ex.GetType().Name + ": " + ex.Message;
            Log("micro failed: " + ex);
        }
    }
}

if (settings.RunPwsh)
{
    try
    {
        report.Pwsh = await PwshBenchmark.RunAsync(settings, root, Log, ct);
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
    {
        report.PwshProblem = ex.GetType().Name + ": " + ex.Message;
        Log("pwsh part failed: " + ex);
    }
}

if (settings.RunProviders)
{
    report.Providers = new List<ProviderRun>();
    foreach (string provider in ProviderBatchBenchmark.Providers())
    {
        var run = new ProviderRun { Provider = provider };
        try
        {
            run.Result = await ProviderBatchBenchmark.RunAsync(settings, provider, Log, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            run.Problem = ex.GetType().Name + ": " + ex.Message;
            Log(provider + " batch failed: " + ex);
        }
        report.Providers.Add(run);
    }

    if (settings.RunNaive && ProviderBatchBenchmark.Providers().Contains("OpenAI"))
    {
        try
        {
            report.OpenAISdk = await SdkComparison.RunAsync(settings, Log, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            report.OpenAISdkProblem = ex.GetType().Name + ": " + ex.Message;
            Log("OpenAI SDK-style client failed: " + ex);
        }
    }
}

report.Total = started.Elapsed;
string output = settings.OutputPath ?? Path.Combine(root, "bench", "results", settings.Quick ? "quick.md" : "latest.md");
string relative = Path.GetRelativePath(root, Path.GetFullPath(output));
report.OutputShown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(output) : relative.Replace('\\', '/');
report.Arguments = args;
string markdown = report.ToMarkdown(machine, settings);
Console.WriteLine(markdown);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, markdown);
Log("written to " + output + $" ({started.Elapsed.TotalSeconds:0} s in all)");
return ct.IsCancellationRequested ? 130 : 0;
