#Requires -Version 5.1
# Pester 5: a CSV cell with CR/LF must not become extra request headers; the row is an error, costs nothing, and the
# next row is submitted. Runs the built module (out/SmartlyQ.Video) against the local sandbox API.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    $RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    $ModuleManifest = Join-Path $RepoRoot 'out/SmartlyQ.Video/SmartlyQ.Video.psd1'
    $LivePlain = 'sqk_live_sandbox_00000000000000000000'
    $LiveKey = ConvertTo-SecureString -String $LivePlain -AsPlainText -Force

    if (-not (Test-Path -LiteralPath $ModuleManifest)) {
        & (Join-Path $RepoRoot 'build.ps1') -Task Build
    }
    Import-Module -Name $ModuleManifest -Force

    # Built and run from its DLL so that Stop-Process ends the server itself ('dotnet run' would leave a child running).
    $SandboxDir = Join-Path ([System.IO.Path]::GetTempPath()) ('sq-pester-hygiene-' + [guid]::NewGuid().ToString('N'))
    $buildLog = & dotnet build (Join-Path $RepoRoot 'src/SmartlyQ.Video.Sandbox') -c Release -o $SandboxDir --nologo
    if ($LASTEXITCODE -ne 0) {
        throw "Building the sandbox failed:`n$($buildLog -join [Environment]::NewLine)"
    }

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()

    $ApiRoot = "http://127.0.0.1:$port"
    $BaseUri = "$ApiRoot/v1"
    $sandboxArguments = '"' + (Join-Path $SandboxDir 'SmartlyQ.Video.Sandbox.dll') + '" --urls ' + $ApiRoot +
        ' --Sandbox:RateLimitPermits=100000 --Sandbox:QueuedDuration=00:00:00.2 --Sandbox:ProcessingDuration=00:00:00.5'
    $SandboxLog = Join-Path $SandboxDir 'sandbox.log'
    $Sandbox = Start-Process -FilePath 'dotnet' -ArgumentList $sandboxArguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $SandboxLog -RedirectStandardError (Join-Path $SandboxDir 'sandbox.err.log')

    $deadline = (Get-Date).AddSeconds(60)
    while ($true) {
        if ($Sandbox.HasExited) {
            throw "The sandbox exited with code $($Sandbox.ExitCode); see $SandboxLog."
        }
        try {
            Invoke-RestMethod -Uri "$BaseUri/me" -Headers @{ Authorization = "Bearer $LivePlain" } -UseBasicParsing -TimeoutSec 5 | Out-Null
            break
        }
        catch {
            if ((Get-Date) -gt $deadline) {
                Stop-Process -Id $Sandbox.Id -Force -ErrorAction SilentlyContinue
                throw "The sandbox did not answer $BaseUri/me within 60 seconds; see $SandboxLog."
            }
            Start-Sleep -Milliseconds 500
        }
    }

    function Get-Ledger {
        Invoke-RestMethod -Uri "$ApiRoot/sandbox/ledger" -UseBasicParsing
    }

    function Get-ErrorId {
        # FullyQualifiedErrorId is "<ErrorId>,<cmdlet class>".
        param([System.Management.Automation.ErrorRecord]$ErrorRecord)
        $ErrorRecord.FullyQualifiedErrorId.Split(',')[0]
    }

    Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
}

AfterAll {
    if ($null -ne $Sandbox -and -not $Sandbox.HasExited) {
        Stop-Process -Id $Sandbox.Id -Force
        $Sandbox.WaitForExit(10000) | Out-Null
    }
    if ($null -ne $SandboxDir) {
        Remove-Item -LiteralPath $SandboxDir -Recurse -Force -ErrorAction SilentlyContinue
    }
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

        $ledger = Get-Ledger
        @($ledger.entries | Where-Object { $_.idempotency_key -like "hyg-$tag-bad*" }).Count | Should -Be 0
        @($ledger.entries | Where-Object { $_.idempotency_key -eq $goodKey -and $_.job_uid -eq $jobs[0].JobUid }).Count | Should -Be 1
    }

    It 'stops before the first row when -BatchId holds a line break, and nothing is charged' {
        $tag = [guid]::NewGuid().ToString('N').Substring(0, 12)
        $before = @((Get-Ledger).entries).Count

        { [pscustomobject]@{ model = 'kling-v2-1'; prompt = "Header hygiene $tag batch row" } |
            New-SqVideo -BatchId "batch-$tag`r`nX-Evil: 1" -ErrorAction Stop } | Should -Throw -ExpectedMessage '*BatchId*control character*'

        @((Get-Ledger).entries).Count | Should -Be $before
    }
}
