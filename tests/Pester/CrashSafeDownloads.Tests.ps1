#Requires -Version 5.1
# Pester 5: a real PowerShell process running Import-Csv | New-SqVideo -BatchId | Wait-SqJob | Save-SqVideo is killed
# in the middle of its downloads (a recycled runbook worker); the same command run again must save every video
# byte-identical, charge nothing twice, continue the killed run's temporary files with Range requests and leave none.
# Uses out/SmartlyQ.Video (./build.ps1 -Task Build; built here when missing), the .NET SDK for the sandbox and, for the
# child process, the PowerShell that runs the suite. Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    $LivePlain = Get-TestKeyText -Mode Live
    # 24 MiB videos at 3 MiB/s per download: about 8 s each, so the kill lands mid-download.
    $VideoSize = 25165824
    $BytesPerSecond = 3145728
    $JobCount = 4

    $Sandbox = Start-TestSandbox -Name 'crash' -Argument @("--Sandbox:VideoSizeBytes=$VideoSize", "--Sandbox:DownloadBytesPerSecond=$BytesPerSecond")
    $BaseUri = $Sandbox.BaseUri

    # Callers wrap these in @(): PowerShell unrolls a returned array (none or one item is no array under StrictMode).
    function Get-Charges {
        @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' })
    }

    function Get-DownloadStats {
        Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/downloads" -UseBasicParsing
    }

    function Get-Leftovers {
        # Hidden (dot) files: -Force. Temporary videos end in .partial, their state files in .partial.json.
        param([string]$Pattern)
        @(Get-ChildItem -LiteralPath $Folder -Force -File | Where-Object { $_.Name -like $Pattern })
    }

    function Start-Batch {
        # The user's command in a PowerShell process of its own; the key comes from SMARTLYQ_API_KEY, never the command line.
        param([string]$Name)
        $arguments = @('-Manifest', $ModuleManifest, '-BaseUri', $BaseUri, '-Csv', $Csv, '-BatchId', $Batch, '-Folder', $Folder,
            '-VerboseLog', (Join-Path $TestDrive "$Name.verbose.log"))
        Start-ChildPowerShell -File $ChildScript -Argument $arguments -Environment @{ SMARTLYQ_API_KEY = $LivePlain } `
            -OutputPath (Join-Path $TestDrive "$Name.out.log") -ErrorPath (Join-Path $TestDrive "$Name.err.log")
    }

    function Get-ChildLog {
        param([string]$Name)
        $text = foreach ($suffix in 'out', 'err', 'verbose') {
            $path = Join-Path $TestDrive "$Name.$suffix.log"
            if (Test-Path -LiteralPath $path) { "--- $suffix"; Get-Content -LiteralPath $path -Raw }
        }
        $text -join [Environment]::NewLine
    }

    $ChildScript = Join-Path $TestDrive 'run-batch.ps1'
    Set-Content -LiteralPath $ChildScript -Encoding ASCII -Value @'
param([string]$Manifest, [string]$BaseUri, [string]$Csv, [string]$BatchId, [string]$Folder, [string]$VerboseLog)
$ErrorActionPreference = 'Stop'
Import-Module -Name $Manifest
Connect-SmartlyQ -BaseUri $BaseUri
Import-Csv -LiteralPath $Csv | New-SqVideo -BatchId $BatchId | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 300 |
    Save-SqVideo -Path $Folder -Verbose 4>> $VerboseLog | ForEach-Object { $_.Name }
'@

    $Batch = 'crash-' + [guid]::NewGuid().ToString('N')
    $Folder = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'videos')).FullName
    $Csv = Join-Path $TestDrive 'batch.csv'
    $lines = @('model,prompt,duration')
    for ($i = 1; $i -le $JobCount; $i++) {
        $lines += "kling-v2-1,A paper boat number $i drifting down a rain gutter ($Batch),5"
    }
    Set-Content -LiteralPath $Csv -Value $lines -Encoding ASCII

    # Run 1: killed once every download has written at least 1 MiB to its temporary file.
    $first = Start-Batch -Name 'killed'
    $deadline = (Get-Date).AddSeconds(180)
    while ($true) {
        $partials = @(Get-Leftovers '*.partial')
        if ($partials.Count -ge $JobCount -and @($partials | Where-Object { $_.Length -ge 1048576 }).Count -ge $JobCount) { break }
        if ($first.HasExited) {
            throw "The first run ended (exit code $($first.ExitCode)) before it was killed.`n$(Get-ChildLog 'killed')"
        }
        if ((Get-Date) -gt $deadline) {
            Stop-ChildPowerShell $first
            throw "No $JobCount temporary files of 1 MiB within 180 s.`n$(Get-ChildLog 'killed')"
        }
        Start-Sleep -Milliseconds 100
    }
    Stop-ChildPowerShell $first

    $PartialsAfterKill = @(Get-Leftovers '*.partial')
    $StatesAfterKill = @(Get-Leftovers '*.partial.json')
    $VideosAfterKill = @(Get-ChildItem -LiteralPath $Folder -File -Filter '*.mp4')
    $PartialBytes = [long]0
    foreach ($partial in $PartialsAfterKill) { $PartialBytes += $partial.Length }
    $ChargesBefore = @(Get-Charges)

    # The server may still read a slice for a connection the kill broke: wait until its counters stand still.
    $StatsBefore = Get-DownloadStats
    for ($i = 0; $i -lt 50; $i++) {
        Start-Sleep -Milliseconds 500
        $now = Get-DownloadStats
        if ($now.bytes_sent -eq $StatsBefore.bytes_sent) { break }
        $StatsBefore = $now
    }

    # Run 2: the same command, to completion.
    $second = Start-Batch -Name 'rerun'
    if (-not $second.WaitForExit(300000)) {
        Stop-ChildPowerShell $second
        throw "The re-run did not finish within 300 s.`n$(Get-ChildLog 'rerun')"
    }
    $second.WaitForExit()
    $RerunExitCode = $second.ExitCode
    $RerunLog = Get-ChildLog 'rerun'
    $Saved = @(Get-ChildItem -LiteralPath $Folder -File -Filter '*.mp4')
    $PartialsAfterRerun = @(Get-Leftovers '*.partial*')
    $ChargesAfter = @(Get-Charges)
    $StatsAfter = Get-DownloadStats
    $BytesResumed = [long]$StatsAfter.bytes_skipped - [long]$StatsBefore.bytes_skipped
    $BytesDownloadedAgain = $PartialBytes - $BytesResumed
    $RerunBytesSent = [long]$StatsAfter.bytes_sent - [long]$StatsBefore.bytes_sent

    $format = 'Crash-safe downloads: killed with {0} temporary files ({1:N0} bytes, {2} state files, {3} videos done); re-run: exit {4}, {5} videos saved, ' +
        '{6} temporary files left, {7:N0} bytes resumed, {8:N0} bytes of the killed run downloaded again, {9:N0} bytes sent, {10} continued answers, {11} new charges'
    Write-Host ($format -f $PartialsAfterKill.Count, $PartialBytes, $StatesAfterKill.Count, $VideosAfterKill.Count, $RerunExitCode, $Saved.Count,
        $PartialsAfterRerun.Count, $BytesResumed, $BytesDownloadedAgain, $RerunBytesSent,
        ([long]$StatsAfter.continued - [long]$StatsBefore.continued), ($ChargesAfter.Count - $ChargesBefore.Count))
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Crash-safe downloads: a Save-SqVideo process killed mid-download, then the same command again' {
    It 'the killed run left one hidden temporary file per job, each with its state file, and no finished video' {
        $PartialsAfterKill.Count | Should -Be $JobCount
        $StatesAfterKill.Count | Should -Be $JobCount
        $VideosAfterKill.Count | Should -Be 0
        foreach ($partial in $PartialsAfterKill) {
            $partial.Name | Should -Match '^\.job_[0-9a-f]+\.mp4\.[0-9a-f]{12}\.partial$'
        }
    }

    It 'the re-run succeeds and saves every video byte-identical to the sandbox file (SHA-256)' {
        $RerunExitCode | Should -Be 0 -Because $RerunLog
        $Saved.Count | Should -Be $JobCount
        foreach ($file in $Saved) {
            $expected = Get-SandboxVideoHash -Sandbox $Sandbox -JobUid $file.BaseName
            $file.Length | Should -Be $expected.length
            (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $expected.sha256
        }
    }

    It 'the re-run leaves no temporary or state file in the folder' {
        @($PartialsAfterRerun | ForEach-Object { $_.Name }) | Should -BeNullOrEmpty
    }

    It 'the re-run charges nothing new: one charge per job in all' {
        $ChargesAfter.Count | Should -Be $ChargesBefore.Count
        foreach ($file in $Saved) {
            @($ChargesAfter | Where-Object { $_.job_uid -eq $file.BaseName }).Count | Should -Be 1
        }
    }

    It 'the re-run continued every temporary file with a Range request instead of downloading its bytes again' {
        ([long]$StatsAfter.continued - [long]$StatsBefore.continued) | Should -Be $JobCount
        $BytesResumed | Should -Be $PartialBytes
        $BytesDownloadedAgain | Should -Be 0
        $RerunBytesSent | Should -Be ($JobCount * [long]$VideoSize - $PartialBytes)
        ([regex]::Matches($RerunLog, 'kept from an earlier run')).Count | Should -Be $JobCount
    }
}
