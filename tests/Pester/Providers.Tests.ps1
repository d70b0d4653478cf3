#Requires -Version 5.1
# The same cmdlets over every provider: Connect-SmartlyQ -Provider, then the main pipeline against that provider's
# emulator in one sandbox process, bad rows refused at no cost, keys from each provider's environment variable,
# Get-SqBalance where a provider has one, -ImagePath, and a re-run with -BatchId that pays nothing twice.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeDiscovery {
    $Providers = @(
        @{ Provider = 'SmartlyQ'; Csv = 'prompts.csv'; EnvVar = 'SMARTLYQ_API_KEY'; BadRows = 1; HasBalance = $true; Model = 'kling-v2-1' }
        @{ Provider = 'OpenAI'; Csv = 'openai-prompts.csv'; EnvVar = 'OPENAI_API_KEY'; BadRows = 2; HasBalance = $false; Model = 'sora-2' }
        @{ Provider = 'NanoGPT'; Csv = 'nanogpt-prompts.csv'; EnvVar = 'NANOGPT_API_KEY'; BadRows = 1; HasBalance = $true; Model = 'veo2-video' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    Import-Module -Name (Get-TestModuleManifest) -Force
    $Sandbox = Start-TestSandbox -Name 'providers'
    $Listed = @(Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/providers" -UseBasicParsing | ForEach-Object { $_ })
    $Examples = Join-Path (Get-TestRepoRoot) 'examples'

    function Connect-TestProvider {
        param([Parameter(Mandatory)][string]$Provider)
        $entry = $Listed | Where-Object { $_.name -eq $Provider }
        Connect-SmartlyQ -Provider $Provider -BaseUri $entry.baseUri -ApiKey (ConvertTo-TestSecureKey $entry.apiKey) -PassThru
    }

    function Get-ProviderCharge {
        param([Parameter(Mandatory)][string]$Provider)
        @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.provider -eq $Provider -and $_.kind -eq 'charge' })
    }

    # A 1x1 PNG: enough for every emulator's image check.
    $PngPath = Join-Path $TestDrive 'frame.png'
    [System.IO.File]::WriteAllBytes($PngPath, [Convert]::FromBase64String(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='))
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Connect-SmartlyQ -Provider <Provider>' -ForEach $Providers {
    It 'connects with the base URI and key the sandbox lists, and the connection shows its provider' {
        $connection = Connect-TestProvider -Provider $Provider
        $connection.ProviderName | Should -Be $Provider
        ($connection | Out-String) | Should -Match $Provider
    }

    It "takes the key from $EnvVar when no -ApiKey is given" {
        $entry = $Listed | Where-Object { $_.name -eq $Provider }
        $saved = [Environment]::GetEnvironmentVariable($EnvVar)
        try {
            [Environment]::SetEnvironmentVariable($EnvVar, $entry.apiKey)
            $connection = Connect-SmartlyQ -Provider $Provider -BaseUri $entry.baseUri -PassThru
            $connection.ProviderName | Should -Be $Provider
        }
        finally {
            [Environment]::SetEnvironmentVariable($EnvVar, $saved)
        }
    }

    It 'refuses a key of another format, naming the provider and never echoing the key' {
        $entry = $Listed | Where-Object { $_.name -eq $Provider }
        $wrong = 'not-a-key-0123456789abcdef'
        { Connect-SmartlyQ -Provider $Provider -BaseUri $entry.baseUri -ApiKey (ConvertTo-TestSecureKey $wrong) } |
            Should -Throw -ExpectedMessage "*$Provider*"
        try { Connect-SmartlyQ -Provider $Provider -BaseUri $entry.baseUri -ApiKey (ConvertTo-TestSecureKey $wrong) } catch { $text = Get-ErrorText $_ }
        $text | Should -Not -Match $wrong
    }
}

Describe 'Tab completion of -Provider' {
    It 'offers every registered provider' {
        $line = 'Connect-SmartlyQ -Provider '
        $names = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText })
        foreach ($name in 'SmartlyQ', 'OpenAI', 'NanoGPT') { $names | Should -Contain $name }
    }
}

Describe 'The main pipeline over <Provider>' -ForEach $Providers {
    BeforeAll {
        $null = Connect-TestProvider -Provider $Provider
        $csv = Join-Path $Examples $Csv
        $rows = @(Import-Csv -LiteralPath $csv)
        $before = (Get-ProviderCharge -Provider $Provider).Count
        $folder = Join-Path $TestDrive $Provider
        $null = New-Item -ItemType Directory -Path $folder
        $files = @(Import-Csv -LiteralPath $csv |
            New-SqVideo -ErrorVariable submitErrors -ErrorAction SilentlyContinue |
            Wait-SqJob -PollIntervalSec 1 -TimeoutSec 300 |
            Save-SqVideo -Path $folder)
        $charges = @(Get-ProviderCharge -Provider $Provider | Select-Object -Skip $before)
    }

    It 'saves one valid MP4 per accepted row; every other row is one reported error' {
        $files.Count | Should -Be ($rows.Count - $BadRows)
        $submitErrors.Count | Should -Be $BadRows
        foreach ($file in $files) {
            $bytes = [System.IO.File]::ReadAllBytes($file.FullName)
            [System.Text.Encoding]::ASCII.GetString($bytes, 4, 4) | Should -Be 'ftyp'
            $expected = Get-SandboxVideoHash -Sandbox $Sandbox -JobUid $file.BaseName
            (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $expected.sha256
        }
    }

    It 'charged exactly one job per saved video and nothing for the bad rows' {
        $charges.Count | Should -Be $files.Count
        foreach ($file in $files) {
            @($charges | Where-Object { $_.job_uid -eq $file.BaseName }).Count | Should -Be 1
        }
    }

    It 'names the field and the allowed values in each bad row''s error' {
        foreach ($record in $submitErrors) {
            $text = Get-ErrorText $record
            $text | Should -Match 'Duration|AspectRatio|NegativePrompt'
            $record.TargetObject | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'What a provider cannot express' {
    It 'refuses -NegativePrompt on OpenAI as a row error naming OpenAI and the field, sending nothing' {
        $null = Connect-TestProvider -Provider 'OpenAI'
        $before = (Get-ProviderCharge -Provider 'OpenAI').Count
        $job = New-SqVideo -Model sora-2 -Prompt 'A kite over a beach' -NegativePrompt 'blurry' -ErrorVariable bad -ErrorAction SilentlyContinue
        $job | Should -BeNullOrEmpty
        $bad.Count | Should -Be 1
        Get-ErrorText $bad[0] | Should -Match 'OpenAI'
        Get-ErrorText $bad[0] | Should -Match 'NegativePrompt'
        (Get-ProviderCharge -Provider 'OpenAI').Count | Should -Be $before
    }

    It 'says -ImagePath needs a public URL on SmartlyQ, sending nothing' {
        $null = Connect-TestProvider -Provider 'SmartlyQ'
        $job = New-SqVideo -Model kling-v2-1 -Type image_to_video -Prompt 'The frame comes alive' -ImagePath $PngPath -ErrorVariable bad -ErrorAction SilentlyContinue
        $job | Should -BeNullOrEmpty
        $bad.Count | Should -Be 1
        Get-ErrorText $bad[0] | Should -Match 'ImageUrl|public URL'
    }
}

Describe '-ImagePath on <Provider>' -ForEach @(
    @{ Provider = 'OpenAI'; Model = 'sora-2' }
    @{ Provider = 'NanoGPT'; Model = 'veo2-video' }
) {
    It 'sends the local image and gets a video back' {
        $null = Connect-TestProvider -Provider $Provider
        $folder = Join-Path $TestDrive "image-$Provider"
        $null = New-Item -ItemType Directory -Path $folder
        $file = New-SqVideo -Model $Model -Type image_to_video -Prompt 'The frame comes alive' -ImagePath $PngPath |
            Wait-SqJob -PollIntervalSec 1 -TimeoutSec 300 | Save-SqVideo -Path $folder
        $file | Should -BeOfType 'System.IO.FileInfo'
        [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($file.FullName), 4, 4) | Should -Be 'ftyp'
    }
}

Describe 'Get-SqBalance over <Provider>' -ForEach $Providers {
    It 'shows the balance where the provider has one, otherwise says it is not supported by the provider' {
        $null = Connect-TestProvider -Provider $Provider
        if ($HasBalance) {
            $balance = Get-SqBalance
            $balance | Should -Not -BeNullOrEmpty
        }
        else {
            { Get-SqBalance -ErrorAction Stop } | Should -Throw -ExpectedMessage "*not supported by $Provider*"
        }
    }
}

Describe 'Running a batch again with -BatchId over <Provider>' -ForEach $Providers {
    It 'submits nothing that already has a job, and returns those jobs' {
        $null = Connect-TestProvider -Provider $Provider
        $batch = 'pester-' + [guid]::NewGuid().ToString('N')
        $journal = Join-Path $TestDrive "journal-$Provider"
        $rowsCsv = New-CsvFile -Name "batch-$Provider.csv" -Lines @(
            'model,prompt'
            "$Model,A paper lantern rising over a lake ($batch)"
            "$Model,A paper lantern rising over a lake ($batch)"
        )
        $before = (Get-ProviderCharge -Provider $Provider).Count
        $first = @(Import-Csv -LiteralPath $rowsCsv | New-SqVideo -BatchId $batch -JournalPath $journal)
        $second = @(Import-Csv -LiteralPath $rowsCsv | New-SqVideo -BatchId $batch -JournalPath $journal)
        $first.Count | Should -Be 2
        (Get-ProviderCharge -Provider $Provider).Count - $before | Should -Be 2
        @($second | ForEach-Object { $_.JobUid } | Sort-Object) | Should -Be @($first | ForEach-Object { $_.JobUid } | Sort-Object)
        $second | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 300 | ForEach-Object { $_.Status.ToString() } | Should -Be @('Succeeded', 'Succeeded')
    }
}
