#Requires -Version 5.1
# Pester 5: a CSV cell with CR/LF must not become extra request headers; the row is an error, costs nothing, and the
# next row is submitted. Runs the built module (out/SmartlyQ.Video) against the local sandbox API.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $Sandbox = Start-TestSandbox -Name 'hygiene'
    $BaseUri = $Sandbox.BaseUri
    $LiveKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Live)

    Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Header hygiene of New-SqVideo' {
    It 'refuses an idempotency_key cell holding CRLF and X-Evil as a row error, charges nothing for it, and submits the next row' {
        $tag = [guid]::NewGuid().ToString('N').Substring(0, 12)
        $badKey = "hyg-$tag-bad`r`nX-Evil: 1"
        $goodKey = "hyg-$tag-good"
        # The quoted cell keeps its CRLF through Import-Csv, as a spreadsheet export would.
        $csvPath = Join-Path $TestDrive "hygiene-$tag.csv"
        $csvText = "model,prompt,idempotency_key`r`n" +
            "kling-v2-1,Header hygiene $tag injected row,""$badKey""`r`n" +
            "kling-v2-1,Header hygiene $tag next row,$goodKey`r`n"
        [System.IO.File]::WriteAllText($csvPath, $csvText, (New-Object System.Text.UTF8Encoding($false)))
        (Import-Csv -LiteralPath $csvPath)[0].idempotency_key | Should -Be $badKey

        $rowErrors = $null
        $jobs = @(Import-Csv -LiteralPath $csvPath | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        @($rowErrors).Count | Should -Be 1
        Get-ErrorId $rowErrors[0] | Should -Be 'VALIDATION_ERROR'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $rowErrors[0].Exception.ParamName | Should -Be 'idempotency_key'
        $rowErrors[0].Exception.Message | Should -BeLike '*nothing charged*idempotency_key*CR (U+000D)*X-Idempotency-Key*'
        $rowErrors[0].Exception.Message | Should -Not -Match "`r|`n"
        $jobs.Count | Should -Be 1
        $jobs[0].IdempotencyKey | Should -Be $goodKey

        $ledger = Get-Ledger -Sandbox $Sandbox
        @($ledger.entries | Where-Object { $_.idempotency_key -like "hyg-$tag-bad*" }).Count | Should -Be 0
        @($ledger.entries | Where-Object { $_.idempotency_key -eq $goodKey -and $_.job_uid -eq $jobs[0].JobUid }).Count | Should -Be 1
    }

    It 'stops before the first row when -BatchId holds a line break, and nothing is charged' {
        $tag = [guid]::NewGuid().ToString('N').Substring(0, 12)
        $before = Get-LedgerEntryCount -Sandbox $Sandbox

        { [pscustomobject]@{ model = 'kling-v2-1'; prompt = "Header hygiene $tag batch row" } |
            New-SqVideo -BatchId "batch-$tag`r`nX-Evil: 1" -ErrorAction Stop } | Should -Throw -ExpectedMessage '*BatchId*control character*'

        Get-LedgerEntryCount -Sandbox $Sandbox | Should -Be $before
    }
}
