<#
    Run by the benchmark harness (bench/Pwsh/PwshBenchmark.cs) in a pwsh child process; not for interactive use.

    -Mode Batch:  Import-Module, Connect-SmartlyQ, then the timed
                  Import-Csv $Csv | New-SqVideo | Wait-SqJob | Save-SqVideo -Path $OutDir
    -Mode WhatIf: Import-Module, Connect-SmartlyQ, then $Passes timed runs of
                  Import-Csv $Csv | New-SqVideo -WhatIf
                  ("What if:" lines go to the console host, i.e. this process's stdout, which the harness drains and counts).

    The API key comes from SMARTLYQ_API_KEY (set by the harness). The result is one line on stdout:
    "SQBENCH-RESULT " followed by compact JSON; times are milliseconds from Stopwatch, the script's start as Unix ms.
#>
param(
    [Parameter(Mandatory = $true)][ValidateSet('Batch', 'WhatIf')][string]$Mode,
    [Parameter(Mandatory = $true)][string]$ModulePath,
    [Parameter(Mandatory = $true)][string]$BaseUri,
    [Parameter(Mandatory = $true)][string]$Csv,
    [string]$OutDir,
    [int]$Passes = 2
)

# First statement: the harness subtracts its Process.Start time from this (process start-up, pwsh start-up, script parse).
$scriptStartedUnixMs = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
Set-StrictMode -Version Latest

$result = [ordered]@{
    mode                = $Mode
    scriptStartedUnixMs = $scriptStartedUnixMs
    psVersion           = $PSVersionTable.PSVersion.ToString()
    problem             = $null
}

function Send-Result {
    [Console]::Out.WriteLine('SQBENCH-RESULT ' + ($result | ConvertTo-Json -Compress -Depth 6))
    [Console]::Out.Flush()
}

function Get-ClientStatistics($connection) {
    # SmartlyQConnection.Videos is internal; it is the SmartlyQClient whose Statistics the in-process row reads.
    try {
        $property = $connection.GetType().GetProperty('Videos', [Reflection.BindingFlags]'NonPublic, Public, Instance')
        $statistics = $property.GetValue($connection).Statistics
        return [ordered]@{ requests = $statistics.Requests; received429 = $statistics.RateLimited429Received; pacingWaits = $statistics.PacingWaits }
    }
    catch {
        return $null
    }
}

try {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    Import-Module -Name $ModulePath -ErrorAction Stop
    $result.importMs = $clock.Elapsed.TotalMilliseconds

    $clock.Restart()
    $connection = Connect-SmartlyQ -BaseUri $BaseUri -PassThru -ErrorAction Stop
    $result.connectMs = $clock.Elapsed.TotalMilliseconds

    if ($Mode -eq 'Batch') {
        $Error.Clear()
        $result.pipelineStartedUnixMs = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $clock.Restart()
        # The issue's command; its FileInfo output is collected (not formatted to the host), which costs next to nothing.
        $saved = Import-Csv -LiteralPath $Csv | New-SqVideo | Wait-SqJob | Save-SqVideo -Path $OutDir
        $result.makespanMs = $clock.Elapsed.TotalMilliseconds
        $result.saved = @($saved | Where-Object { $_ -is [System.IO.FileInfo] }).Count
        $result.errors = $Error.Count
        $result.firstError = if ($Error.Count -gt 0) { [string]$Error[$Error.Count - 1] } else { $null }
        $result.client = Get-ClientStatistics $connection
    }
    else {
        $result.passes = @()
        # CPU time of this process (every thread: pipeline, thread pool, GC) beside the wall clock: the machine is shared.
        $me = [Diagnostics.Process]::GetCurrentProcess()
        for ($pass = 0; $pass -lt $Passes; $pass++) {
            $Error.Clear()
            [Console]::Out.WriteLine("SQBENCH-PASS $pass")
            $me.Refresh()
            $cpu = $me.TotalProcessorTime
            $clock.Restart()
            $null = Import-Csv -LiteralPath $Csv | New-SqVideo -WhatIf
            $elapsed = $clock.Elapsed.TotalMilliseconds
            $me.Refresh()
            $cpuMs = ($me.TotalProcessorTime - $cpu).TotalMilliseconds
            [Console]::Out.Flush()
            $result.passes += [ordered]@{
                ms         = $elapsed
                cpuMs      = $cpuMs
                errors     = $Error.Count
                firstError = if ($Error.Count -gt 0) { [string]$Error[$Error.Count - 1] } else { $null }
            }
        }
        $result.client = Get-ClientStatistics $connection
    }
}
catch {
    $result.problem = $_.Exception.GetType().Name + ': ' + $_.Exception.Message
}

Send-Result
