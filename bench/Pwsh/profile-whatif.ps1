<#
    Run by the benchmark harness (bench/Pwsh/PwshBenchmark.cs, --whatif-profile) in a pwsh child process.

    Where the time of `Import-Csv rows.csv | New-SqVideo -WhatIf` goes, per row, in one warm session (every variant
    runs once unmeasured, then -Passes times; the median pass is reported):

      csv        $null = Import-Csv $Csv                                    reading and parsing the CSV
      new        $null = $rows | New-SqVideo -WhatIf                        rows already in memory
      baseline   $null = $rows | Test-SqBaseline -WhatIf                    a compiled cmdlet with New-SqVideo's parameters
                                                                            and attributes whose ProcessRecord only calls
                                                                            ShouldProcess (PowerShell's own binding,
                                                                            ShouldProcess and the What-if line)
      pumped     $null = $rows | Test-SqBaseline -WhatIf -Pumped            the same, with ShouldProcess asked from a worker
                                                                            task through a BlockingCollection, as
                                                                            OperationPump/PipelineSink do it
      core       [SqProfile]::Core($connection, $inputs)                    NewVideoOperation.ProcessAsync per row with a
                                                                            sink that answers ShouldProcess "no" at once
                                                                            (Core's validation, no PowerShell, no threads)
      nohost     the `new` variant in a runspace without a host             what writing the What-if line to stdout costs

    The result is one line on stdout: "SQBENCH-RESULT " + compact JSON (medians in ms per pass, and rows).
#>
param(
    [Parameter(Mandatory = $true)][string]$ModulePath,
    [Parameter(Mandatory = $true)][string]$BaseUri,
    [Parameter(Mandatory = $true)][string]$Csv,
    [int]$Passes = 5
)

Set-StrictMode -Version Latest
$result = [ordered]@{ mode = 'Profile'; problem = $null }

try {
    Import-Module -Name $ModulePath -ErrorAction Stop
    $connection = Connect-SmartlyQ -BaseUri $BaseUri -PassThru -ErrorAction Stop
    $moduleDll = Join-Path $ModulePath 'SmartlyQ.Video.dll'
    # Core sits in the module's private dependencies folder (its own load context on PowerShell 7).
    $coreDll = Join-Path $ModulePath 'dependencies/SmartlyQ.Video.Core.dll'

    Add-Type -ErrorAction Stop -IgnoreWarnings -WarningAction SilentlyContinue -ReferencedAssemblies $moduleDll, $coreDll, (Join-Path $PSHOME ref System.Collections.Concurrent.dll), (Join-Path $PSHOME ref netstandard.dll), ([psobject].Assembly.Location) -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Transformations;

[Cmdlet(VerbsDiagnostic.Test, "SqBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class TestSqBaselineCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)] [AllowEmptyString] public string Model { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [ValidateSet("text_to_video", "image_to_video", "")] public string Type { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string Prompt { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [Alias("image_url")] public string ImageUrl { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [CsvInt32Transformation("Duration")] public int? Duration { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string Resolution { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string Mode { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [Alias("aspect_ratio")] public string AspectRatio { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string Style { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] public string Movement { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [Alias("negative_prompt")] public string NegativePrompt { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [CsvInt64Transformation("Seed")] public long? Seed { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [Alias("generate_audio")] [CsvBooleanTransformation("GenerateAudio")] public bool? GenerateAudio { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [Alias("camera_fixed")] [CsvBooleanTransformation("CameraFixed")] public bool? CameraFixed { get; set; }
    [Parameter(ValueFromPipelineByPropertyName = true)] [Alias("idempotency_key")] public string IdempotencyKey { get; set; }
    [Parameter] public SwitchParameter Pumped { get; set; }

    protected override void ProcessRecord()
    {
        string target = Model + ": '" + Prompt + "'";
        string action = "Submit video job (" + Type + ", " + Duration + " s, costs SQC)";
        if (!Pumped.IsPresent)
        {
            ShouldProcess(target, action);
            return;
        }

        // OperationPump + PipelineSink in miniature: the work on a worker, ShouldProcess run on this thread.
        using (var requests = new BlockingCollection<Action>())
        {
            Task task = Task.Run(async () =>
            {
                var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                requests.Add(() => answer.TrySetResult(ShouldProcess(target, action)));
                await answer.Task.ConfigureAwait(false);
            });
            task.ContinueWith(_ => requests.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (Action request in requests.GetConsumingEnumerable()) request();
            task.GetAwaiter().GetResult();
        }
    }
}

public static class SqProfile
{
    private sealed class NoSink : IOperationSink
    {
        public int Errors;
        public void WriteObject(object value) { }
        public void WriteError(OperationError error) { Errors++; }
        public void WriteWarning(string message) { }
        public void WriteVerbose(string message) { }
        public void WriteProgress(OperationProgress progress) { }
        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) { return Task.FromResult(false); }
    }

    public static NewVideoInput[] Inputs(PSObject[] rows)
    {
        var inputs = new NewVideoInput[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Func<string, string> p = name => CsvValue.ToNullableString((string)rows[i].Properties[name].Value);
            string duration = p("duration"), audio = p("generate_audio"), camera = p("camera_fixed");
            inputs[i] = new NewVideoInput
            {
                Request = new VideoRequest
                {
                    Model = p("model"), Type = p("type"), Prompt = p("prompt"), ImageUrl = p("image_url"),
                    Duration = duration == null ? (int?)null : int.Parse(duration),
                    AspectRatio = p("aspect_ratio"), Style = p("style"),
                    GenerateAudio = audio == null ? (bool?)null : bool.Parse(audio),
                    CameraFixed = camera == null ? (bool?)null : bool.Parse(camera),
                },
                TargetObject = rows[i],
            };
        }
        return inputs;
    }

    /// <summary>Milliseconds for every input through NewVideoOperation.ProcessAsync; throws when a row errs.</summary>
    public static double Core(SmartlyQConnection connection, NewVideoInput[] inputs)
    {
        var operation = new NewVideoOperation(connection);
        var sink = new NoSink();
        var clock = Stopwatch.StartNew();
        foreach (NewVideoInput input in inputs)
            operation.ProcessAsync(input, sink, CancellationToken.None).GetAwaiter().GetResult();
        double ms = clock.Elapsed.TotalMilliseconds;
        if (sink.Errors > 0) throw new InvalidOperationException(sink.Errors + " rows failed validation");
        return ms;
    }
}
'@
    Import-Module -Assembly ([TestSqBaselineCommand].Assembly)

    $rows = @(Import-Csv -LiteralPath $Csv)
    $inputs = [SqProfile]::Inputs([psobject[]]$rows)
    $result.rows = $rows.Count

    # A runspace without a host: -WhatIf's line goes nowhere.
    $bare = [runspacefactory]::CreateRunspace()
    $bare.Open()
    $bareShell = [powershell]::Create()
    $bareShell.Runspace = $bare
    $null = $bareShell.AddScript({
            param($ModulePath, $BaseUri, $Key)
            $env:SMARTLYQ_API_KEY = $Key
            Import-Module -Name $ModulePath -ErrorAction Stop
            Connect-SmartlyQ -BaseUri $BaseUri -ErrorAction Stop
        }).AddArgument($ModulePath).AddArgument($BaseUri).AddArgument($env:SMARTLYQ_API_KEY).Invoke()
    if ($bareShell.HadErrors) { throw "no-host runspace: $($bareShell.Streams.Error[0])" }
    function Invoke-NoHost {
        $bareShell.Commands.Clear()
        $null = $bareShell.AddScript({ param($rows) $clock = [Diagnostics.Stopwatch]::StartNew(); $null = $rows | New-SqVideo -WhatIf; $clock.Elapsed.TotalMilliseconds }).AddArgument($rows)
        $ms = $bareShell.Invoke()[0]
        if ($bareShell.HadErrors) { throw "no-host runspace: $($bareShell.Streams.Error[0])" }
        return $ms
    }

    $variants = [ordered]@{
        csv      = { $null = Import-Csv -LiteralPath $Csv }
        new      = { $null = $rows | New-SqVideo -WhatIf }
        baseline = { $null = $rows | Test-SqBaseline -WhatIf }
        pumped   = { $null = $rows | Test-SqBaseline -WhatIf -Pumped }
    }

    $times = [ordered]@{}
    $cpuTimes = [ordered]@{}
    foreach ($name in @($variants.Keys) + 'core', 'nohost') {
        $times[$name] = [Collections.Generic.List[double]]::new()
        $cpuTimes[$name] = [Collections.Generic.List[double]]::new()
    }
    # CPU time of this process (all threads) beside the wall clock; 'core' is timed inside its method (wall only there).
    $me = [Diagnostics.Process]::GetCurrentProcess()
    for ($pass = -1; $pass -lt $Passes; $pass++) {
        foreach ($name in @($variants.Keys) + 'core', 'nohost') {
            $Error.Clear()
            $me.Refresh()
            $cpu = $me.TotalProcessorTime
            $clock = [Diagnostics.Stopwatch]::StartNew()
            if ($name -eq 'core') { $inner = [SqProfile]::Core($connection, $inputs) }
            elseif ($name -eq 'nohost') { $inner = Invoke-NoHost }
            else { & $variants[$name]; $inner = $null }
            $ms = $clock.Elapsed.TotalMilliseconds
            $me.Refresh()
            $cpuMs = ($me.TotalProcessorTime - $cpu).TotalMilliseconds
            if ($Error.Count -gt 0) { throw "$name`: $($Error[$Error.Count - 1])" }
            if ($pass -ge 0) {
                $times[$name].Add($(if ($null -ne $inner) { $inner } else { $ms }))
                $cpuTimes[$name].Add($cpuMs)
            }
        }
    }

    $result.medianMs = [ordered]@{}
    $result.medianCpuMs = [ordered]@{}
    $result.allMs = [ordered]@{}
    foreach ($name in $times.Keys) {
        $sorted = @($times[$name] | Sort-Object)
        $result.medianMs[$name] = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
        $sortedCpu = @($cpuTimes[$name] | Sort-Object)
        $result.medianCpuMs[$name] = $sortedCpu[[int][Math]::Floor(($sortedCpu.Count - 1) / 2)]
        $result.allMs[$name] = @($times[$name])
    }
    $bareShell.Dispose()
    $bare.Dispose()
}
catch {
    $result.problem = $_.Exception.GetType().Name + ': ' + $_.Exception.Message + ' ' + $_.ScriptStackTrace
}

[Console]::Out.WriteLine('SQBENCH-RESULT ' + ($result | ConvertTo-Json -Compress -Depth 6))
[Console]::Out.Flush()
