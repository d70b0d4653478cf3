#Requires -Version 5.1
# Pester 5: what the module's output looks like in an 80-column console. Every output type's default view fits
# Out-String -Width 80 without a line over 80 characters or a header broken over lines; Save-SqVideo writes the
# FileSystem provider's item (what Get-Item gives) with the job attached; -WhatIf on New-SqVideo names the provider,
# the model, the shortened prompt and the cost. Runs the built module (out/SmartlyQ.Video) against the local sandbox.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $Sandbox = Start-TestSandbox -Name 'output'
    $ApiRoot = $Sandbox.ApiRoot
    $BaseUri = $Sandbox.BaseUri
    $LiveKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Live)

    function ConvertTo-Lines {
        # The text as an 80-column console shows it, one string per line, without colour codes.
        param($InputObject)
        $text = $InputObject | Out-String -Width 80
        $text = [regex]::Replace($text, "\x1b\[[0-9;]*m", '')
        @($text -split "\r?\n")
    }

    function Get-HeaderLine {
        # The table's header: the line that starts with the first label.
        param([string[]]$Lines, [string]$FirstLabel)
        $Lines | Where-Object { $_ -match ('^\s*' + [regex]::Escape($FirstLabel) + '(\s|$)') } | Select-Object -First 1
    }

    function Assert-FitsEightyColumns {
        # No line is longer than 80 characters, and the header holds every label whole, in order, on one line.
        param([string[]]$Lines, [string[]]$Labels)
        foreach ($line in $Lines) {
            $line.Length | Should -BeLessOrEqual 80 -Because "the line '$line' must fit 80 columns"
        }
        $header = Get-HeaderLine -Lines $Lines -FirstLabel $Labels[0]
        $header | Should -Not -BeNullOrEmpty -Because "a header line starts with $($Labels[0])"
        $pattern = '^\s*' + (($Labels | ForEach-Object { [regex]::Escape($_) }) -join '\s+') + '\s*$'
        $header | Should -Match $pattern
    }

    $PlainRendering = $null
    if ($null -ne (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue)) {
        $PlainRendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
    }

    $Connection = Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -PassThru
}

AfterAll {
    if ($null -ne $PlainRendering) {
        $PSStyle.OutputRendering = $PlainRendering
    }
    Stop-TestSandbox -All
}

Describe 'Default views in 80 columns' {
    It 'shows Get-SqVideoModel as a table whose AspectRatio header is whole and whose model ids are not cut' {
        $models = @(Get-SqVideoModel)
        $lines = ConvertTo-Lines $models

        Assert-FitsEightyColumns -Lines $lines -Labels @('Model', 'Types', 'Duration', 'Resolution', 'AspectRatio')
        foreach ($model in $models) {
            @($lines | Where-Object { $_ -match ('^' + [regex]::Escape($model.Model) + '\s') }).Count | Should -Be 1 -Because "$($model.Model) has one row"
        }
        ($lines -join "`n") | Should -Match 'kling-v2-1\s+text, image\s+5, 10\s+720p, 1080p\s+16:9, 9:16, 1:1'
    }

    It 'shows the jobs of New-SqVideo and Wait-SqJob as a table, a long prompt cut at the edge' {
        $prompt = 'A lone astronaut walks across a crimson desert at sunset while the camera rises slowly above the dunes'
        $submitted = @([pscustomobject]@{ model = 'kling-v2-1'; prompt = $prompt; duration = '10' } | New-SqVideo)
        $finished = @($submitted | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120)

        foreach ($jobs in @(, $submitted) + @(, $finished)) {
            $lines = ConvertTo-Lines $jobs
            Assert-FitsEightyColumns -Lines $lines -Labels @('JobUid', 'Status', 'Model', 'Duration', 'Cost', 'Prompt')
            ($lines -join "`n") | Should -Match ([regex]::Escape($jobs[0].JobUid) + '\s+\w+\s+kling-v2-1\s+10\s+0\.5600\s+A lone astron')
        }
    }

    It 'shows Get-SqBalance as one table row with every amount' {
        $lines = ConvertTo-Lines (Get-SqBalance)

        Assert-FitsEightyColumns -Lines $lines -Labels @('Balance', 'Purchased', 'Monthly', 'Currency', 'MonthlyResetAt')
        ($lines -join "`n") | Should -Match '\d+\.\d{4}\s+\d+\.\d{4}\s+\d+\.\d{4}\s+SQC\s+\d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d'
    }

    It 'shows the connection with its provider and whole base URI, and its account, in 80 columns' {
        $lines = ConvertTo-Lines $Connection
        Assert-FitsEightyColumns -Lines $lines -Labels @('Provider', 'BaseUri', 'KeyMode', 'Account', 'ConnectedAt')
        ($lines -join "`n") | Should -Match ('SmartlyQ\s+' + [regex]::Escape($BaseUri) + '\s+Live\s+')

        $accountLines = ConvertTo-Lines $Connection.Account
        Assert-FitsEightyColumns -Lines $accountLines -Labels @('Id', 'Name', 'Email', 'Workspaces')
    }

    It 'keeps Format-List of a job, a model and the balance within 80 columns' {
        $job = @([pscustomobject]@{ model = 'kling-v2-1'; prompt = ('Long prompt ' * 20).Trim() } | New-SqVideo)[0]
        foreach ($item in @($job, (Get-SqVideoModel -Name 'seedance-1-pro'), (Get-SqBalance))) {
            foreach ($line in (ConvertTo-Lines ($item | Format-List *))) {
                $line.Length | Should -BeLessOrEqual 80 -Because "the line '$line' must fit 80 columns"
            }
        }
    }
}

Describe 'Save-SqVideo output' {
    BeforeAll {
        $Folder = Join-Path $TestDrive 'videos'
        New-Item -ItemType Directory -Path $Folder | Out-Null
        $Job = @([pscustomobject]@{ model = 'veo-3'; prompt = 'Save-SqVideo output view' } | New-SqVideo | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120)[0]
        $Saved = @($Job | Save-SqVideo -Path $Folder)
    }

    It 'writes the file as the FileSystem provider item, as Get-Item gives it' {
        $Saved.Count | Should -Be 1
        $file = $Saved[0]
        $file | Should -BeOfType 'System.IO.FileInfo'
        $file.PSProvider.Name | Should -Be 'FileSystem'
        $file.PSPath | Should -BeLike '*FileSystem::*'
        $file.PSChildName | Should -Be ($Job.JobUid + '.mp4')
        $file.PSParentPath | Should -Not -BeNullOrEmpty
        $file.PSIsContainer | Should -BeFalse
        $item = Get-Item -LiteralPath $file.FullName
        $file.PSPath | Should -Be $item.PSPath
    }

    It 'attaches the job as the Job property' {
        $Saved[0].Job | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
        $Saved[0].Job.JobUid | Should -Be $Job.JobUid
        $Saved[0].Job.Status | Should -Be 'Succeeded'
        $Saved[0].Job.Prompt | Should -Be 'Save-SqVideo output view'
    }

    It 'formats like Get-Item: the size and time columns are filled, in 80 columns' {
        $lines = ConvertTo-Lines $Saved
        $expected = ConvertTo-Lines (Get-Item -LiteralPath $Saved[0].FullName)

        ($lines -join "`n") | Should -Be ($expected -join "`n")
        foreach ($line in $lines) {
            $line.Length | Should -BeLessOrEqual 80
        }
        $row = $lines | Where-Object { $_ -match [regex]::Escape($Saved[0].Length.ToString()) } | Select-Object -First 1
        $row | Should -Not -BeNullOrEmpty -Because 'the row shows the file length'
        $row | Should -Match '\d\d:\d\d'
        $header = $lines | Where-Object { $_ -match 'LastWriteTime' } | Select-Object -First 1
        $header | Should -Match '(Mode|UnixMode)\s.*LastWriteTime\s+(Length|Size)\s+Name'
    }
}

Describe 'New-SqVideo -WhatIf' {
    BeforeAll {
        function Get-WhatIfText {
            # -WhatIf writes to the host, not to a stream: a transcript records it.
            param([scriptblock]$Command)
            $path = Join-Path $TestDrive ('whatif-' + [guid]::NewGuid().ToString('N') + '.txt')
            Start-Transcript -LiteralPath $path | Out-Null
            try {
                & $Command | Out-Null
            }
            finally {
                Stop-Transcript | Out-Null
            }
            ((Get-Content -LiteralPath $path -Encoding UTF8) -join "`n")
        }
    }

    It 'names the provider, the model, the shortened prompt, the duration and the cost' {
        $prompt = 'A lone astronaut walks across a crimson desert at sunset while the camera rises slowly above the dunes'
        $before = Get-LedgerEntryCount -Sandbox $Sandbox

        $text = Get-WhatIfText { New-SqVideo -Model kling-v2-1 -Prompt $prompt -Duration 10 -WhatIf }

        $text | Should -Match 'What if: Performing the operation "Submit a text_to_video job of 10 s, cost 0\.5600 SQC" on target "SmartlyQ kling-v2-1: '
        $text | Should -BeLike ("*'" + $prompt.Substring(0, 60) + [char]0x2026 + "'*")
        $text | Should -Not -BeLike "*$prompt*"
        Get-LedgerEntryCount -Sandbox $Sandbox | Should -Be $before
    }

    It 'prices a row without a duration at the model''s shortest duration' {
        $text = Get-WhatIfText { [pscustomobject]@{ model = 'pixverse-v4-5'; prompt = 'Short clip' } | New-SqVideo -WhatIf }

        $text | Should -Match 'Submit a text_to_video job of 5 s, cost 0\.2000 SQC" on target "SmartlyQ pixverse-v4-5: ''Short clip''"'
    }

    It 'takes the provider name from the connection it submits through' {
        $text = Get-WhatIfText { New-SqVideo -Connection $Connection -Model veo-3 -Prompt 'Named provider' -WhatIf }

        $text | Should -Match ('on target "' + [regex]::Escape($Connection.Provider) + ' veo-3: ''Named provider''"')
        $text | Should -Match 'cost 1\.2000 SQC'
    }
}
