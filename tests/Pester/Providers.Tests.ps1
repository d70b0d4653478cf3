#Requires -Version 5.1
# The same cmdlets over every provider the sandbox emulates: Connect-SmartlyQ -Provider, the model catalog, the main
# pipeline with each provider's example CSV (one charge per valid row, zero-cost row errors naming the provider's
# limits, valid MP4s), Get-SqBalance where the provider has one, and keys from each provider's environment variable.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeDiscovery {
    # Rows: the provider, its example CSV, the field (a pattern) each of its bad rows is refused for,
    # whether it has a wallet, its key variable, and a key in a format that provider refuses (null: it has no rule).
    $ProviderCases = @(
        @{ Name = 'SmartlyQ'; Csv = 'prompts.csv'; BadFields = @('aspect_ratio'); HasBalance = $true; KeyVariable = 'SMARTLYQ_API_KEY'; ForeignKey = 'sk-proj-not-a-smartlyq-key-000000' }
        @{ Name = 'OpenAI'; Csv = 'openai-prompts.csv'; BadFields = @('duration', 'negative_?prompt'); HasBalance = $false; KeyVariable = 'OPENAI_API_KEY'; ForeignKey = 'sqk_live_not_an_openai_key_0000000' }
        @{ Name = 'NanoGPT'; Csv = 'nanogpt-prompts.csv'; BadFields = @('duration'); HasBalance = $true; KeyVariable = 'NANOGPT_API_KEY'; ForeignKey = 'sqk_live_not_a_nanogpt_key_00000000' }
        @{ Name = 'NewApi'; Csv = 'newapi-prompts.csv'; BadFields = @('aspect_?ratio', 'duration'); HasBalance = $false; KeyVariable = 'NEWAPI_API_KEY'; ForeignKey = $null }
        @{ Name = 'Kling'; Csv = 'kling-prompts.csv'; BadFields = @('seed', 'duration'); HasBalance = $false; KeyVariable = 'KLING_API_KEY'; ForeignKey = 'sqk_live_not_a_kling_key_000000000' }
        @{ Name = 'Jimeng'; Csv = 'jimeng-prompts.csv'; BadFields = @('negative_?prompt', 'duration'); HasBalance = $false; KeyVariable = 'JIMENG_API_KEY'; ForeignKey = 'sqk_live_not_a_jimeng_key_000000000' }
        @{ Name = 'A4F'; Csv = 'a4f-prompts.csv'; BadFields = @('duration', 'negative_?prompt'); HasBalance = $false; KeyVariable = 'A4F_API_KEY'; ForeignKey = 'sk-proj-not-an-a4f-key-0000000000000' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $Sandbox = Start-TestSandbox -Name 'providers'
    # Windows PowerShell hands a JSON array over as one object: unroll it either way.
    $Emulated = @(Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/providers" -UseBasicParsing | ForEach-Object { $_ })

    function Get-EmulatedProvider {
        param([Parameter(Mandatory)][string]$Name)
        $found = @($Emulated | Where-Object { $_.name -eq $Name })
        if ($found.Count -ne 1) { throw "The sandbox does not list provider '$Name'." }
        $found[0]
    }
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Provider <Name>' -ForEach $ProviderCases {
    BeforeAll {
        $emulator = Get-EmulatedProvider -Name $Name
        $keyText = [string]$emulator.apiKey
        $key = ConvertTo-TestSecureKey $keyText
        $providerBaseUri = [string]$emulator.baseUri
    }

    Context 'Connect-SmartlyQ -Provider' {
        It 'connects with the sandbox key and shows the provider, never the key' {
            $connection = Connect-SmartlyQ -Provider $Name -ApiKey $key -BaseUri $providerBaseUri -PassThru

            $connection.Provider | Should -Be $Name
            $connection.BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $providerBaseUri.TrimEnd('/')
            ($connection | Out-String) | Should -Not -Match ([regex]::Escape($keyText))
            ($connection | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($keyText))
        }

        It 'reads the key from the provider''s own environment variable' {
            $saved = [Environment]::GetEnvironmentVariable($KeyVariable)
            try {
                [Environment]::SetEnvironmentVariable($KeyVariable, $keyText)
                (Connect-SmartlyQ -Provider $Name -BaseUri $providerBaseUri -PassThru).Provider | Should -Be $Name
            }
            finally {
                [Environment]::SetEnvironmentVariable($KeyVariable, $saved)
            }
        }

        It 'refuses a key in another provider''s format (or, with no documented format, one it never issued), without echoing it' {
            # Without a key format the API itself is the judge: its 401 must name the provider and hide the key too.
            $refused = if ($null -ne $ForeignKey) { $ForeignKey } else { 'sk-neverissuedbythisapi-000000000000' }
            $foreign = ConvertTo-SecureString -String $refused -AsPlainText -Force

            $thrown = { Connect-SmartlyQ -Provider $Name -ApiKey $foreign -BaseUri $providerBaseUri } | Should -Throw -PassThru

            $thrown.Exception.Message | Should -Match ([regex]::Escape($Name))
            (Get-ErrorText $thrown) | Should -Not -Match ([regex]::Escape($refused.Substring(8)))
        }
    }

    Context 'Get-SqVideoModel' {
        It 'lists the provider''s models, each saying where its values come from' {
            Connect-SmartlyQ -Provider $Name -ApiKey $key -BaseUri $providerBaseUri
            $models = @(Get-SqVideoModel)

            $models.Count | Should -BeGreaterThan 0
            foreach ($model in $models) {
                $model.Provider | Should -Be $Name
                $model.Source | Should -Not -BeNullOrEmpty
            }
        }
    }

    Context 'Get-SqBalance' {
        It 'reports the wallet, or says the provider has none' {
            Connect-SmartlyQ -Provider $Name -ApiKey $key -BaseUri $providerBaseUri
            if ($HasBalance) {
                $balance = Get-SqBalance
                $balance | Should -Not -BeNullOrEmpty
                $balance.Currency | Should -Not -BeNullOrEmpty
            }
            else {
                $thrown = { Get-SqBalance -ErrorAction Stop } | Should -Throw -PassThru
                $thrown.Exception.Message | Should -Match ('not supported by ' + [regex]::Escape($Name))
            }
        }
    }

    Context 'Import-Csv | New-SqVideo | Wait-SqJob | Save-SqVideo' {
        BeforeAll {
            Connect-SmartlyQ -Provider $Name -ApiKey $key -BaseUri $providerBaseUri
            $csvPath = Join-Path (Get-TestRepoRoot) ('examples/' + $Csv)
            $rows = @(Import-Csv -LiteralPath $csvPath)
            $folder = New-TestFolder -Name $Name
            $submitErrors = @()
            $files = @(Import-Csv -LiteralPath $csvPath |
                New-SqVideo -JournalPath (New-TestFolder -Name "$Name-journal") -ErrorVariable submitErrors -ErrorAction SilentlyContinue |
                Wait-SqJob -PollIntervalSec 1 -TimeoutSec 300 |
                Save-SqVideo -Path $folder)
        }

        It 'saves one playable MP4 per valid row' {
            $files.Count | Should -Be ($rows.Count - $BadFields.Count)
            foreach ($file in $files) {
                $file.Extension | Should -Be '.mp4'
                $bytes = [System.IO.File]::ReadAllBytes($file.FullName)
                $bytes.Length | Should -BeGreaterThan 1000
                [System.Text.Encoding]::ASCII.GetString($bytes, 4, 4) | Should -Be 'ftyp'
                # A Kling image2video uid is i2v-<task id> (it names the route to poll); the sandbox knows the task id.
                $expected = Get-SandboxVideoHash -Sandbox $Sandbox -JobUid ($file.BaseName -replace '^i2v-', '')
                (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $expected.sha256
            }
        }

        It 'reports each bad row as its own error naming the field, and goes on' {
            $submitErrors.Count | Should -Be $BadFields.Count
            $texts = @($submitErrors | ForEach-Object { $_.Exception.Message })
            foreach ($field in $BadFields) {
                @($texts | Where-Object { $_ -match $field }).Count | Should -BeGreaterThan 0 -Because "a row is refused for $field"
            }
            foreach ($record in $submitErrors) { $record.TargetObject | Should -Not -BeNullOrEmpty }
        }

        It 'charged each saved video exactly once and the bad rows nothing' {
            $charges = @((Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/ledger?provider=$Name" -UseBasicParsing).entries |
                Where-Object { $_.kind -eq 'charge' })
            foreach ($file in $files) {
                @($charges | Where-Object { $_.job_uid -eq ($file.BaseName -replace '^i2v-', '') }).Count | Should -Be 1
            }
            # Earlier contexts of this provider submit nothing, so every charge is one of this batch's.
            $charges.Count | Should -Be $files.Count
        }

        It 'leaves no partial or temporary file behind' {
            @(Get-ChildItem -LiteralPath $folder -Force | Where-Object { $_.Extension -ne '.mp4' }).Count | Should -Be 0
        }
    }
}
