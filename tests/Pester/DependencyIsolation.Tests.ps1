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
        Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
        $ModuleManifest = Get-TestModuleManifest
        $ExamplesCsv = Join-Path (Get-TestRepoRoot) 'examples/prompts.csv'
        $LivePlain = Get-TestKeyText -Mode Live

        $packageRoot = $env:SMARTLYQ_NUGET_PACKAGES
        if (-not $packageRoot) { $packageRoot = Join-Path $HOME '.nuget/packages' }
        $OldPolly = Join-Path $packageRoot 'polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll'
        if (-not (Test-Path -LiteralPath $OldPolly)) {
            throw "Polly.Core 8.1.0 not found at $OldPolly (restored by tests/SmartlyQ.Video.Pester.Tests)."
        }

        function Invoke-ChildPwsh {
            # Runs a script in a new pwsh and returns its output objects (the script's last output is JSON).
            param([string]$Script)
            $child = Invoke-ChildPowerShell -Script $Script
            if ($child.ExitCode -ne 0) { throw "child pwsh exited with $($child.ExitCode)`n$($child.Text)" }
            if ($null -eq $child.Json) { throw "child pwsh printed no JSON`n$($child.Text)" }
            $child.Json
        }

        $Sandbox = Start-TestSandbox -Name 'isolation'
        $BaseUri = $Sandbox.BaseUri

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
        Stop-TestSandbox -All
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
    Status  = [string][SmartlyQ.Video.Core.Models.JobStatus]::Succeeded
    Cmdlets = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command New-SqVideo).ImplementingType.Assembly).Name
} | ConvertTo-Json -Compress
"@)

        $result.Context | Should -Be 'SmartlyQ.Video'
        $result.Cmdlets | Should -Be 'Default'
        $result.Status | Should -Be 'Succeeded'
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
