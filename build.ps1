#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the SmartlyQ.Video module.

.DESCRIPTION
    Build   - dotnet publish src/SmartlyQ.Video and assemble the module in out/SmartlyQ.Video
              (manifest, SmartlyQ.Video.dll; SmartlyQ.Video.Core.dll and the other dependencies in dependencies/).
    Test    - dotnet test SmartlyQ.Video.sln: every xUnit suite and the Pester suite in tests/Pester, which runs in the
              PowerShell of .config/dotnet-tools.json with the Pester 5.9.1 that the build restores (one xUnit case
              per Pester test; NUnit XML in TestResults/pester).
    Demo    - Build, start the local sandbox (it emulates every provider), run
              Import-Csv examples/prompts.csv | New-SqVideo | Wait-SqJob | Save-SqVideo -Path ./out/videos
              and Get-SqBalance against it, then stop the sandbox. -Provider OpenAI or NanoGPT runs the same
              pipeline against that provider's emulator with examples/openai-prompts.csv or nanogpt-prompts.csv.
    Package - Build, then Publish-PSResource (PSResourceGet, PowerShell 7.4+) to a folder repository out/repo that
              is registered for this run only; the .nupkg is copied to out/. -NoBuild packages out/SmartlyQ.Video as
              it is.

    Run it in a new session (pwsh ./build.ps1 or powershell -File .\build.ps1): once the module is imported,
    its DLLs stay loaded and Windows will not let the next build replace them.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Demo

    On a machine with only the .NET SDK: the repository's tool manifest brings PowerShell 7.6.9.

.EXAMPLE
    pwsh ./build.ps1 -Task Demo

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Demo -Provider OpenAI

    The same pipeline against the sandbox's OpenAI Videos emulator.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package')]
    [string]$Task = 'Build',

    [string]$Configuration = 'Release',

    # Package: use the module already in out/SmartlyQ.Video instead of building it again.
    [switch]$NoBuild,

    # Demo: the provider whose sandbox emulator the pipeline runs against.
    [ValidateSet('SmartlyQ', 'OpenAI', 'NanoGPT')]
    [string]$Provider = 'SmartlyQ'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$RepoRoot = $PSScriptRoot
$OutDir = Join-Path $RepoRoot 'out'
$ModuleDir = Join-Path $OutDir 'SmartlyQ.Video'
$ManifestPath = Join-Path $RepoRoot 'SmartlyQ.Video.psd1'
$SandboxLiveKey = 'sqk_live_sandbox_00000000000000000000'

function Invoke-Native {
    # A failing native command does not throw, even with $ErrorActionPreference = 'Stop'. Its output goes to the
    # host so that it does not become the return value of the calling function.
    param(
        [Parameter(Mandatory = $true)][string]$FilePath,
        [Parameter(Mandatory = $true)][string[]]$ArgumentList
    )
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Assert-VersionsAgree {
    $props = New-Object System.Xml.XmlDocument
    $props.Load((Join-Path $RepoRoot 'Directory.Build.props'))
    $versionNode = $props.SelectSingleNode('/Project/PropertyGroup/Version')
    if ($null -eq $versionNode) {
        throw 'Directory.Build.props has no <Version>.'
    }
    $buildVersion = $versionNode.InnerText.Trim()
    $manifestVersion = (Import-PowerShellDataFile -Path $ManifestPath).ModuleVersion
    if ($manifestVersion -ne $buildVersion) {
        throw "SmartlyQ.Video.psd1 ModuleVersion '$manifestVersion' differs from <Version> '$buildVersion' in Directory.Build.props; make them equal."
    }
    Write-Host "Version $buildVersion (manifest and assemblies agree)."
}

function Invoke-Build {
    Assert-VersionsAgree

    $publishDir = Join-Path ([System.IO.Path]::GetTempPath()) ('SmartlyQ.Video-publish-' + [guid]::NewGuid().ToString('N'))
    try {
        Invoke-Native -FilePath 'dotnet' -ArgumentList @('publish', (Join-Path $RepoRoot 'src/SmartlyQ.Video'), '-c', $Configuration, '-o', $publishDir, '--nologo')

        if (Test-Path -LiteralPath $ModuleDir) {
            try {
                Remove-Item -LiteralPath $ModuleDir -Recurse -Force
            }
            catch {
                throw "Cannot replace '$ModuleDir' (is the module imported in a running PowerShell session? Close it, or run the build in a new session): $($_.Exception.Message)"
            }
        }
        New-Item -ItemType Directory -Path $ModuleDir -Force | Out-Null

        Copy-Item -LiteralPath $ManifestPath -Destination $ModuleDir
        Copy-Item -LiteralPath (Join-Path $RepoRoot 'LICENSE') -Destination $ModuleDir
        Copy-Item -LiteralPath (Join-Path $RepoRoot 'README.md') -Destination $ModuleDir
        Copy-Item -LiteralPath (Join-Path $RepoRoot 'src/SmartlyQ.Video/SmartlyQ.Video.Format.ps1xml') -Destination $ModuleDir
        # The cmdlet assembly sits beside the manifest; Core and every other dependency go to a private folder that
        # the module's own resolver serves (an AssemblyLoadContext on PowerShell 7), so other modules' versions of
        # Polly.Core and friends cannot clash with ours. PowerShell itself provides System.Management.Automation.
        $dependencyDir = Join-Path $ModuleDir 'dependencies'
        New-Item -ItemType Directory -Path $dependencyDir -Force | Out-Null
        Copy-Item -LiteralPath (Join-Path $publishDir 'SmartlyQ.Video.dll') -Destination $ModuleDir
        Get-ChildItem -LiteralPath $publishDir -Filter '*.dll' |
            Where-Object { $_.Name -ne 'System.Management.Automation.dll' -and $_.Name -ne 'SmartlyQ.Video.dll' } |
            Copy-Item -Destination $dependencyDir

        $helpDir = Join-Path $ModuleDir 'en-US'
        New-Item -ItemType Directory -Path $helpDir -Force | Out-Null
        Copy-Item -LiteralPath (Join-Path $RepoRoot 'docs/en-US/about_SmartlyQ.Video.help.txt') -Destination $helpDir
        # MAML help from the platyPS pages, built by the repository's own help builder (Markdig and YamlDotNet), so
        # Get-Help -Full works without platyPS. A faulty page fails the build, naming the file and the section.
        Invoke-Native -FilePath 'dotnet' -ArgumentList @('run', '--project', (Join-Path $RepoRoot 'tools/SmartlyQ.Video.HelpBuilder'), '-c', $Configuration, '--',
            (Join-Path $RepoRoot 'docs/en-US'), (Join-Path $helpDir 'SmartlyQ.Video.dll-Help.xml'))
    }
    finally {
        if (Test-Path -LiteralPath $publishDir) {
            Remove-Item -LiteralPath $publishDir -Recurse -Force
        }
    }

    Test-ModuleManifest -Path (Join-Path $ModuleDir 'SmartlyQ.Video.psd1') | Out-Null
    Write-Host "Module assembled in $ModuleDir"
}

function Invoke-Test {
    # The Pester suite builds the module itself (build.ps1 -Task Build) before it runs.
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('test', (Join-Path $RepoRoot 'SmartlyQ.Video.sln'), '-c', $Configuration, '--nologo')
}

function Start-Sandbox {
    param([Parameter(Mandatory = $true)][string]$BaseUrl)

    # Otherwise the readiness check below could be answered by whatever already listens there.
    $uri = [Uri]$BaseUrl
    $probe = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Parse($uri.Host)), $uri.Port
    try {
        $probe.Start()
    }
    catch {
        throw "Port $($uri.Port) is in use (a sandbox left running?); stop that process first."
    }
    finally {
        $probe.Stop()
    }

    # Built, then run from its DLL: 'dotnet run' would start the server as a child process that
    # Stop-Process on 'dotnet run' leaves running.
    $sandboxDir = Join-Path $OutDir 'sandbox'
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('build', (Join-Path $RepoRoot 'src/SmartlyQ.Video.Sandbox'), '-c', $Configuration, '-o', $sandboxDir, '--nologo')

    $log = Join-Path $OutDir 'sandbox.log'
    $sandboxArguments = '"' + (Join-Path $sandboxDir 'SmartlyQ.Video.Sandbox.dll') + '" --urls ' + $BaseUrl
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $sandboxArguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $log -RedirectStandardError (Join-Path $OutDir 'sandbox.err.log')

    $deadline = (Get-Date).AddSeconds(60)
    while ($true) {
        if ($process.HasExited) {
            throw "The sandbox exited with code $($process.ExitCode); see $log."
        }
        try {
            Invoke-RestMethod -Uri "$BaseUrl/v1/me" -Headers @{ Authorization = "Bearer $SandboxLiveKey" } -UseBasicParsing -TimeoutSec 5 | Out-Null
            break
        }
        catch {
            if ((Get-Date) -gt $deadline) {
                Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
                throw "The sandbox did not answer $BaseUrl/v1/me within 60 seconds; see $log."
            }
            Start-Sleep -Milliseconds 500
        }
    }
    Write-Host "Sandbox listening on $BaseUrl (process $($process.Id))."
    return $process
}

function Invoke-Demo {
    Invoke-Build
    $baseUrl = 'http://127.0.0.1:5080'
    $sandbox = $null
    try {
        $sandbox = Start-Sandbox -BaseUrl $baseUrl

        Import-Module -Name (Join-Path $ModuleDir 'SmartlyQ.Video.psd1') -Force
        # The sandbox lists each emulator's base URI and key, exactly what Connect-SmartlyQ takes.
        $entry = Invoke-RestMethod -Uri "$baseUrl/sandbox/providers" -UseBasicParsing | ForEach-Object { $_ } |
            Where-Object { $_.name -eq $Provider }
        if ($null -eq $entry) {
            throw "The sandbox does not emulate $Provider."
        }
        $key = ConvertTo-SecureString -String $entry.apiKey -AsPlainText -Force
        Connect-SmartlyQ -Provider $Provider -ApiKey $key -BaseUri $entry.baseUri
        $csv = if ($Provider -eq 'SmartlyQ') { 'examples/prompts.csv' } else { "examples/$($Provider.ToLowerInvariant())-prompts.csv" }

        $videos = Join-Path $OutDir 'videos'
        New-Item -ItemType Directory -Path $videos -Force | Out-Null

        # A bad row is a non-terminating error: it is shown and the other rows go on.
        $files = @(Import-Csv -LiteralPath (Join-Path $RepoRoot $csv) |
            New-SqVideo -ErrorAction Continue -ErrorVariable submitErrors |
            Wait-SqJob -PollIntervalSec 1 -ErrorAction Continue -ErrorVariable waitErrors |
            Save-SqVideo -Path $videos -Force -ErrorAction Continue -ErrorVariable saveErrors)

        $files | Format-Table -Property Name, Length, LastWriteTime -AutoSize | Out-Host
        $failed = $submitErrors.Count + $waitErrors.Count + $saveErrors.Count
        Write-Host "$($files.Count) video(s) saved to $videos; $failed row(s) failed."
        try {
            Get-SqBalance -ErrorAction Stop | Format-List | Out-Host
        }
        catch {
            # OpenAI has no balance endpoint: the cmdlet says so.
            Write-Host $_.Exception.Message
        }
    }
    finally {
        if ($null -ne $sandbox -and -not $sandbox.HasExited) {
            Stop-Process -Id $sandbox.Id -Force
            Write-Host 'Sandbox stopped.'
        }
    }
}

function Invoke-Package {
    if (-not $NoBuild) {
        Invoke-Build
    }
    if (-not (Test-Path -LiteralPath (Join-Path $ModuleDir 'SmartlyQ.Video.psd1'))) {
        throw "No module in $ModuleDir to package; run without -NoBuild."
    }
    # PSResourceGet ships with PowerShell 7.4+; PowerShellGet 2's Publish-Module needs a NuGet pack that fails here.
    $psResourceGet = Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet | Sort-Object -Property Version -Descending | Select-Object -First 1
    if ($null -eq $psResourceGet) {
        throw 'The Package task needs Microsoft.PowerShell.PSResourceGet (part of PowerShell 7.4+): run it with pwsh, e.g. dotnet tool restore; dotnet pwsh ./build.ps1 -Task Package.'
    }
    Import-Module -Name $psResourceGet.Path

    # A folder repository of this run only, registered for the publish and removed again.
    $repoDir = Join-Path $OutDir 'repo'
    if (Test-Path -LiteralPath $repoDir) {
        Remove-Item -LiteralPath $repoDir -Recurse -Force
    }
    New-Item -ItemType Directory -Path $repoDir -Force | Out-Null
    $repositoryName = 'SmartlyQVideoBuild-' + [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $repositoryName -Uri $repoDir -Trusted
    try {
        Publish-PSResource -Path $ModuleDir -Repository $repositoryName
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName
        Write-Host "Temporary repository $repositoryName registered for the publish and unregistered."
    }

    $package = Get-ChildItem -LiteralPath $repoDir -Filter '*.nupkg' | Select-Object -First 1
    if ($null -eq $package) {
        throw "Publish-PSResource wrote no package to $repoDir."
    }
    Get-ChildItem -LiteralPath $OutDir -Filter 'SmartlyQ.Video.*.nupkg' | Remove-Item -Force
    $target = Join-Path $OutDir $package.Name
    Copy-Item -LiteralPath $package.FullName -Destination $target
    Write-Host "Package: $target (also in the folder repository $repoDir)"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
}
