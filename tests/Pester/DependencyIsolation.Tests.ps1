#Requires -Version 5.1
# The module's dependencies load in a context of their own on PowerShell 7: a different version of one of them loaded
# first by another module (here Polly.Core 8.1.0, whose ResiliencePipelineBuilderBase lacks the TimeProvider setter
# that SmartlyQ.Video.Core uses) must not break the module. Each case runs in a new pwsh process, as the module can
# be loaded only once per process.

BeforeDiscovery {
    $IsDesktop = $PSVersionTable.PSEdition -eq 'Desktop'
}

Describe 'Dependency isolation' -Skip:$IsDesktop {
    BeforeAll {
        $RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
        $ModuleManifest = Join-Path $RepoRoot 'out/SmartlyQ.Video/SmartlyQ.Video.psd1'
        $ExamplesCsv = Join-Path $RepoRoot 'examples/prompts.csv'
        $LivePlain = 'sqk_live_sandbox_00000000000000000000'

        $packageRoot = $env:SMARTLYQ_NUGET_PACKAGES
        if (-not $packageRoot) { $packageRoot = Join-Path $HOME '.nuget/packages' }
        $OldPolly = Join-Path $packageRoot 'polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll'
        if (-not (Test-Path -LiteralPath $OldPolly)) {
            throw "Polly.Core 8.1.0 not found at $OldPolly (restored by tests/SmartlyQ.Video.Pester.Tests)."
        }

        # The PowerShell running this suite, started again (dotnet pwsh runs pwsh.dll through the dotnet host).
        $hostPath = (Get-Process -Id $PID).Path
        $PwshPrefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { $PwshPrefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $PwshHost = $hostPath

        function Invoke-ChildPwsh {
            # Runs a script in a new pwsh and returns its output objects (the script's last output is JSON).
            param([string]$Script)
            $file = Join-Path $TestDrive ('child-' + [guid]::NewGuid().ToString('N') + '.ps1')
            Set-Content -LiteralPath $file -Value $Script -Encoding UTF8
            $output = & $PwshHost @PwshPrefix -NoLogo -NoProfile -NonInteractive -File $file 2>&1
            if ($LASTEXITCODE -ne 0) { throw "child pwsh exited with $LASTEXITCODE`n$($output -join [Environment]::NewLine)" }
            $json = @($output | Where-Object { $_ -is [string] -and $_.StartsWith('{') }) | Select-Object -Last 1
            if (-not $json) { throw "child pwsh printed no JSON`n$($output -join [Environment]::NewLine)" }
            $json | ConvertFrom-Json
        }

        $SandboxDir = Join-Path $RepoRoot 'out/pester-sandbox'
        $buildLog = & dotnet build (Join-Path $RepoRoot 'src/SmartlyQ.Video.Sandbox') -c Release -o $SandboxDir --nologo
        if ($LASTEXITCODE -ne 0) { throw "Building the sandbox failed:`n$($buildLog -join [Environment]::NewLine)" }
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $ApiRoot = "http://127.0.0.1:$port"
        $BaseUri = "$ApiRoot/v1"
        $logDir = Join-Path $TestDrive 'sandbox'
        New-Item -ItemType Directory -Path $logDir | Out-Null
        $Sandbox = Start-Process -FilePath 'dotnet' -PassThru -NoNewWindow `
            -ArgumentList ('"' + (Join-Path $SandboxDir 'SmartlyQ.Video.Sandbox.dll') + '" --urls ' + $ApiRoot + ' --Sandbox:RateLimitPermits=100000 --Sandbox:QueuedDuration=00:00:00.2 --Sandbox:ProcessingDuration=00:00:00.5') `
            -RedirectStandardOutput (Join-Path $logDir 'out.log') -RedirectStandardError (Join-Path $logDir 'err.log')
        $deadline = (Get-Date).AddSeconds(60)
        while ($true) {
            if ($Sandbox.HasExited) { throw "The sandbox exited with code $($Sandbox.ExitCode)." }
            try {
                Invoke-RestMethod -Uri "$BaseUri/me" -Headers @{ Authorization = "Bearer $LivePlain" } -UseBasicParsing -TimeoutSec 5 | Out-Null
                break
            }
            catch {
                if ((Get-Date) -gt $deadline) { throw "The sandbox did not answer within 60 seconds." }
                Start-Sleep -Milliseconds 300
            }
        }

        # The child's common part: an older Polly.Core loaded first, as another module would, then this module.
        $Prelude = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$OldPolly'
Import-Module '$ModuleManifest'
`$key = ConvertTo-SecureString -String '$LivePlain' -AsPlainText -Force
function Get-LoadedPolly {
    @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Polly.Core' } | ForEach-Object {
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name + ' ' + [System.Diagnostics.FileVersionInfo]::GetVersionInfo(`$_.Location).FileVersion
    })
}
"@
    }

    AfterAll {
        if ($null -ne $Sandbox -and -not $Sandbox.HasExited) {
            Stop-Process -Id $Sandbox.Id -Force
            $Sandbox.WaitForExit(10000) | Out-Null
        }
    }

    It 'runs the main job after another module loaded Polly.Core 8.1.0 into the default context' {
        $videos = Join-Path $TestDrive 'videos'
        New-Item -ItemType Directory -Path $videos | Out-Null

        $result = Invoke-ChildPwsh -Script ($Prelude + @"
Connect-SmartlyQ -ApiKey `$key -BaseUri '$BaseUri'
`$files = @(Import-Csv -LiteralPath '$ExamplesCsv' | New-SqVideo -ErrorAction SilentlyContinue -ErrorVariable rowErrors |
    Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 | Save-SqVideo -Path '$videos')
[pscustomobject]@{ Saved = `$files.Count; RowErrors = `$rowErrors.Count; Polly = Get-LoadedPolly } | ConvertTo-Json -Compress
"@)

        $rows = @(Import-Csv -LiteralPath $ExamplesCsv).Count
        $result.Saved | Should -BeGreaterThan 0
        ($result.Saved + $result.RowErrors) | Should -Be $rows
        @(Get-ChildItem -LiteralPath $videos -Filter '*.mp4').Count | Should -Be $result.Saved
        # Both copies are loaded: the other module's in the default context, the module's own in its context.
        @($result.Polly | Where-Object { $_ -like 'Default 8.1.0.*' }).Count | Should -Be 1
        $ours = [System.Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path (Split-Path -Parent $ModuleManifest) 'dependencies/Polly.Core.dll')).FileVersion
        $ours | Should -Not -BeLike '8.1.0.*'
        $result.Polly | Should -Contain "SmartlyQ.Video $ours"
    }

    It 'keeps Core''s type names usable in scripts, and loads Core outside the default context' {
        $result = Invoke-ChildPwsh -Script ($Prelude + @"
`$core = [SmartlyQ.Video.Core.Models.VideoJob].Assembly
[pscustomobject]@{
    Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$core).Name
    Status  = [string][SmartlyQ.Video.Core.Models.JobStatus]::Completed
    Cmdlets = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command New-SqVideo).ImplementingType.Assembly).Name
} | ConvertTo-Json -Compress
"@)

        $result.Context | Should -Be 'SmartlyQ.Video'
        $result.Cmdlets | Should -Be 'Default'
        $result.Status | Should -Be 'Completed'
    }

    It 'works again after Remove-Module and Import-Module in the same process' {
        $result = Invoke-ChildPwsh -Script ($Prelude + @"
Remove-Module SmartlyQ.Video
Import-Module '$ModuleManifest' -Force
`$connection = Connect-SmartlyQ -ApiKey `$key -BaseUri '$BaseUri' -PassThru
[pscustomobject]@{ Models = @(Get-SqVideoModel -Connection `$connection).Count; Polly = Get-LoadedPolly } | ConvertTo-Json -Compress
"@)

        $result.Models | Should -BeGreaterThan 0
        # Still one private copy: importing again does not make a second context.
        @($result.Polly | Where-Object { $_ -like 'SmartlyQ.Video *' }).Count | Should -Be 1
    }
}
