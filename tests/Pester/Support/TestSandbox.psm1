#Requires -Version 5.1
# Shared setup of the Pester suite (tests/Pester/*.Tests.ps1): the module under test, the sandbox API (built once per
# run into out/pester-sandbox, one process per test file or per special configuration, each on its own loopback port),
# and small helpers for the ledger, chaos, CSV files, error ids, nested runspaces and child PowerShell processes.
# Runs under Windows PowerShell 5.1 and PowerShell 7: no ??, ?:, &&, -Parallel, 3-argument Join-Path.
# Test files import it with -Scope Local (in their BeforeAll): imported the default way its commands would also
# shadow the runner's own functions of the same name (Get-ErrorText in tests/SmartlyQ.Video.Pester.Tests).

Set-StrictMode -Version 2.0

$script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../../..')).Path
$script:SandboxDir = Join-Path $script:RepoRoot 'out/pester-sandbox'
$script:Started = New-Object System.Collections.ArrayList
# The environment variable holds the id of the process that built the sandbox: a later run (a new process) builds
# again, so a changed sandbox is never run stale, while the test files of one run share one build.
$script:BuiltMarker = 'SMARTLYQ_PESTER_SANDBOX_BUILT'

# The two keys every sandbox accepts by default: 100 SQC each; the live one is debited, the test one never.
$script:LiveKeyText = 'sqk_live_sandbox_00000000000000000000'
$script:TestKeyText = 'sqk_test_sandbox_00000000000000000000'

# Fast jobs and no rate limit: the suite sends far more than 60 requests a minute.
$script:FastArguments = @(
    '--Sandbox:RateLimitPermits=100000'
    '--Sandbox:QueuedDuration=00:00:00.2'
    '--Sandbox:ProcessingDuration=00:00:00.5'
)

function Get-TestRepoRoot {
    $script:RepoRoot
}

function Get-TestKeyText {
    # The plain text of a default sandbox key ('Live' or 'Test').
    param([ValidateSet('Live', 'Test')][string]$Mode = 'Live')
    if ($Mode -eq 'Live') { $script:LiveKeyText } else { $script:TestKeyText }
}

function ConvertTo-TestSecureKey {
    param([Parameter(Mandatory)][string]$Text)
    ConvertTo-SecureString -String $Text -AsPlainText -Force
}

function Get-TestModuleManifest {
    # out/SmartlyQ.Video, built with build.ps1 when missing (build.ps1 -Task Test and CI build it first).
    $manifest = Join-Path $script:RepoRoot 'out/SmartlyQ.Video/SmartlyQ.Video.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        & (Join-Path $script:RepoRoot 'build.ps1') -Task Build
        if (-not (Test-Path -LiteralPath $manifest)) {
            throw "build.ps1 -Task Build did not produce $manifest."
        }
    }
    $manifest
}

function Initialize-TestSandboxBuild {
    # Builds src/SmartlyQ.Video.Sandbox into out/pester-sandbox once per run (per process). It is run from its DLL so
    # that stopping the process ends the server itself ('dotnet run' would leave its child process running).
    $dll = Join-Path $script:SandboxDir 'SmartlyQ.Video.Sandbox.dll'
    if ((Test-Path -LiteralPath $dll) -and [Environment]::GetEnvironmentVariable($script:BuiltMarker) -eq [string]$PID) {
        return $dll
    }
    $project = Join-Path $script:RepoRoot 'src/SmartlyQ.Video.Sandbox'
    # First call of this run: the previous run's sandbox logs go.
    $logDir = Join-Path $script:SandboxDir 'logs'
    if (Test-Path -LiteralPath $logDir) { Remove-Item -LiteralPath $logDir -Recurse -Force -ErrorAction SilentlyContinue }
    if (Test-Path -LiteralPath $dll) {
        # Even a no-op 'dotnet build' takes long on a busy machine: skip it when no input is newer than the build.
        $built = (Get-Item -LiteralPath $dll).LastWriteTimeUtc
        $inputs = @(Get-ChildItem -LiteralPath $project -Recurse -File | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
        $inputs += @('Directory.Build.props', 'Directory.Packages.props', 'global.json', 'NuGet.config') |
            ForEach-Object { Join-Path $script:RepoRoot $_ } | Where-Object { Test-Path -LiteralPath $_ } | ForEach-Object { Get-Item -LiteralPath $_ }
        if (-not @($inputs | Where-Object { $_.LastWriteTimeUtc -gt $built })) {
            [Environment]::SetEnvironmentVariable($script:BuiltMarker, [string]$PID)
            return $dll
        }
    }
    $buildLog = & dotnet build $project -c Release -o $script:SandboxDir --nologo
    if ($LASTEXITCODE -ne 0) {
        throw "Building the sandbox failed:`n$($buildLog -join [Environment]::NewLine)"
    }
    [Environment]::SetEnvironmentVariable($script:BuiltMarker, [string]$PID)
    $dll
}

function Get-FreeLoopbackPort {
    $listener = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-SandboxProcess {
    # Starts one sandbox process on a port that is free now; does not wait for it.
    param([string]$Name, [string[]]$Argument, [string]$Dll)
    $logDir = Join-Path $script:SandboxDir 'logs'
    if (-not (Test-Path -LiteralPath $logDir)) { $null = New-Item -ItemType Directory -Path $logDir }
    $port = Get-FreeLoopbackPort
    $apiRoot = "http://127.0.0.1:$port"
    $stamp = '{0}-{1}-{2}' -f $Name, $port, ([guid]::NewGuid().ToString('N').Substring(0, 6))
    $log = Join-Path $logDir "$stamp.log"
    $errLog = Join-Path $logDir "$stamp.err.log"
    $arguments = '"' + $Dll + '" --urls ' + $apiRoot + ' ' + ((@($script:FastArguments) + @($Argument) | ForEach-Object { '"' + $_ + '"' }) -join ' ')
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $log -RedirectStandardError $errLog
    $sandbox = [pscustomobject]@{
        Name    = $Name
        Process = $process
        Port    = $port
        ApiRoot = $apiRoot
        BaseUri = "$apiRoot/v1"
        LogPath = $log
        ErrPath = $errLog
    }
    $null = $script:Started.Add($sandbox)
    $sandbox
}

function Test-SandboxReady {
    param([object]$Sandbox)
    try {
        # /sandbox/ledger needs no key, so this works whatever keys the sandbox was given.
        $null = Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/ledger" -UseBasicParsing -TimeoutSec 5
        $true
    }
    catch {
        $false
    }
}

function Start-TestSandbox {
    <#
    Starts a sandbox process on a free loopback port and waits until it answers. -Argument adds (or, for the same
    key, overrides the fast defaults: the last value wins) configuration such as '--Sandbox:FailureRate=1' or
    '--Sandbox:ProcessingDuration=00:10:00'. Returns an object with ApiRoot, BaseUri, Port, Process and the log paths.
    -Set @(@{ Name = ...; Argument = @(...) }, ...) starts several at once, so they boot in parallel, and returns them
    in that order. A sandbox that exits while starting (its port was taken meanwhile) is started again on another port.
    #>
    param(
        [string]$Name = 'sandbox',
        [string[]]$Argument = @(),
        [hashtable[]]$Set,
        [int]$ReadyTimeoutSec = 60
    )
    $dll = Initialize-TestSandboxBuild
    $definitions = @($Set)
    if (-not $Set) { $definitions = @(@{ Name = $Name; Argument = $Argument }) }

    $slots = @(foreach ($definition in $definitions) {
        $arguments = @()
        if ($definition.ContainsKey('Argument')) { $arguments = @($definition.Argument) }
        @{
            Name      = [string]$definition.Name
            Argument  = $arguments
            Sandbox   = (Start-SandboxProcess -Name $definition.Name -Argument $arguments -Dll $dll)
            Attempts  = 1
            Deadline  = (Get-Date).AddSeconds($ReadyTimeoutSec)
            Ready     = $false
        }
    })

    $failure = $null
    while ($null -eq $failure) {
        $pending = @($slots | Where-Object { -not $_.Ready })
        if ($pending.Count -eq 0) { break }
        foreach ($slot in $pending) {
            $sandbox = $slot.Sandbox
            if (Test-SandboxReady $sandbox) {
                $slot.Ready = $true
                continue
            }
            $exited = $sandbox.Process.HasExited
            if (-not $exited -and (Get-Date) -le $slot.Deadline) { continue }
            $errText = ''
            if (Test-Path -LiteralPath $sandbox.ErrPath) { $errText = [string](Get-Content -LiteralPath $sandbox.ErrPath -Raw) }
            # Exited: most likely its port was taken after it was picked; a sandbox that runs but never answers will
            # not do better on another port.
            if ($exited -and $slot.Attempts -lt 3) {
                Stop-TestSandbox -Sandbox $sandbox
                $slot.Sandbox = Start-SandboxProcess -Name $slot.Name -Argument $slot.Argument -Dll $dll
                $slot.Attempts++
                $slot.Deadline = (Get-Date).AddSeconds($ReadyTimeoutSec)
                continue
            }
            $state = "within $ReadyTimeoutSec s"
            if ($exited) { $state = "(it exited with code $($sandbox.Process.ExitCode), $($slot.Attempts) attempts)" }
            $failure = "The sandbox '$($slot.Name)' did not answer on $($sandbox.ApiRoot) $state; see $($sandbox.LogPath). $errText"
            break
        }
        if ($null -eq $failure -and @($slots | Where-Object { -not $_.Ready }).Count -gt 0) { Start-Sleep -Milliseconds 250 }
    }
    if ($null -ne $failure) {
        Stop-TestSandbox -Sandbox @($slots | ForEach-Object { $_.Sandbox })
        throw $failure
    }
    foreach ($slot in $slots) { $slot.Sandbox }
}

function Stop-TestSandbox {
    # Stops the given sandboxes, or with -All every sandbox this session started that still runs. Never throws.
    param(
        [object[]]$Sandbox = @(),
        [switch]$All
    )
    $targets = @($Sandbox | Where-Object { $null -ne $_ })
    if ($All) { $targets = @($script:Started.ToArray()) }
    foreach ($item in $targets) {
        try {
            if ($null -ne $item.Process -and -not $item.Process.HasExited) {
                Stop-Process -Id $item.Process.Id -Force -ErrorAction SilentlyContinue
                $null = $item.Process.WaitForExit(10000)
            }
        }
        catch {
            Write-Warning "Could not stop the sandbox '$($item.Name)' (pid $($item.Process.Id)): $_"
        }
        $script:Started.Remove($item)
    }
}

function Get-Ledger {
    # GET /sandbox/ledger: every charge and refund, optionally for one job or idempotency key.
    param(
        [Parameter(Mandatory)][object]$Sandbox,
        [string]$JobUid,
        [string]$IdempotencyKey
    )
    $query = @()
    if ($JobUid) { $query += 'job_uid=' + [uri]::EscapeDataString($JobUid) }
    if ($IdempotencyKey) { $query += 'idempotency_key=' + [uri]::EscapeDataString($IdempotencyKey) }
    $uri = "$($Sandbox.ApiRoot)/sandbox/ledger"
    if ($query.Count -gt 0) { $uri += '?' + ($query -join '&') }
    Invoke-RestMethod -Uri $uri -UseBasicParsing
}

function Get-LedgerEntryCount {
    param([Parameter(Mandatory)][object]$Sandbox)
    @((Get-Ledger -Sandbox $Sandbox).entries).Count
}

function Set-SandboxChaos {
    # PUT /sandbox/chaos: replaces the fault injection of a running sandbox, e.g. @{ Routes = @{ files = @{ TruncatedDownloadRate = 1 } } }.
    param(
        [Parameter(Mandatory)][object]$Sandbox,
        [Parameter(Mandatory)][hashtable]$Options
    )
    $body = $Options | ConvertTo-Json -Depth 6
    # Counters start again at zero, so Get-SandboxChaosCount sees only this setting's faults.
    $null = Invoke-RestMethod -Method Delete -Uri "$($Sandbox.ApiRoot)/sandbox/chaos/injected" -UseBasicParsing
    Invoke-RestMethod -Method Put -Uri "$($Sandbox.ApiRoot)/sandbox/chaos" -Body $body -ContentType 'application/json' -UseBasicParsing
}

function Get-SandboxChaosCount {
    # How many faults of one kind (server_error, rate_limit_burst, connection_reset, accept_then_drop, slow_response,
    # truncated_download, wrong_content_length, provider_failure) the sandbox injected since Set-SandboxChaos.
    param(
        [Parameter(Mandatory)][object]$Sandbox,
        [Parameter(Mandatory)][string]$Kind
    )
    [int](Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/chaos" -UseBasicParsing).injected.$Kind
}

function Clear-SandboxChaos {
    param([Parameter(Mandatory)][object]$Sandbox)
    $null = Invoke-RestMethod -Method Delete -Uri "$($Sandbox.ApiRoot)/sandbox/chaos" -UseBasicParsing
}

function Invoke-SandboxApi {
    # A raw API call with a key (for setting up state the cmdlets do not offer, e.g. cancelling a job).
    param(
        [Parameter(Mandatory)][object]$Sandbox,
        [Parameter(Mandatory)][string]$Path,
        [string]$Method = 'Get',
        [string]$Key = $script:LiveKeyText
    )
    $response = Invoke-RestMethod -Method $Method -Uri ($Sandbox.BaseUri + $Path) -Headers @{ Authorization = "Bearer $Key" } -UseBasicParsing
    $response.data
}

function Get-SandboxVideoHash {
    # GET /sandbox/files/{job_uid}/sha256: the SHA-256 (lowercase hex) and length of the complete file.
    param(
        [Parameter(Mandatory)][object]$Sandbox,
        [Parameter(Mandatory)][string]$JobUid
    )
    Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/files/$JobUid/sha256" -UseBasicParsing
}

function New-CsvFile {
    # Writes the lines to a file in the test drive (or -Folder) and returns its path.
    param(
        [Parameter(Mandatory)][string]$Name,
        [Parameter(Mandatory)][AllowEmptyString()][string[]]$Lines,
        [string]$Folder = $TestDrive
    )
    $path = Join-Path $Folder $Name
    Set-Content -LiteralPath $path -Value $Lines -Encoding ASCII
    $path
}

function New-TestFolder {
    # A new empty folder in the test drive.
    param([string]$Name = ([guid]::NewGuid().ToString('N')))
    (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name)).FullName
}

function Get-ErrorId {
    # FullyQualifiedErrorId is "<ErrorId>,<cmdlet class>".
    param([Parameter(Mandatory)][System.Management.Automation.ErrorRecord]$ErrorRecord)
    $ErrorRecord.FullyQualifiedErrorId.Split(',')[0]
}

function Get-ErrorText {
    # Everything a user can see of error records: the default view, every property, and each exception with its
    # inner exceptions, unwrapped (a secret must appear in none of it).
    param([Parameter(Mandatory)][AllowNull()][object[]]$ErrorRecord)
    $parts = foreach ($record in @($ErrorRecord | Where-Object { $null -ne $_ })) {
        $record | Out-String -Width 4096
        $record | Format-List * -Force | Out-String -Width 4096
        if ($null -ne $record.Exception) { $record.Exception.ToString() }
        if ($null -ne $record.TargetObject) { $record.TargetObject | Format-List * -Force | Out-String -Width 4096 }
    }
    $parts -join [Environment]::NewLine
}

function Wait-TestCondition {
    # Polls -Condition until it returns true or -TimeoutSec passes; returns whether it came true.
    param(
        [Parameter(Mandatory)][scriptblock]$Condition,
        [double]$TimeoutSec = 30,
        [int]$IntervalMs = 100
    )
    $deadline = (Get-Date).AddSeconds($TimeoutSec)
    while ($true) {
        if (& $Condition) { return $true }
        if ((Get-Date) -gt $deadline) { return $false }
        Start-Sleep -Milliseconds $IntervalMs
    }
}

function New-ConnectedPowerShell {
    <#
    A [PowerShell] instance in a runspace of its own with the module imported and, unless -NoConnect, connected to
    -BaseUri with -Key. Used to look at streams as a host sees them (Progress, Warning, Verbose) and to stop a running
    command the way Ctrl+C does ($ps.Stop() calls StopProcessing). Dispose it when done.
    #>
    param(
        [Parameter(Mandatory)][string]$Manifest,
        [string]$BaseUri,
        [string]$Key = $script:LiveKeyText,
        [switch]$NoConnect
    )
    $ps = [PowerShell]::Create()
    $null = $ps.AddScript('param($Manifest) Import-Module -Name $Manifest -ErrorAction Stop').AddArgument($Manifest)
    $null = $ps.Invoke()
    if ($ps.HadErrors) { throw "Importing the module in a nested runspace failed: $($ps.Streams.Error | Out-String)" }
    if (-not $NoConnect) {
        $ps.Commands.Clear()
        $null = $ps.AddScript('param($Key, $BaseUri) Connect-SmartlyQ -ApiKey (ConvertTo-SecureString -String $Key -AsPlainText -Force) -BaseUri $BaseUri -ErrorAction Stop').AddArgument($Key).AddArgument($BaseUri)
        $null = $ps.Invoke()
        if ($ps.HadErrors) { throw "Connecting in a nested runspace failed: $($ps.Streams.Error | Out-String)" }
    }
    $ps.Commands.Clear()
    $ps.Streams.ClearStreams()
    $ps
}

function Get-TestPowerShellCommand {
    # The PowerShell running this suite, to start again as a child process: FilePath is its executable, Argument what
    # goes before PowerShell's own arguments (`dotnet pwsh` runs pwsh.dll through the dotnet host, which needs the dll).
    $path = (Get-Process -Id $PID).Path
    $prefix = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    [pscustomobject]@{
        FilePath = $path
        Argument = $prefix
    }
}

function Get-ChildPowerShellArgument {
    # The arguments of a child PowerShell that runs -File with -Argument after it.
    param([Parameter(Mandatory)][string]$File, [string[]]$Argument = @())
    @((Get-TestPowerShellCommand).Argument) + @('-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', $File) + @($Argument)
}

function Invoke-ChildPowerShell {
    <#
    Runs a script file (or -Script, written to a new file in the test drive) in a new PowerShell process like the one
    running the suite, with -Argument after the file, and waits for it. Returns ExitCode, Output (its stdout and stderr
    lines as strings), Text (those lines joined) and Json (its last output line that starts with '{', parsed; $null
    when there is none). Never throws for what the child does: callers assert on ExitCode.
    #>
    [CmdletBinding(DefaultParameterSetName = 'File')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'File')][string]$File,
        [Parameter(Mandatory, ParameterSetName = 'Script')][string]$Script,
        [string[]]$Argument = @()
    )
    # Windows PowerShell 5.1 turns the child's stderr lines into error records: they are output here, not errors.
    $ErrorActionPreference = 'Continue'
    if ($PSCmdlet.ParameterSetName -eq 'Script') {
        $File = Join-Path $TestDrive ('child-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $File -Value $Script -Encoding UTF8
    }
    $executable = (Get-TestPowerShellCommand).FilePath
    $arguments = Get-ChildPowerShellArgument -File $File -Argument $Argument
    $output = @(& $executable @arguments 2>&1 | ForEach-Object { [string]$_ })
    $exitCode = $LASTEXITCODE
    $json = @($output | Where-Object { $_.StartsWith('{') }) | Select-Object -Last 1
    $parsed = $null
    if ($json) { $parsed = $json | ConvertFrom-Json }
    [pscustomobject]@{
        ExitCode = $exitCode
        Output   = $output
        Text     = $output -join [Environment]::NewLine
        Json     = $parsed
    }
}

function Start-ChildPowerShell {
    <#
    Starts a script file in a new PowerShell process like the one running the suite, with -Argument after the file,
    and does not wait: stdout goes to -OutputPath, stderr to -ErrorPath. -Environment sets variables for the child only
    (e.g. a key that must not be on its command line). Returns the process; Stop-ChildPowerShell ends it.
    #>
    param(
        [Parameter(Mandatory)][string]$File,
        [string[]]$Argument = @(),
        [Parameter(Mandatory)][string]$OutputPath,
        [Parameter(Mandatory)][string]$ErrorPath,
        [hashtable]$Environment = @{},
        [string]$WorkingDirectory = $script:RepoRoot
    )
    $executable = (Get-TestPowerShellCommand).FilePath
    $arguments = (Get-ChildPowerShellArgument -File $File -Argument $Argument | ForEach-Object { '"' + $_ + '"' }) -join ' '
    # Start-Process has no environment parameter in Windows PowerShell 5.1: the child inherits this process's, set
    # for the moment it starts.
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, [string]$Environment[$name])
    }
    try {
        Start-Process -FilePath $executable -ArgumentList $arguments -WorkingDirectory $WorkingDirectory -PassThru -NoNewWindow `
            -RedirectStandardOutput $OutputPath -RedirectStandardError $ErrorPath
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Stop-ChildPowerShell {
    # Ends a child process and every process it started (the killed one must not leave another still working), then
    # waits for it. Never throws.
    param([Parameter(Mandatory)][System.Diagnostics.Process]$Process, [int]$TimeoutSec = 30)
    try {
        if (-not $Process.HasExited) {
            if ($PSVersionTable.PSEdition -eq 'Core') {
                $Process.Kill($true)
            }
            else {
                $null = & taskkill.exe /PID $Process.Id /T /F 2>&1
            }
        }
        $null = $Process.WaitForExit($TimeoutSec * 1000)
    }
    catch {
        Write-Warning "Could not stop the child process $($Process.Id): $_"
    }
}

Export-ModuleMember -Function @(
    'Get-TestRepoRoot', 'Get-TestKeyText', 'ConvertTo-TestSecureKey', 'Get-TestModuleManifest',
    'Initialize-TestSandboxBuild', 'Get-FreeLoopbackPort', 'Start-TestSandbox', 'Stop-TestSandbox',
    'Get-Ledger', 'Get-LedgerEntryCount', 'Set-SandboxChaos', 'Get-SandboxChaosCount', 'Clear-SandboxChaos', 'Invoke-SandboxApi', 'Get-SandboxVideoHash',
    'New-CsvFile', 'New-TestFolder', 'Get-ErrorId', 'Get-ErrorText', 'Wait-TestCondition', 'New-ConnectedPowerShell',
    'Get-TestPowerShellCommand', 'Invoke-ChildPowerShell', 'Start-ChildPowerShell', 'Stop-ChildPowerShell'
)
