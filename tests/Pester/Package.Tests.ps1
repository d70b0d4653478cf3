#Requires -Version 5.1
# build.ps1 -Task Package as a Gallery user meets its result: the .nupkg's contents and manifest fields, then
# Save-PSResource by name from a folder repository into a temporary path, Import-Module by name in a new pwsh, and
# the main job from that installed copy. PSResourceGet ships with PowerShell 7.4+, so this runs on PowerShell 7.

BeforeDiscovery {
    $IsDesktop = $PSVersionTable.PSEdition -eq 'Desktop'
}

Describe 'build.ps1 -Task Package' -Skip:$IsDesktop {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
        $RepoRoot = Get-TestRepoRoot
        $ExamplesCsv = Join-Path $RepoRoot 'examples/prompts.csv'
        $LivePlain = Get-TestKeyText -Mode Live
        $Version = (Import-PowerShellDataFile -Path (Join-Path $RepoRoot 'SmartlyQ.Video.psd1')).ModuleVersion

        # Packages the module the suite runs against (built before Pester started, or here when missing), in a new
        # process as a user would.
        $null = Get-TestModuleManifest
        $packaging = Invoke-ChildPowerShell -File (Join-Path $RepoRoot 'build.ps1') -Argument @('-Task', 'Package', '-NoBuild')
        $PackageExitCode = $packaging.ExitCode
        $PackageLog = $packaging.Text
        $Package = Join-Path $RepoRoot "out/SmartlyQ.Video.$Version.nupkg"
        $RepositoryDir = Join-Path $RepoRoot 'out/repo'

        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $PackageEntries = @()
        if (Test-Path -LiteralPath $Package) {
            $zip = [System.IO.Compression.ZipFile]::OpenRead($Package)
            try { $PackageEntries = @($zip.Entries | ForEach-Object { $_.FullName }) } finally { $zip.Dispose() }
        }

        $Sandbox = Start-TestSandbox -Name 'package'
        $BaseUri = $Sandbox.BaseUri
    }

    AfterAll {
        Stop-TestSandbox -All
    }

    It 'writes out/SmartlyQ.Video.<version>.nupkg and unregisters its temporary repository' {
        $PackageExitCode | Should -Be 0 -Because $PackageLog
        $Package | Should -Exist
        Join-Path $RepositoryDir "SmartlyQ.Video.$Version.nupkg" | Should -Exist
        # Its own registration, by name: another build running at the same time may have one of its own.
        $named = [regex]::Match($PackageLog, 'Temporary repository (SmartlyQVideoBuild-[0-9a-f]{32}) registered')
        $named.Success | Should -BeTrue -Because $PackageLog
        $temporary = $named.Groups[1].Value
        @(Get-PSResourceRepository | Where-Object { $_.Name -eq $temporary }).Count | Should -Be 0
    }

    It 'holds the manifest, the assemblies, format file, MAML help and about topic, LICENSE and README' {
        foreach ($entry in @(
                'SmartlyQ.Video.psd1', 'SmartlyQ.Video.dll', 'SmartlyQ.Video.Format.ps1xml', 'LICENSE', 'README.md',
                'en-US/about_SmartlyQ.Video.help.txt', 'en-US/SmartlyQ.Video.dll-Help.xml',
                'dependencies/SmartlyQ.Video.Core.dll', 'dependencies/Polly.Core.dll', 'dependencies/System.Text.Json.dll')) {
            $PackageEntries | Should -Contain $entry
        }
        $PackageEntries | Should -Not -Contain 'System.Management.Automation.dll'
        @($PackageEntries | Where-Object { $_ -like '*.pdb' -or $_ -like 'bin/*' -or $_ -like 'obj/*' }).Count | Should -Be 0
    }

    It 'installs by name from a folder repository into a temporary path and runs the main job from there' {
        $installDir = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory -Path $installDir | Out-Null
        $repositoryName = 'SmartlyQVideoPester-' + [guid]::NewGuid().ToString('N')
        Register-PSResourceRepository -Name $repositoryName -Uri $RepositoryDir -Trusted
        try {
            Save-PSResource -Name SmartlyQ.Video -Repository $repositoryName -Path $installDir -TrustRepository -SkipDependencyCheck
        }
        finally {
            Unregister-PSResourceRepository -Name $repositoryName
        }
        $installedManifest = Join-Path $installDir "SmartlyQ.Video/$Version/SmartlyQ.Video.psd1"
        $installedManifest | Should -Exist

        $videos = Join-Path $TestDrive 'videos'
        New-Item -ItemType Directory -Path $videos | Out-Null
        $script = Join-Path $TestDrive 'installed.ps1'
        Set-Content -LiteralPath $script -Encoding UTF8 -Value @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$installDir' + [System.IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module SmartlyQ.Video
`$key = ConvertTo-SecureString -String '$LivePlain' -AsPlainText -Force
Connect-SmartlyQ -ApiKey `$key -BaseUri '$BaseUri'
`$files = @(Import-Csv -LiteralPath '$ExamplesCsv' | New-SqVideo -ErrorAction SilentlyContinue -ErrorVariable rowErrors |
    Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 | Save-SqVideo -Path '$videos')
[pscustomobject]@{
    ModuleBase = (Get-Module SmartlyQ.Video).ModuleBase; Saved = `$files.Count; RowErrors = `$rowErrors.Count
    Synopsis = (Get-Help New-SqVideo).Synopsis; Examples = @((Get-Help New-SqVideo -Examples).examples.example).Count
} | ConvertTo-Json -Compress
"@
        $child = Invoke-ChildPowerShell -File $script
        $child.ExitCode | Should -Be 0 -Because $child.Text
        $result = $child.Json

        (Resolve-Path -LiteralPath $result.ModuleBase).Path | Should -Be (Resolve-Path -LiteralPath (Split-Path -Parent $installedManifest)).Path
        $result.Saved | Should -BeGreaterThan 0
        ($result.Saved + $result.RowErrors) | Should -Be @(Import-Csv -LiteralPath $ExamplesCsv).Count
        @(Get-ChildItem -LiteralPath $videos -Filter '*.mp4').Count | Should -Be $result.Saved
        # The installed copy's help comes from its MAML file, not from the syntax alone.
        $result.Synopsis | Should -Not -Match '^\s*New-SqVideo \['
        $result.Examples | Should -BeGreaterThan 0
    }

    It 'has a clean manifest with the fields the Gallery shows' {
        $repositoryName = 'SmartlyQVideoPester-' + [guid]::NewGuid().ToString('N')
        $installDir = Join-Path $TestDrive 'manifest-check'
        New-Item -ItemType Directory -Path $installDir | Out-Null
        Register-PSResourceRepository -Name $repositoryName -Uri $RepositoryDir -Trusted
        try {
            $found = Find-PSResource -Name SmartlyQ.Video -Repository $repositoryName
            Save-PSResource -Name SmartlyQ.Video -Repository $repositoryName -Path $installDir -TrustRepository -SkipDependencyCheck
        }
        finally {
            Unregister-PSResourceRepository -Name $repositoryName
        }
        $manifest = Test-ModuleManifest -Path (Join-Path $installDir "SmartlyQ.Video/$Version/SmartlyQ.Video.psd1") -ErrorAction Stop

        $found.Version.ToString() | Should -Be $Version
        $found.Description | Should -Match 'PowerShell 7.4'
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'PSEdition_Core'
        $manifest.Tags | Should -Contain 'PSEdition_Desktop'
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}
