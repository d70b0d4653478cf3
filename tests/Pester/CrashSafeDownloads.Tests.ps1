#Requires -Version 5.1
# Pester 5: a real PowerShell process running Import-Csv | New-SqVideo -BatchId | Wait-SqJob | Save-SqVideo is killed
# in the middle of its downloads (a recycled runbook worker); the same command run again must save every video
# byte-identical, charge nothing twice, continue the killed run's temporary files with Range requests and leave none.
# Uses out/SmartlyQ.Video (./build.ps1 -Task Build; built here when missing), the .NET SDK for the sandbox and the
# repository's `dotnet pwsh` (dotnet tool restore) for the child process. Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    $RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    $ModuleManifest = Join-Path $RepoRoot 'out/SmartlyQ.Video/SmartlyQ.Video.psd1'
    $LivePlain = 'sqk_live_sandbox_00000000000000000000'
    # 24 MiB videos at 3 MiB/s per download: about 8 s each, so the kill lands mid-download.
    $VideoSize = 25165824
    $BytesPerSecond = 3145728
    $JobCount = 4

    if (-not (Test-Path -LiteralPath $ModuleManifest)) {
        & (Join-Path $RepoRoot 'build.ps1') -Task Build
    }

    # The sandbox runs from its DLL so that stopping it ends the server itself ('dotnet run' would leave a child).
    $SandboxDir = Join-Path ([System.IO.Path]::GetTempPath()) ('sq-pester-crash-sandbox-' + [guid]::NewGuid().ToString('N'))
    $buildLog = & dotnet build (Join-Path $RepoRoot 'src/SmartlyQ.Video.Sandbox') -c Release -o $SandboxDir --nologo
    if ($LASTEXITCODE -ne 0) {
        throw "Building the sandbox failed:`n$($buildLog -join [Environment]::NewLine)"
    }

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()

    $ApiRoot = "http://127.0.0.1:$port"
    $BaseUri = "$ApiRoot/v1"
    $sandboxArguments = '"' + (Join-Path $SandboxDir 'SmartlyQ.Video.Sandbox.dll') + '" --urls ' + $ApiRoot +
        ' --Sandbox:RateLimitPermits=100000 --Sandbox:QueuedDuration=00:00:00.2 --Sandbox:ProcessingDuration=00:00:00.5' +
        " --Sandbox:VideoSizeBytes=$VideoSize --Sandbox:DownloadBytesPerSecond=$BytesPerSecond"
    $SandboxLog = Join-Path $SandboxDir 'sandbox.log'
    $Sandbox = Start-Process -FilePath 'dotnet' -ArgumentList $sandboxArguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $SandboxLog -RedirectStandardError (Join-Path $SandboxDir 'sandbox.err.log')

    $deadline = (Get-Date).AddSeconds(60)
    while ($true) {
        if ($Sandbox.HasExited) {
            throw "The sandbox exited with code $($Sandbox.ExitCode); see $SandboxLog."
        }
        try {
            Invoke-RestMethod -Uri "$BaseUri/me" -Headers @{ Authorization = "Bearer $LivePlain" } -UseBasicParsing -TimeoutSec 5 | Out-Null
            break
        }
        catch {
            if ((Get-Date) -gt $deadline) {
                Stop-Process -Id $Sandbox.Id -Force -ErrorAction SilentlyContinue
                throw "The sandbox did not answer $BaseUri/me within 60 seconds; see $SandboxLog."
            }
            Start-Sleep -Milliseconds 500
        }
    }

    # Callers wrap these in @(): PowerShell unrolls a returned array (none or one item is no array under StrictMode).
    function Get-Charges {
        @((Invoke-RestMethod -Uri "$ApiRoot/sandbox/ledger" -UseBasicParsing).entries | Where-Object { $_.kind -eq 'charge' })
    }

    function Get-DownloadStats {
        Invoke-RestMethod -Uri "$ApiRoot/sandbox/downloads" -UseBasicParsing
    }

    function Get-Leftovers {
        # Hidden (dot) files: -Force. Temporary videos end in .partial, their state files in .partial.json.
        param([string]$Pattern)
        @(Get-ChildItem -LiteralPath $Folder -Force -File | Where-Object { $_.Name -like $Pattern })
    }

    function Start-Batch {
        # The user's command in its own `dotnet pwsh` process; the key comes from SMARTLYQ_API_KEY, never the command line.
        param([string]$Name)
        $arguments = 'pwsh -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "' + $ChildScript + '" -Manifest "' + $ModuleManifest +
            '" -BaseUri ' + $BaseUri + ' -Csv "' + $Csv + '" -BatchId ' + $Batch + ' -Folder "' + $Folder + '" -VerboseLog "' + (Join-Path $TestDrive "$Name.verbose.log") + '"'
        $saved = $env:SMARTLYQ_API_KEY
        try {
            $env:SMARTLYQ_API_KEY = $LivePlain
            Start-Process -FilePath 'dotnet' -ArgumentList $arguments -WorkingDirectory $RepoRoot -PassThru -NoNewWindow `
                -RedirectStandardOutput (Join-Path $TestDrive "$Name.out.log") -RedirectStandardError (Join-Path $TestDrive "$Name.err.log")
        }
        finally {
            $env:SMARTLYQ_API_KEY = $saved
        }
    }

    function Stop-ProcessTree {
        # `dotnet pwsh` is the muxer, a tool shim and pwsh itself: killing only the first would leave pwsh downloading.
        param([System.Diagnostics.Process]$Process)
        if ($PSVersionTable.PSEdition -eq 'Core') {
            $Process.Kill($true)
        }
        else {
            & taskkill.exe /PID $Process.Id /T /F | Out-Null
        }
        $Process.WaitForExit(30000) | Out-Null
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
            Stop-ProcessTree $first
            throw "No $JobCount temporary files of 1 MiB within 180 s.`n$(Get-ChildLog 'killed')"
        }
        Start-Sleep -Milliseconds 100
    }
    Stop-ProcessTree $first

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
        Stop-ProcessTree $second
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
    if ($null -ne $Sandbox -and -not $Sandbox.HasExited) {
        Stop-Process -Id $Sandbox.Id -Force
        $Sandbox.WaitForExit(10000) | Out-Null
    }
    if ($null -ne $SandboxDir) {
        Remove-Item -LiteralPath $SandboxDir -Recurse -Force -ErrorAction SilentlyContinue
    }
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
            $expected = Invoke-RestMethod -Uri "$ApiRoot/sandbox/files/$($file.BaseName)/sha256" -UseBasicParsing
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
