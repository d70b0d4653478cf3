# Discovers (-Mode Discover) or runs (-Mode Run) the Pester suite in tests/Pester with the Pester module given by path,
# and writes one JSON record per test (and per test file that failed to load) to -OutputJson for the xUnit cases.
# Run builds the module first (build.ps1 -Task Build), so Pester never tests a stale out/SmartlyQ.Video.
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][ValidateSet('Discover', 'Run')][string]$Mode,
    [Parameter(Mandatory = $true)][string]$RepositoryRoot,
    [Parameter(Mandatory = $true)][string]$PesterModule,
    [Parameter(Mandatory = $true)][string]$OutputJson,
    [string]$ResultXml
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $RepositoryRoot

# Whatever Pester the machine has must not be the one that runs.
Get-Module -Name Pester | Remove-Module -Force
Import-Module -Name $PesterModule -Force
$pester = Get-Module -Name Pester
Write-Host "Pester $($pester.Version) from $($pester.ModuleBase); PowerShell $($PSVersionTable.PSVersion)"

$suitePath = Join-Path $RepositoryRoot 'tests/Pester'

# The functions below carry a Suite prefix: test files import their own helpers into the session, and a helper of
# the same name would replace the runner's.

function Expand-SuiteName {
    # Pester expands <name>, <_> and <a.b> placeholders from a test's or block's -ForEach data only when it runs, so
    # discovery and run get the same ids only if the expansion is done here, the same way, from the same data.
    param([string]$Name, $Data)
    if ($null -eq $Data) { return $Name }
    [regex]::Replace($Name, '<([^<>]+)>', {
        param($match)
        $segments = $match.Groups[1].Value.Split('.')
        if ($segments[0] -eq '_') { $value = $Data }
        elseif ($Data -is [System.Collections.IDictionary] -and $Data.Contains($segments[0])) { $value = $Data[$segments[0]] }
        else { return $match.Value }
        foreach ($segment in ($segments | Select-Object -Skip 1)) {
            if ($null -eq $value) { break }
            if ($value -is [System.Collections.IDictionary]) { $value = $value[$segment] } else { $value = $value.$segment }
        }
        if ($null -eq $value) { '$null' } else { [string]$value }
    })
}

function Get-SuiteTestId {
    # "<file> > <Describe> > <Context> > <It>", with -ForEach placeholders expanded.
    param($Test)
    $names = New-Object System.Collections.Generic.List[string]
    $names.Add((Expand-SuiteName $Test.Name $Test.Data))
    for ($block = $Test.Block; $null -ne $block -and -not $block.IsRoot; $block = $block.Parent) {
        $names.Insert(0, (Expand-SuiteName $block.Name $block.Data))
    }
    $file = [System.IO.Path]::GetFileName([string]$Test.ScriptBlock.File)
    $names.Insert(0, $file)
    $names -join ' > '
}

function Get-SuiteErrorText {
    param($ErrorRecords)
    @($ErrorRecords | Where-Object { $null -ne $_ } | ForEach-Object {
        $message = if ($_.PSObject.Properties['DisplayErrorMessage'] -and $_.DisplayErrorMessage) { $_.DisplayErrorMessage } else { $_.Exception.Message }
        $stack = if ($_.PSObject.Properties['DisplayStackTrace'] -and $_.DisplayStackTrace) { $_.DisplayStackTrace } else { $_.ScriptStackTrace }
        ($message, $stack) -join [Environment]::NewLine
    }) -join ([Environment]::NewLine + [Environment]::NewLine)
}

function Get-SuiteBlockErrorText {
    # A failed BeforeAll/AfterAll belongs to a block; the tests under it did not run because of it.
    param($Test)
    $texts = @()
    for ($block = $Test.Block; $null -ne $block; $block = $block.Parent) {
        if ($block.ErrorRecord.Count -gt 0) {
            $texts += "In '$($block.ExpandedName)': " + (Get-SuiteErrorText $block.ErrorRecord)
        }
        if ($block.IsRoot) { break }
    }
    $texts -join [Environment]::NewLine
}

$config = New-PesterConfiguration
$config.Run.Path = $suitePath
$config.Run.PassThru = $true
if ($Mode -eq 'Discover') {
    $config.Run.SkipRun = $true
    $config.Output.Verbosity = 'None'
}
else {
    & (Join-Path $RepositoryRoot 'build.ps1') -Task Build
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $ResultXml
}

$result = Invoke-Pester -Configuration $config

$records = New-Object System.Collections.Generic.List[object]
foreach ($container in $result.Containers) {
    if ($container.Result -eq 'Failed' -and $container.ErrorRecord.Count -gt 0) {
        $records.Add([pscustomobject]@{
            Id     = [System.IO.Path]::GetFileName([string]$container.Item) + ' (file)'
            Result = 'Failed'
            Error  = Get-SuiteErrorText $container.ErrorRecord
        })
    }
}
foreach ($test in $result.Tests) {
    $errorText = Get-SuiteErrorText $test.ErrorRecord
    if ($test.Result -ne 'Passed' -and -not $errorText) { $errorText = Get-SuiteBlockErrorText $test }
    $records.Add([pscustomobject]@{
        Id     = Get-SuiteTestId $test
        Result = if ($Mode -eq 'Discover') { 'Discovered' } else { [string]$test.Result }
        Error  = $errorText
        Seconds = if ($null -ne $test.Duration) { [math]::Round($test.Duration.TotalSeconds, 3) } else { 0 }
    })
}

$json = ConvertTo-Json -InputObject @($records.ToArray()) -Depth 3
[System.IO.File]::WriteAllText($OutputJson, $json, (New-Object System.Text.UTF8Encoding($false)))
Write-Host "$Mode`: $($records.Count) record(s) written to $OutputJson"
