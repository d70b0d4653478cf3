#Requires -Version 5.1
# Pester 5: argument completion as a user gets it with Tab (TabExpansion2), connected and not connected.
# -Model and Get-SqVideoModel -Name complete from the connection's cached model list, the model-dependent values from
# the -Model on the line, -JobUid from the jobs this session has seen; not connected or offline there are no results
# and no file names either. Runs the built module (out/SmartlyQ.Video) against two local sandboxes: the default
# catalog, and one with a single model of its own (to tell -Connection from the default connection).
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $LiveKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Live)

    $Main, $Other = Start-TestSandbox -Set @(
        @{ Name = 'completion-main' }
        @{ Name = 'completion-other'; Argument = @('--Sandbox:Models:0:Model=other-only-1', '--Sandbox:Models:0:Name=Other',
                '--Sandbox:Models:0:Types:0=text_to_video', '--Sandbox:Models:0:Duration:0=4', '--Sandbox:Models:0:Resolution:0=360p',
                '--Sandbox:Models:0:AspectRatio:0=4:3', '--Sandbox:Models:0:PricePerSecond=0.01') }
    )

    function Get-Completion {
        # What Tab offers at the end of $Line: the completion texts, in order.
        param([string]$Line)
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        @($result.CompletionMatches)
    }

    # Files in the current folder: what PowerShell would offer if a completer let it fall back to file names.
    $FilesFolder = Join-Path $TestDrive 'files'
    New-Item -ItemType Directory -Path $FilesFolder | Out-Null
    foreach ($name in @('kling-notes.txt', 'job_file.txt', '16x9.png', 'Anime.txt')) {
        Set-Content -LiteralPath (Join-Path $FilesFolder $name) -Value 'x'
    }

    $OtherConnection = Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Other.BaseUri -PassThru
    # Last: the default connection of this runspace.
    Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.BaseUri
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Completion when not connected' {
    BeforeAll {
        # A new runspace has no default connection and has seen no job, whatever other test files did in this one.
        function Get-CompletionInNewRunspace {
            param([string[]]$Lines)
            $ps = [PowerShell]::Create()
            try {
                $script = 'param($Manifest, $Folder, $Lines) Import-Module $Manifest; Set-Location -LiteralPath $Folder; ' +
                    'foreach ($line in $Lines) { $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length; ' +
                    '[pscustomobject]@{ Line = $line; Texts = @($r.CompletionMatches | ForEach-Object { $_.CompletionText }) } }'
                $null = $ps.AddScript($script).AddArgument($ModuleManifest).AddArgument($FilesFolder).AddArgument($Lines)
                $results = @($ps.Invoke())
                if ($ps.HadErrors) { throw ($ps.Streams.Error | Select-Object -First 1) }
                $results
            }
            finally {
                $ps.Dispose()
            }
        }
    }

    It 'offers neither models nor file names for New-SqVideo -Model' {
        $results = @(Get-CompletionInNewRunspace -Lines @('New-SqVideo -Model ', 'New-SqVideo -Model kl'))

        $results.Count | Should -Be 2
        @($results[0].Texts).Count | Should -Be 0
        @($results[1].Texts).Count | Should -Be 0
    }

    It 'offers neither values nor file names for the model-dependent parameters and Get-SqVideoModel -Name' {
        $lines = @('New-SqVideo -Model kling-v2-1 -Duration ', 'New-SqVideo -AspectRatio ', 'New-SqVideo -Style A', 'Get-SqVideoModel ', 'Get-SqVideoModel -Name k')
        $results = @(Get-CompletionInNewRunspace -Lines $lines)

        $results.Count | Should -Be $lines.Count
        foreach ($result in $results) {
            @($result.Texts).Count | Should -Be 0 -Because $result.Line
        }
    }

    It 'offers neither job ids nor file names for -JobUid of Wait-SqJob and Save-SqVideo' {
        $results = @(Get-CompletionInNewRunspace -Lines @('Wait-SqJob -JobUid ', 'Save-SqVideo -JobUid job'))

        @($results[0].Texts).Count | Should -Be 0
        @($results[1].Texts).Count | Should -Be 0
    }

    It 'relies on what PowerShell does: a completer that returns null gets file names added, one that returns an empty list does not' {
        # Why the module's completers always return a list, empty when there is nothing to offer.
        $ps = [PowerShell]::Create()
        try {
            $script = @'
param($Folder)
Set-Location -LiteralPath $Folder
class NullCompleter : System.Management.Automation.IArgumentCompleter {
    [System.Collections.Generic.IEnumerable[System.Management.Automation.CompletionResult]] CompleteArgument(
        [string]$c, [string]$p, [string]$w, [System.Management.Automation.Language.CommandAst]$a, [System.Collections.IDictionary]$f) {
        return $null
    }
}
class EmptyCompleter : System.Management.Automation.IArgumentCompleter {
    [System.Collections.Generic.IEnumerable[System.Management.Automation.CompletionResult]] CompleteArgument(
        [string]$c, [string]$p, [string]$w, [System.Management.Automation.Language.CommandAst]$a, [System.Collections.IDictionary]$f) {
        return (New-Object 'System.Collections.Generic.List[System.Management.Automation.CompletionResult]')
    }
}
function Test-NullCompleter { param([ArgumentCompleter([NullCompleter])][string]$Value) }
function Test-EmptyCompleter { param([ArgumentCompleter([EmptyCompleter])][string]$Value) }
foreach ($line in @('Test-NullCompleter -Value ', 'Test-EmptyCompleter -Value ')) {
    @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches).Count
}
'@
            $null = $ps.AddScript($script).AddArgument($FilesFolder)
            $counts = @($ps.Invoke())
            if ($ps.HadErrors) { throw ($ps.Streams.Error | Select-Object -First 1) }
        }
        finally {
            $ps.Dispose()
        }

        $counts.Count | Should -Be 2
        $counts[0] | Should -BeGreaterThan 0
        $counts[1] | Should -Be 0
    }

    It 'still offers file names for -Path, which has no completer of its own' {
        $results = @(Get-CompletionInNewRunspace -Lines @('Save-SqVideo -Path ./kling'))

        @($results[0].Texts) | Should -Contain ('.' + [System.IO.Path]::DirectorySeparatorChar + 'kling-notes.txt')
    }
}

Describe 'Completion of model ids' {
    BeforeAll {
        Push-Location -LiteralPath $FilesFolder
    }

    AfterAll {
        Pop-Location
    }

    It 'offers every model of the default connection for New-SqVideo -Model, with name and durations as tooltip' {
        $offered = Get-Completion 'New-SqVideo -Model '

        @($offered | ForEach-Object { $_.CompletionText }) | Should -Be @('kling-v2-1', 'pixverse-v4-5', 'veo-3', 'seedance-1-pro')
        $kling = $offered | Where-Object { $_.CompletionText -eq 'kling-v2-1' }
        $kling.ResultType | Should -Be 'ParameterValue'
        $kling.ToolTip | Should -BeLike 'Kling v2.1:*5, 10 s*0.0560 SQC/s*'
    }

    It 'narrows -Model to the ids that start with what was typed, case-insensitively, and never offers a file' {
        @(Get-Completion 'New-SqVideo -Model KL' | ForEach-Object { $_.CompletionText }) | Should -Be @('kling-v2-1')
        @(Get-Completion 'New-SqVideo -Model *pro' | ForEach-Object { $_.CompletionText }) | Should -Be @('seedance-1-pro')
        @(Get-Completion 'New-SqVideo -Model nothing-like-this').Count | Should -Be 0
    }

    It 'keeps the quote the user opened' {
        @(Get-Completion "New-SqVideo -Model 've" | ForEach-Object { $_.CompletionText }) | Should -Be @("'veo-3'")
        @(Get-Completion 'New-SqVideo -Model "ve' | ForEach-Object { $_.CompletionText }) | Should -Be @('"veo-3"')
    }

    It 'completes Get-SqVideoModel -Name and its positional name the same way' {
        @(Get-Completion 'Get-SqVideoModel -Name pix' | ForEach-Object { $_.CompletionText }) | Should -Be @('pixverse-v4-5')
        @(Get-Completion 'Get-SqVideoModel se' | ForEach-Object { $_.CompletionText }) | Should -Be @('seedance-1-pro')
    }

    It 'uses the -Connection on the line instead of the default connection' {
        @(Get-Completion 'New-SqVideo -Connection $OtherConnection -Model ' | ForEach-Object { $_.CompletionText }) | Should -Be @('other-only-1')
        @(Get-Completion 'New-SqVideo -Connection $OtherConnection -AspectRatio ' | ForEach-Object { $_.CompletionText }) | Should -Be @('4:3')
    }

    It 'sends no request per keystroke: with the model route failing, the cached list still completes and the route was not called' {
        @(Get-Completion 'New-SqVideo -Model ').Count | Should -Be 4   # the list is cached from here on
        $null = Set-SandboxChaos -Sandbox $Main -Options @{ Routes = @{ models = @{ ConnectionResetRate = 1 } } }
        try {
            foreach ($typed in @('k', 'kl', 'kli', 'klin', 'p', 'v', 's')) {
                @(Get-Completion "New-SqVideo -Model $typed").Count | Should -Be 1 -Because "'$typed' matches one model"
            }
            Get-SandboxChaosCount -Sandbox $Main -Kind connection_reset | Should -Be 0
        }
        finally {
            Clear-SandboxChaos -Sandbox $Main
        }
    }

    It 'offers nothing, and no file names, when the model list cannot be read (offline), and answers within seconds' {
        $offline = Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.BaseUri -MaximumRetryCount 0 -PassThru
        $null = Set-SandboxChaos -Sandbox $Main -Options @{ Routes = @{ models = @{ ConnectionResetRate = 1 } } }
        try {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            @(Get-Completion 'New-SqVideo -Connection $offline -Model ').Count | Should -Be 0
            @(Get-Completion 'New-SqVideo -Connection $offline -Model k').Count | Should -Be 0
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
            # The failure is remembered: the second keystroke did not ask again.
            Get-SandboxChaosCount -Sandbox $Main -Kind connection_reset | Should -Be 1
        }
        finally {
            Clear-SandboxChaos -Sandbox $Main
            # Connect-SmartlyQ made $offline the default; the other tests use a working default again.
            Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.BaseUri
        }
    }
}

Describe 'Completion of model-dependent values' {
    BeforeAll {
        Push-Location -LiteralPath $FilesFolder
    }

    AfterAll {
        Pop-Location
    }

    It 'offers the styles of the -Model on the line' {
        @(Get-Completion 'New-SqVideo -Model pixverse-v4-5 -Style ' | ForEach-Object { $_.CompletionText }) | Should -Be @('Anime', 'Cyberpunk')
        @(Get-Completion 'New-SqVideo -Model pixverse-v4-5 -Style a' | ForEach-Object { $_.CompletionText }) | Should -Be @('Anime')
    }

    It 'offers the durations, resolutions, modes, aspect ratios and movements of the -Model on the line' {
        @(Get-Completion 'New-SqVideo -Model veo-3 -Duration ' | ForEach-Object { $_.CompletionText }) | Should -Be @('8')
        @(Get-Completion 'New-SqVideo -Model kling-v2-1 -Resolution ' | ForEach-Object { $_.CompletionText }) | Should -Be @('720p', '1080p')
        @(Get-Completion 'New-SqVideo -Model kling-v2-1 -Mode ' | ForEach-Object { $_.CompletionText }) | Should -Be @('Standard', 'Professional')
        @(Get-Completion 'New-SqVideo -Model kling-v2-1 -AspectRatio ' | ForEach-Object { $_.CompletionText }) | Should -Be @('16:9', '9:16', '1:1')
        @(Get-Completion 'New-SqVideo -Prompt x -Model pixverse-v4-5 -Movement ' | ForEach-Object { $_.CompletionText }) | Should -Be @('Auto', 'Small', 'Medium', 'Large')
    }

    It 'offers what any model accepts when no -Model is on the line, each value once' {
        $ratios = @(Get-Completion 'New-SqVideo -AspectRatio ' | ForEach-Object { $_.CompletionText })

        $ratios | Should -Be @('16:9', '9:16', '1:1', '4:3', '3:4', '21:9')
    }

    It 'offers nothing, and no file names, for a parameter the -Model on the line does not take' {
        @(Get-Completion 'New-SqVideo -Model kling-v2-1 -Style ').Count | Should -Be 0
        @(Get-Completion 'New-SqVideo -Model veo-3 -Movement ').Count | Should -Be 0
    }
}

Describe 'Completion of job ids' {
    BeforeAll {
        Push-Location -LiteralPath $FilesFolder
        $tag = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $Submitted = @(1..2 | ForEach-Object { [pscustomobject]@{ model = 'kling-v2-1'; prompt = "Completion $tag row $_" } } | New-SqVideo)
    }

    AfterAll {
        Pop-Location
    }

    It 'offers the jobs this session submitted for Wait-SqJob -JobUid, newest first, with status and prompt' {
        $offered = @(Get-Completion 'Wait-SqJob -JobUid ')
        $texts = @($offered | ForEach-Object { $_.CompletionText })

        $texts | Should -Contain $Submitted[0].JobUid
        $texts | Should -Contain $Submitted[1].JobUid
        [array]::IndexOf($texts, $Submitted[1].JobUid) | Should -BeLessThan ([array]::IndexOf($texts, $Submitted[0].JobUid))
        $first = $offered | Where-Object { $_.CompletionText -eq $Submitted[0].JobUid }
        $first.ListItemText | Should -Be "$($Submitted[0].JobUid) (queued)"
        $first.ToolTip | Should -BeLike "queued, kling-v2-1: Completion * row 1"
    }

    It 'narrows Save-SqVideo -JobUid to the ids that start with what was typed' {
        $uid = $Submitted[0].JobUid
        $texts = @(Get-Completion ('Save-SqVideo -JobUid ' + $uid.Substring(0, $uid.Length - 1)) | ForEach-Object { $_.CompletionText })

        $texts | Should -Contain $uid
        $texts | Should -Not -Contain $Submitted[1].JobUid
    }

    It 'completes -JobUid of Get-SqJob and Stop-SqJob from the same jobs' {
        @(Get-Completion 'Get-SqJob -JobUid ' | ForEach-Object { $_.CompletionText }) | Should -Contain $Submitted[0].JobUid
        @(Get-Completion ('Stop-SqJob ' + $Submitted[1].JobUid) | ForEach-Object { $_.CompletionText }) | Should -Contain $Submitted[1].JobUid
    }

    It 'shows the status Wait-SqJob saw last' {
        $null = $Submitted | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120

        $match = Get-Completion ('Save-SqVideo -JobUid ' + $Submitted[0].JobUid) | Where-Object { $_.CompletionText -eq $Submitted[0].JobUid }
        $match.ListItemText | Should -Be "$($Submitted[0].JobUid) (succeeded)"
    }
}

Describe 'Completion after Disconnect-SmartlyQ' {
    BeforeAll {
        Push-Location -LiteralPath $FilesFolder
    }

    AfterAll {
        Pop-Location
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.BaseUri
    }

    It 'offers no models and no file names once the default connection is closed, nor for a closed -Connection' {
        $closed = Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.BaseUri -PassThru
        @(Get-Completion 'New-SqVideo -Model ').Count | Should -Be 4

        Disconnect-SmartlyQ

        @(Get-Completion 'New-SqVideo -Model ').Count | Should -Be 0
        @(Get-Completion 'New-SqVideo -Connection $closed -Model k').Count | Should -Be 0
        @(Get-Completion 'New-SqVideo -Connection $closed -Model kling-v2-1 -Duration ').Count | Should -Be 0
    }
}
