#Requires -Version 5.1
# The module as users load it: manifest, exports, what it ships, and which cmdlets take -WhatIf/-Confirm.
# Runs under Windows PowerShell 5.1 and PowerShell 7. Needs no sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $RepoRoot = Get-TestRepoRoot
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $ExpectedCmdlets = @('Connect-SmartlyQ', 'Disconnect-SmartlyQ', 'Get-SqBalance', 'Get-SqJob', 'Get-SqVideoModel', 'New-SqVideo', 'Save-SqVideo', 'Stop-SqJob', 'Wait-SqJob')
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest with the version of Directory.Build.props' {
        $props = New-Object System.Xml.XmlDocument
        $props.Load((Join-Path $RepoRoot 'Directory.Build.props'))
        $manifest = Test-ModuleManifest -Path $ModuleManifest

        $manifest.Version.ToString() | Should -Be $props.SelectSingleNode('/Project/PropertyGroup/Version').InnerText.Trim()
        $manifest.RootModule | Should -Be 'SmartlyQ.Video.dll'
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'exports exactly the nine cmdlets and nothing else' {
        $module = Get-Module -Name SmartlyQ.Video

        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $ExpectedCmdlets
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'ships its dependencies but not System.Management.Automation.dll' {
        $moduleDir = Split-Path -Parent $ModuleManifest

        Join-Path $moduleDir 'dependencies/SmartlyQ.Video.Core.dll' | Should -Exist
        Join-Path $moduleDir 'dependencies/System.Text.Json.dll' | Should -Exist
        Join-Path $moduleDir 'System.Management.Automation.dll' | Should -Not -Exist
    }

    It 'imports into a new runspace without errors or warnings' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript('param($Manifest) Import-Module -Name $Manifest -ErrorAction Stop -WarningAction Continue; (Get-Command -Module SmartlyQ.Video).Count').AddArgument($ModuleManifest)
            $count = @($ps.Invoke())

            $ps.Streams.Error.Count | Should -Be 0
            $ps.Streams.Warning.Count | Should -Be 0
            $count | Should -Be @($ExpectedCmdlets.Count)
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'ShouldProcess' {
    # Only the cmdlets that spend credits, cancel paid work or write files ask first; the others change nothing.
    It '<Name> takes -WhatIf and -Confirm: <Supports>' -ForEach @(
        @{ Name = 'New-SqVideo'; Supports = $true }
        @{ Name = 'Save-SqVideo'; Supports = $true }
        @{ Name = 'Connect-SmartlyQ'; Supports = $false }
        @{ Name = 'Get-SqVideoModel'; Supports = $false }
        @{ Name = 'Wait-SqJob'; Supports = $false }
        @{ Name = 'Get-SqBalance'; Supports = $false }
        @{ Name = 'Stop-SqJob'; Supports = $true }
        @{ Name = 'Get-SqJob'; Supports = $false }
        @{ Name = 'Disconnect-SmartlyQ'; Supports = $false }
    ) {
        $command = Get-Command -Name $Name -Module SmartlyQ.Video

        $command.Parameters.ContainsKey('WhatIf') | Should -Be $Supports
        $command.Parameters.ContainsKey('Confirm') | Should -Be $Supports
    }
}

Describe 'Formatting' {
    It 'shows a job as a table of uid, status, model, duration, cost and prompt' {
        $job = New-Object SmartlyQ.Video.Core.Models.VideoJob -Property @{
            JobUid = 'job_0123456789ab'; Status = 'Succeeded'; Model = 'kling-v2-1'; Duration = 5; Cost = [decimal]0.28; Prompt = 'A paper boat'
        }

        $lines = @(($job | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() })

        $lines[0] | Should -Match '^JobUid\s+Status\s+Model\s+Duration\s+Cost\s+Prompt'
        $lines[2] | Should -Match '^job_0123456789ab\s+Succeeded\s+kling-v2-1\s+5\s+0\.2800\s+A paper boat'
    }
}
