#Requires -Version 5.1
# The pipeline users run, end to end: Import-Csv | New-SqVideo | Wait-SqJob | Save-SqVideo, against a sandbox with
# fast jobs and one where half the jobs fail; running a batch again with -BatchId; Ctrl+C in the middle.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $ExamplesCsv = Join-Path (Get-TestRepoRoot) 'examples/prompts.csv'
    $Sandbox, $Flaky = Start-TestSandbox -Set @(
        @{ Name = 'pipeline' }
        @{ Name = 'pipeline-flaky'; Argument = @('--Sandbox:FailureRate=0.5', '--Sandbox:Seed=3') }
    )
    $BaseUri = $Sandbox.BaseUri
    $LivePlain = Get-TestKeyText -Mode Live
    $LiveKey = ConvertTo-TestSecureKey $LivePlain
    $TestKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Test)
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'The main pipeline: Import-Csv | New-SqVideo | Wait-SqJob | Save-SqVideo' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        $rows = @(Import-Csv -LiteralPath $ExamplesCsv)
        $files = @(Import-Csv -LiteralPath $ExamplesCsv |
            New-SqVideo -ErrorVariable submitErrors -ErrorAction SilentlyContinue |
            Wait-SqJob -PollIntervalSec 1 -TimeoutSec 300 |
            Save-SqVideo -Path $TestDrive)
    }

    It 'saves one MP4 per accepted row; every other row is a reported error' {
        $files.Count | Should -BeGreaterThan 0
        ($files.Count + $submitErrors.Count) | Should -Be $rows.Count
        foreach ($file in $files) {
            $file | Should -BeOfType 'System.IO.FileInfo'
            $file.Extension | Should -Be '.mp4'
            $file.DirectoryName | Should -Be (Get-Item -LiteralPath $TestDrive).FullName
            $bytes = [System.IO.File]::ReadAllBytes($file.FullName)
            [System.Text.Encoding]::ASCII.GetString($bytes, 4, 4) | Should -Be 'ftyp'
        }
    }

    It 'charged each saved job exactly once, under its idempotency key' {
        $charges = @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' -and $_.key_mode -eq 'live' })
        foreach ($file in $files) {
            @($charges | Where-Object { $_.job_uid -eq $file.BaseName }).Count | Should -Be 1
        }
    }

    It 'refused exactly the example row the model cannot take, naming it' {
        # examples/prompts.csv has one kling-v2-1 row with aspect_ratio 4:3, which kling-v2-1 does not offer.
        $submitErrors.Count | Should -Be 1
        Get-ErrorId $submitErrors[0] | Should -Be 'VALIDATION_ERROR'
        $submitErrors[0].TargetObject.AspectRatio | Should -Be '4:3'
        $submitErrors[0].TargetObject.Prompt | Should -BeLike 'Product shot of a red sneaker*'
    }

    It 'saves every file byte for byte and leaves nothing else in the folder' {
        foreach ($file in $files) {
            $expected = Get-SandboxVideoHash -Sandbox $Sandbox -JobUid $file.BaseName
            (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $expected.sha256
        }
        @(Get-ChildItem -LiteralPath $TestDrive -Force -Recurse | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @($files | ForEach-Object { $_.Name } | Sort-Object)
    }
}

Describe 'Running a batch again' {
    It 'charges nothing new when the same rows run again with the same -BatchId' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        $batch = 'pester-' + [guid]::NewGuid().ToString('N')
        $csv = New-CsvFile -Name 'batch.csv' -Lines @(
            'model,prompt,duration'
            "kling-v2-1,A paper lantern rising over a lake ($batch),5"
            "kling-v2-1,A paper lantern rising over a lake ($batch),5"
        )

        $first = @(Import-Csv -LiteralPath $csv | New-SqVideo -BatchId $batch)
        $chargesAfterFirst = @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' }).Count
        $second = @(Import-Csv -LiteralPath $csv | New-SqVideo -BatchId $batch)

        $first.Count | Should -Be 2
        $first[0].JobUid | Should -Not -Be $first[1].JobUid
        @($second | ForEach-Object { $_.JobUid }) | Should -Be @($first | ForEach-Object { $_.JobUid })
        @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' }).Count | Should -Be $chargesAfterFirst
    }

    It 'runs the whole pipeline again with the same -BatchId without charging, skipping the saved files with warnings' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        $batch = 'pester-' + [guid]::NewGuid().ToString('N')
        $folder = New-TestFolder
        $csv = New-CsvFile -Name 'rerun.csv' -Lines @(
            'model,prompt,duration'
            "kling-v2-1,A harbour at dawn ($batch),5"
            "pixverse-v4-5,A harbour at dusk ($batch),5"
        )
        $first = @(Import-Csv -LiteralPath $csv | New-SqVideo -BatchId $batch | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 | Save-SqVideo -Path $folder)
        $charges = @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' }).Count

        $second = @(Import-Csv -LiteralPath $csv | New-SqVideo -BatchId $batch | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 |
            Save-SqVideo -Path $folder -WarningVariable skipWarnings -WarningAction SilentlyContinue)

        $first.Count | Should -Be 2
        $second.Count | Should -Be 0
        $skipWarnings.Count | Should -Be 2
        foreach ($file in $first) {
            @($skipWarnings | Where-Object { $_.Message -like "Skipped $($file.BaseName): *already exists*" }).Count | Should -Be 1
        }
        @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' }).Count | Should -Be $charges
    }
}

Describe 'The pipeline from objects' {
    It 'takes [pscustomobject] rows and names the files with a -FileName template' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $folder = New-TestFolder
        $rows = @(
            [pscustomobject]@{ Model = 'veo-3'; Prompt = 'A hummingbird, from an object'; Duration = 8; GenerateAudio = $true }
            [pscustomobject]@{ Model = 'seedance-1-pro'; Prompt = 'A paper boat, from an object'; Duration = 5; CameraFixed = $false }
        )

        $files = @($rows | New-SqVideo | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 | Save-SqVideo -Path $folder -FileName '{model}_{job_uid}.mp4')

        @($files | ForEach-Object { ($_.Name -split '_job_')[0] } | Sort-Object) | Should -Be @('seedance-1-pro', 'veo-3')
        foreach ($file in $files) {
            $file.Name | Should -Match '^(veo-3|seedance-1-pro)_job_[0-9a-f]+\.mp4$'
        }
    }
}

Describe 'The pipeline when some jobs fail' {
    It 'saves the completed jobs, reports each failed one by Wait-SqJob, and refunds them' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Flaky.BaseUri
        $folder = New-TestFolder
        $tag = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $lines = @('model,prompt,duration') + @(1..6 | ForEach-Object { "kling-v2-1,Take $_ $tag,5" })
        $csv = New-CsvFile -Name 'flaky.csv' -Lines $lines

        $files = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable submitErrors |
            Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 -ErrorVariable waitErrors -ErrorAction SilentlyContinue |
            Save-SqVideo -Path $folder -ErrorVariable saveErrors)

        $submitErrors.Count | Should -Be 0
        $saveErrors.Count | Should -Be 0
        $files.Count | Should -BeGreaterThan 0
        $waitErrors.Count | Should -BeGreaterThan 0
        ($files.Count + $waitErrors.Count) | Should -Be 6
        foreach ($failure in $waitErrors) {
            Get-ErrorId $failure | Should -Be 'JOB_FAILED'
            Join-Path $folder "$($failure.TargetObject.JobUid).mp4" | Should -Not -Exist
            @((Get-Ledger -Sandbox $Flaky -JobUid $failure.TargetObject.JobUid).entries | Where-Object { $_.kind -eq 'refund' }).Count | Should -Be 1
        }
        foreach ($file in $files) {
            @((Get-Ledger -Sandbox $Flaky -JobUid $file.BaseName).entries | Where-Object { $_.kind -eq 'refund' }).Count | Should -Be 0
        }
    }
}

Describe 'The pipeline and Ctrl+C' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'stops the whole pipeline at once, submits nothing more and leaves no partial file' {
        # Each submission takes 3 s at the sandbox, so the pipeline is stopped in the middle of the batch.
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ generate = @{ SlowResponseRate = 1; SlowResponseDelay = '00:00:03' } } }
        $folder = New-TestFolder
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $LivePlain
        try {
            $null = $ps.AddScript('param($Csv, $Folder) Import-Csv -LiteralPath $Csv | New-SqVideo | Wait-SqJob -PollIntervalSec 1 | Save-SqVideo -Path $Folder').AddArgument($ExamplesCsv).AddArgument($folder)
            $before = Get-LedgerEntryCount -Sandbox $Sandbox
            $handle = $ps.BeginInvoke()
            Wait-TestCondition { (Get-LedgerEntryCount -Sandbox $Sandbox) -gt $before } -TimeoutSec 30 | Should -BeTrue

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()
            $atStop = (Get-LedgerEntryCount -Sandbox $Sandbox) - $before
            Start-Sleep -Milliseconds 3500

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            ((Get-LedgerEntryCount -Sandbox $Sandbox) - $before) | Should -Be $atStop
            $atStop | Should -BeLessThan 5
            @(Get-ChildItem -LiteralPath $folder -Force -Filter '*.partial').Count | Should -Be 0
        }
        finally {
            $ps.Dispose()
        }
    }
}
