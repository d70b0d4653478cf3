#Requires -Version 5.1
# Get-SqBalance against the sandbox: the wallet of the default or given connection, how live submissions move it,
# display, API failures (terminating), -Verbose retries and Ctrl+C. Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $Sandbox = Start-TestSandbox -Name 'balance'
    $BaseUri = $Sandbox.BaseUri
    $LivePlain = Get-TestKeyText -Mode Live
    $LiveKey = ConvertTo-TestSecureKey $LivePlain
    $TestKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Test)
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Get-SqBalance' {
    It 'returns the wallet of the default connection' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        # The live key's wallet starts at 100 SQC; one job makes it smaller.
        $null = New-SqVideo -Model kling-v2-1 -Prompt 'A first paid job' -Duration 5

        $balance = Get-SqBalance

        $balance | Should -BeOfType 'SmartlyQ.Video.Core.Models.WalletBalance'
        $balance.Currency | Should -Be 'SQC'
        $balance.Balance | Should -BeLessThan 100
    }

    It 'uses -Connection over the default' {
        $test = Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -PassThru
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri

        (Get-SqBalance -Connection $test).Balance | Should -Be 100
    }

    It 'drops by the cost of each live job, to what the job says remains' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        $before = (Get-SqBalance).Balance

        $job = New-SqVideo -Model kling-v2-1 -Prompt 'A paid paper boat' -Duration 10
        $after = (Get-SqBalance).Balance

        $job.Cost | Should -Be ([decimal]0.56)
        $after | Should -Be ($before - $job.Cost)
        $job.BalanceRemaining | Should -Be $after
    }

    It 'never moves for a test key' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri

        $null = New-SqVideo -Model veo-3 -Prompt 'A free hummingbird' -Duration 8

        (Get-SqBalance).Balance | Should -Be 100
    }

    It 'shows the balance with four decimals and its currency' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri

        $text = Get-SqBalance | Out-String -Width 200

        $text | Should -Match 'Balance\s+Purchased\s+Monthly\s+Currency\s+MonthlyResetAt'
        $text | Should -Match '100\.0000\s+100\.0000\s+0\.0000\s+SQC'
    }

    It 'stops with NotConnected in a runspace that never connected' {
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $null = $ps.AddScript('try { Get-SqBalance; "no error" } catch { $_ }')
            $result = @($ps.Invoke())
        }
        finally {
            $ps.Dispose()
        }

        Get-ErrorId $result[0] | Should -Be 'NotConnected'
        $result[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $result[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-SmartlyQ'
    }
}

Describe 'Get-SqBalance against a failing API' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'stops with RATE_LIMIT_EXCEEDED after the retries, writing each retry with -Verbose' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -MaximumRetryCount 1
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ 'GET /v1/me/balance' = @{ RateLimitBurstRate = 1 } } }

        $out = @(& { try { Get-SqBalance -Verbose 4>&1 } catch { $_ } })
        $thrown = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { "$_" })

        $thrown.Count | Should -Be 1
        Get-ErrorId $thrown[0] | Should -Be 'RATE_LIMIT_EXCEEDED'
        $thrown[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $thrown[0].TargetObject | Should -BeOfType 'SmartlyQ.Video.Core.Connections.SmartlyQConnection'
        $thrown[0].Exception.Message | Should -Match '^Get-SqBalance: '
        @($verbose | Where-Object { $_ -like 'Retry 1/1 of GET /me/balance after 429*' }).Count | Should -Be 1
        (Get-ErrorText $thrown) + ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($LivePlain))
    }

    It 'stops with a ConnectionError for a server error' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -MaximumRetryCount 0
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ 'GET /v1/me/balance' = @{ ServerErrorRate = 1 } } }

        $thrown = { Get-SqBalance } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Match '^(INTERNAL_ERROR|HTTP_502|HTTP_503)$'
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'stops at once on Ctrl+C while the API is slow, writing nothing' {
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ 'GET /v1/me/balance' = @{ SlowResponseRate = 1; SlowResponseDelay = '00:01:00' } } }
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri
        try {
            $null = $ps.AddCommand('Get-SqBalance')
            $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            Wait-TestCondition { (Get-SandboxChaosCount -Sandbox $Sandbox -Kind slow_response) -ge 1 } -TimeoutSec 30 | Should -BeTrue

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $output.Count | Should -Be 0
            $ps.Streams.Error.Count | Should -Be 0
        }
        finally {
            $ps.Dispose()
        }
    }
}
