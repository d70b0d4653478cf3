#Requires -Version 5.1
# Pester 5 suite: Get-Help of the built module (out/SmartlyQ.Video) shows, for every exported cmdlet, what its page
# in docs/en-US says, not the syntax-only help PowerShell makes up when the MAML file is missing.
# The pages are read here with a few lines of PowerShell on purpose: a second, independent reading of the Markdown,
# so that a fault of the help builder shows as a difference. Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeDiscovery {
    # The manifest that build.ps1 copies into out/SmartlyQ.Video: its CmdletsToExport is what the module exports.
    # Read from the source so that discovery (which does not build) and the run name the same tests.
    $repoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    $manifest = Import-PowerShellDataFile -Path (Join-Path $repoRoot 'SmartlyQ.Video.psd1')
    $Cmdlets = @($manifest.CmdletsToExport | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    $ModuleDir = Join-Path $RepoRoot 'out/SmartlyQ.Video'
    $ModuleManifest = Join-Path $ModuleDir 'SmartlyQ.Video.psd1'
    $DocsDir = Join-Path $RepoRoot 'docs/en-US'
    $ProjectUri = (Import-PowerShellDataFile -Path (Join-Path $RepoRoot 'SmartlyQ.Video.psd1')).PrivateData.PSData.ProjectUri

    if (-not (Test-Path -LiteralPath $ModuleManifest)) {
        & (Join-Path $RepoRoot 'build.ps1') -Task Build
    }
    Import-Module -Name $ModuleManifest -Force
    $Module = Get-Module -Name SmartlyQ.Video

    function ConvertTo-FlatText {
        # Line breaks, wrapping and the blank lines between paragraphs are layout, not content.
        param([string[]]$Text)
        (($Text -join ' ') -replace '\s+', ' ').Trim()
    }

    function ConvertTo-PipelineWays {
        # "True (ByPropertyName, ByValue)" and "True (ByValue, ByPropertyName)" say the same.
        param([string]$Text)
        if ($Text -notmatch '^True \((.+)\)$') { return $Text }
        'True (' + ((@($Matches[1].Split(',') | ForEach-Object { $_.Trim() }) | Sort-Object) -join ', ') + ')'
    }

    function Get-HelpText {
        # Get-Help's text blocks (description, remarks) are objects with a Text property, one per paragraph.
        param($Blocks)
        ConvertTo-FlatText @($Blocks | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.Text })
    }

    function Read-HelpPage {
        # The parts of a platyPS page that the tests compare: front matter, SYNOPSIS, DESCRIPTION, each parameter's
        # text (before its yaml block) and each example's title and code. Headings inside code blocks are code.
        param([Parameter(Mandatory = $true)][string]$Path)

        $lines = [System.IO.File]::ReadAllLines($Path)
        $page = @{
            FrontMatter = @{}
            Sections    = @{}
            Parameters  = @{}
            Examples    = New-Object System.Collections.Generic.List[object]
        }
        $index = 0
        if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
            for ($index = 1; $index -lt $lines.Count -and $lines[$index] -ne '---'; $index++) {
                $colon = $lines[$index].IndexOf(':')
                if ($colon -gt 0) {
                    $page.FrontMatter[$lines[$index].Substring(0, $colon).Trim()] = $lines[$index].Substring($colon + 1).Trim()
                }
            }
            $index++
        }

        $section = $null
        $parameter = $null
        $example = $null
        $inCode = $false
        $inYaml = $false
        $code = $null
        for (; $index -lt $lines.Count; $index++) {
            $line = $lines[$index]
            if ($line -match '^\s*```') {
                if (-not $inCode) {
                    $inCode = $true
                    $inYaml = $line.Trim() -eq '```yaml'
                    $code = New-Object System.Collections.Generic.List[string]
                    if ($null -ne $parameter -and $inYaml) { $parameter = $null }
                }
                else {
                    $inCode = $false
                    # As the builder does: an example's code blocks are its code; any other code block is text.
                    if ($null -ne $example) { $example.Code.Add($code -join "`n") }
                    elseif ($inYaml) { }
                    elseif ($null -ne $parameter) { $page.Parameters[$parameter].AddRange($code) }
                    elseif ($null -ne $section) { $page.Sections[$section].AddRange($code) }
                }
                continue
            }
            if ($inCode) {
                $code.Add($line)
                continue
            }
            if ($line -match '^## (.+)$') {
                $section = $Matches[1].Trim()
                $page.Sections[$section] = New-Object System.Collections.Generic.List[string]
                $parameter = $null
                $example = $null
                continue
            }
            if ($line -match '^### (.+)$') {
                $title = $Matches[1].Trim()
                $parameter = $null
                $example = $null
                if ($section -eq 'PARAMETERS' -and $title.StartsWith('-')) {
                    $parameter = $title.Substring(1)
                    $page.Parameters[$parameter] = New-Object System.Collections.Generic.List[string]
                }
                elseif ($section -eq 'EXAMPLES') {
                    $example = @{ Title = $title; Code = (New-Object System.Collections.Generic.List[string]) }
                    $page.Examples.Add($example)
                }
                continue
            }
            if ($null -ne $parameter) { $page.Parameters[$parameter].Add($line) }
            elseif ($null -ne $section) { $page.Sections[$section].Add($line) }
        }
        $page
    }
}

Describe 'The built module ships its help' {
    It 'has en-US/SmartlyQ.Video.dll-Help.xml and en-US/about_SmartlyQ.Video.help.txt' {
        Join-Path $ModuleDir 'en-US/SmartlyQ.Video.dll-Help.xml' | Should -Exist
        Join-Path $ModuleDir 'en-US/about_SmartlyQ.Video.help.txt' | Should -Exist
    }

    It 'exports exactly the cmdlets of CmdletsToExport, each with a page in docs/en-US' {
        $expected = @((Import-PowerShellDataFile -Path $ModuleManifest).CmdletsToExport | Sort-Object)
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $expected
        foreach ($name in $expected) {
            Join-Path $DocsDir "$name.md" | Should -Exist -Because "every exported cmdlet needs its help page"
        }
    }

    It 'shows the about topic with Get-Help about_SmartlyQ.Video' {
        $about = Get-Help -Name about_SmartlyQ.Video | Out-String
        $about | Should -Match 'about_SmartlyQ\.Video'
        $about | Should -Match 'SHORT DESCRIPTION'
        $about | Should -Match 'New-SqVideo'
    }
}

# The names are written out at discovery, not left to -ForEach placeholders: tests/SmartlyQ.Video.Pester.Tests
# takes its cases from a discovery run, where Pester does not expand placeholders, and requires the run to report
# the same names. -ForEach still hands the cmdlet (its Name) to BeforeAll and the tests.
foreach ($cmdlet in $Cmdlets) {
    Describe "Get-Help $($cmdlet.Name) -Full" -ForEach @($cmdlet) {
        BeforeAll {
            $Command = Get-Command -Name $Name -Module SmartlyQ.Video
            $Help = Get-Help -Name $Name -Full
            $Page = Read-HelpPage -Path (Join-Path $DocsDir "$Name.md")
            $ExpectedUri = "$ProjectUri/blob/main/docs/en-US/$Name.md"
            # -WhatIf and -Confirm are documented on the pages; the common parameters are about_CommonParameters.
            # Hidden parameters (DontShow, e.g. New-SqVideo's -InputObject for piped rows) are not documented.
            $Documentable = @($Command.Parameters.Values |
                Where-Object { [System.Management.Automation.Cmdlet]::CommonParameters -notcontains $_.Name } |
                Where-Object { -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) } |
                Sort-Object -Property Name)
        }

        It "$($cmdlet.Name): the synopsis is the page's SYNOPSIS, not the syntax" {
            $expected = ConvertTo-FlatText $Page.Sections['SYNOPSIS']
            $expected | Should -Not -BeNullOrEmpty
            ConvertTo-FlatText $Help.Synopsis | Should -BeExactly $expected
        }

        It "$($cmdlet.Name): the description is the page's DESCRIPTION" {
            $expected = ConvertTo-FlatText $Page.Sections['DESCRIPTION']
            $expected | Should -Not -BeNullOrEmpty
            Get-HelpText $Help.description | Should -BeExactly $expected
        }

        It "$($cmdlet.Name): every parameter is described as on its page" {
            $Documentable.Count | Should -BeGreaterThan 0
            $faults = New-Object System.Collections.Generic.List[string]
            foreach ($parameter in $Documentable) {
                $helpParameter = @($Help.parameters.parameter | Where-Object { $_.name -eq $parameter.Name })
                if (-not $Page.Parameters.ContainsKey($parameter.Name)) {
                    $faults.Add("-$($parameter.Name) has no '### -$($parameter.Name)' on the page")
                    continue
                }
                $expected = ConvertTo-FlatText $Page.Parameters[$parameter.Name]
                $actual = if ($helpParameter.Count -eq 1) { Get-HelpText $helpParameter[0].description } else { '' }
                if (-not $actual) { $faults.Add("-$($parameter.Name) has no description in Get-Help") }
                elseif ($actual -cne $expected) { $faults.Add("-$($parameter.Name): Get-Help says '$actual', the page says '$expected'") }
            }
            $faults | Should -BeNullOrEmpty
        }

        It "$($cmdlet.Name): the help of each parameter says what the cmdlet does (required, position, pipeline, aliases, wildcards, type)" {
            $faults = New-Object System.Collections.Generic.List[string]
            foreach ($parameter in $Documentable) {
                $helpParameter = @($Help.parameters.parameter | Where-Object { $_.name -eq $parameter.Name })
                if ($helpParameter.Count -ne 1) {
                    $faults.Add("-$($parameter.Name) is not in Get-Help's parameters")
                    continue
                }
                $helpParameter = $helpParameter[0]
                $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                $type = $parameter.ParameterType
                if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [System.Nullable`1]) { $type = $type.GetGenericArguments()[0] }
                $expected = [ordered]@{
                    aliases  = if ($parameter.Aliases.Count -gt 0) { ($parameter.Aliases | Sort-Object) -join ', ' } else { 'none' }
                    globbing = ([bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToString().ToLowerInvariant()
                    type     = $type.Name
                }
                $actual = [ordered]@{
                    aliases  = (([string]$helpParameter.aliases).Split(',') | ForEach-Object { $_.Trim() } | Sort-Object) -join ', '
                    globbing = [string]$helpParameter.globbing
                    type     = [string]$helpParameter.type.name
                }
                foreach ($key in $expected.Keys) {
                    if ($actual[$key] -ne $expected[$key]) {
                        $faults.Add("-$($parameter.Name) $key`: the page says '$($actual[$key])', the cmdlet has '$($expected[$key])'")
                    }
                }

                # Required, position and pipeline input can differ per parameter set; Get-Help's parameter list shows
                # one set's (the page's first yaml block), which must be what the cmdlet declares for some set.
                $shown = 'required ' + [string]$helpParameter.required + ', position ' + [string]$helpParameter.position +
                    ', pipeline ' + (ConvertTo-PipelineWays ([string]$helpParameter.pipelineInput))
                $declared = @(foreach ($attribute in $attributes) {
                    $ways = @()
                    if ($attribute.ValueFromPipeline) { $ways += 'ByValue' }
                    if ($attribute.ValueFromPipelineByPropertyName) { $ways += 'ByPropertyName' }
                    $position = if ($attribute.Position -ge 0) { [string]$attribute.Position } else { 'named' }
                    'required ' + $attribute.Mandatory.ToString().ToLowerInvariant() + ', position ' + $position +
                        ', pipeline ' + (ConvertTo-PipelineWays $(if ($ways.Count -gt 0) { "True ($($ways -join ', '))" } else { 'False' }))
                })
                if ($declared -notcontains $shown) {
                    $faults.Add("-$($parameter.Name): the page says '$shown', the cmdlet declares '$($declared -join "' or '")'")
                }
            }
            $faults | Should -BeNullOrEmpty
        }

        It "$($cmdlet.Name): the examples are the page's, each with its title and code" {
            $Page.Examples.Count | Should -BeGreaterThan 0
            $examples = @($Help.examples.example)
            $examples.Count | Should -BeGreaterOrEqual $Page.Examples.Count
            for ($i = 0; $i -lt $Page.Examples.Count; $i++) {
                $expected = $Page.Examples[$i]
                ([string]$examples[$i].title).Trim([char[]]@('-', ' ')) | Should -BeExactly $expected.Title
                $code = ([string]$examples[$i].code) -replace "`r`n", "`n"
                $code | Should -Not -BeNullOrEmpty
                $code | Should -BeExactly (($expected.Code -join "`n`n").Trim("`n"))
            }
        }

        It "$($cmdlet.Name): HelpUri and the page's online version are its online page" {
            $Command.HelpUri | Should -BeExactly $ExpectedUri
            $Page.FrontMatter['online version'] | Should -BeExactly $ExpectedUri
        }
    }
}
