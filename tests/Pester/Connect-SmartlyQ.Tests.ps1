#Requires -Version 5.1
# Connect-SmartlyQ against the sandbox: where the key comes from, the per-runspace default, every error a user can
# cause (bad key, bad -BaseUri, unreachable or failing API, bad parameter values), -Verbose, and Ctrl+C.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $Sandbox = Start-TestSandbox -Name 'connect'
    $BaseUri = $Sandbox.BaseUri
    $LivePlain = Get-TestKeyText -Mode Live
    $LiveKey = ConvertTo-TestSecureKey $LivePlain
    $TestKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Test)
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Connect-SmartlyQ' {
    It 'checks a live key and returns the connection only with -PassThru' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri | Should -BeNullOrEmpty

        $connection = Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -PassThru

        $connection | Should -BeOfType 'SmartlyQ.Video.Core.Connections.SmartlyQConnection'
        $connection.KeyMode.ToString() | Should -Be 'Live'
        $connection.Account.Name | Should -Be 'Sandbox User'
        ($connection | Out-String) | Should -Not -Match 'sqk_live_sandbox_0'
    }

    It 'takes the key from -Credential' {
        $credential = New-Object System.Management.Automation.PSCredential ('ignored', $TestKey)

        (Connect-SmartlyQ -Credential $credential -BaseUri $BaseUri -PassThru).KeyMode.ToString() | Should -Be 'Test'
    }

    It 'falls back to SMARTLYQ_API_KEY' {
        $saved = $env:SMARTLYQ_API_KEY
        try {
            $env:SMARTLYQ_API_KEY = 'sqk_test_sandbox_00000000000000000000'
            (Connect-SmartlyQ -BaseUri $BaseUri -PassThru).KeyMode.ToString() | Should -Be 'Test'
        }
        finally {
            $env:SMARTLYQ_API_KEY = $saved
        }
    }

    It 'stops with an authentication error, and the request id, for a key the API rejects' {
        $wrong = ConvertTo-SecureString -String 'sqk_live_wrong_0000000000000000000000' -AsPlainText -Force

        $thrown = { Connect-SmartlyQ -ApiKey $wrong -BaseUri $BaseUri } | Should -Throw -PassThru

        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        Get-ErrorId $thrown | Should -Be 'UNAUTHORIZED'
        $thrown.ErrorDetails.Message | Should -Match 'request id req_'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'Connect-SmartlyQ'
        ($thrown | Out-String) | Should -Not -Match 'sqk_live_wrong'
        (Get-ErrorText $thrown) | Should -Not -Match 'wrong_0000000000000000000000'
        $thrown.TargetObject | Should -Be $BaseUri
    }

    It 'stops with a clear error for a malformed key' {
        $malformed = ConvertTo-SecureString -String 'not-a-key' -AsPlainText -Force

        $thrown = { Connect-SmartlyQ -ApiKey $malformed -BaseUri $BaseUri } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'ApiKeyInvalid'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'keeps the default connection per runspace: a new runspace must connect first' {
        # Connected in this runspace (above); a second runspace in the same process must not see that connection.
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript('param($Manifest) Import-Module $Manifest; try { Get-SqBalance; "no error" } catch { $_ }').AddArgument($ModuleManifest)
            $result = @($ps.Invoke())
        }
        finally {
            $ps.Dispose()
        }

        $result.Count | Should -Be 1
        $result[0] | Should -BeOfType 'System.Management.Automation.ErrorRecord'
        Get-ErrorId $result[0] | Should -Be 'NotConnected'
        $result[0].Exception.Message | Should -Match 'Connect-SmartlyQ'
    }

    It 'gives a -PassThru connection to -Connection in a runspace that never connected' {
        $connection = Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -PassThru
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $null = $ps.AddCommand('Get-SqBalance').AddParameter('Connection', $connection)
            $balance = @($ps.Invoke())

            $ps.Streams.Error.Count | Should -Be 0
            $balance.Count | Should -Be 1
            $balance[0].Balance | Should -Be 100
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'makes the last connection the default of the runspace' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri

        # Submitting with the test key costs nothing: the live key's wallet is not touched.
        $job = New-SqVideo -Model kling-v2-1 -Prompt 'Which key is the default?' -Duration 5

        $job.Cost | Should -Be 0
        @((Get-Ledger -Sandbox $Sandbox -JobUid $job.JobUid).entries)[0].key_mode | Should -Be 'test'
    }
}

Describe 'Connect-SmartlyQ key errors' {
    # Each is terminating, costs nothing and never shows the key, not even in part.
    It 'refuses -ApiKey <Case> as ApiKeyInvalid without echoing it' -ForEach @(
        @{ Case = 'without the sqk_ prefix'; Key = 'mysecretvalue123'; Secret = 'mysecretvalue123' }
        @{ Case = 'with an upper-case prefix'; Key = 'SQK_LIVE_Upper0123456789'; Secret = 'Upper0123456789' }
        @{ Case = 'with a space inside'; Key = 'sqk_live_has space0123'; Secret = 'space0123' }
        @{ Case = 'of a pasted bearer header'; Key = 'Bearer sqk_live_pasted0123456789'; Secret = 'pasted0123456789' }
        @{ Case = 'that is only the live prefix'; Key = 'sqk_live_'; Secret = $null }
        @{ Case = 'that is empty'; Key = ' '; Secret = $null }
    ) {
        $secure = ConvertTo-SecureString -String $Key -AsPlainText -Force

        $thrown = { Connect-SmartlyQ -ApiKey $secure -BaseUri $BaseUri } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'ApiKeyInvalid'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -Match 'ApiKey'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'sqk_live_ or sqk_test_'
        $thrown.TargetObject | Should -BeNullOrEmpty
        if ($Secret) {
            (Get-ErrorText $thrown) | Should -Not -Match ([regex]::Escape($Secret))
        }
    }

    It 'refuses a malformed key in SMARTLYQ_API_KEY without echoing it' {
        $saved = $env:SMARTLYQ_API_KEY
        try {
            $env:SMARTLYQ_API_KEY = 'env-secret-0123456789'
            $thrown = { Connect-SmartlyQ -BaseUri $BaseUri } | Should -Throw -PassThru
        }
        finally {
            $env:SMARTLYQ_API_KEY = $saved
        }

        Get-ErrorId $thrown | Should -Be 'ApiKeyInvalid'
        $thrown.Exception.Message | Should -Match 'malformed'
        (Get-ErrorText $thrown) | Should -Not -Match 'env-secret-0123456789'
    }

    It 'says where a key can come from when there is none' {
        $saved = $env:SMARTLYQ_API_KEY
        try {
            $env:SMARTLYQ_API_KEY = $null
            $thrown = { Connect-SmartlyQ -BaseUri $BaseUri } | Should -Throw -PassThru
        }
        finally {
            $env:SMARTLYQ_API_KEY = $saved
        }

        Get-ErrorId $thrown | Should -Be 'ApiKeyInvalid'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -Match '-ApiKey'
        $thrown.Exception.Message | Should -Match 'SMARTLYQ_API_KEY'
    }

    It 'refuses a -Credential whose password is not a key' {
        $credential = New-Object System.Management.Automation.PSCredential ('user', (ConvertTo-SecureString -String 'hunter2-password' -AsPlainText -Force))

        $thrown = { Connect-SmartlyQ -Credential $credential -BaseUri $BaseUri } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'ApiKeyInvalid'
        (Get-ErrorText $thrown) | Should -Not -Match 'hunter2-password'
    }

    It 'keeps the previous default connection when a connect fails' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $wrong = ConvertTo-SecureString -String 'sqk_live_unknown0123456789' -AsPlainText -Force

        { Connect-SmartlyQ -ApiKey $wrong -BaseUri $BaseUri } | Should -Throw

        (Get-SqBalance).Balance | Should -Be 100
    }
}

Describe 'Connect-SmartlyQ -BaseUri errors' {
    It 'refuses <Case> as BaseUriRejected, showing the address without credentials' -ForEach @(
        @{ Case = 'plain http to a remote host'; Uri = 'http://api.smartlyq.com/v1'; Mentions = 'https'; Secret = $null }
        @{ Case = 'plain http to a host that only starts with localhost'; Uri = 'http://localhost.evil.example/v1'; Mentions = 'https'; Secret = $null }
        @{ Case = 'an ftp: address'; Uri = 'ftp://127.0.0.1:21/v1'; Mentions = 'https'; Secret = $null }
        @{ Case = 'a user name and password in the address'; Uri = 'http://user:hunter2secret@127.0.0.1:9/v1'; Mentions = 'user name or password'; Secret = 'hunter2secret' }
        @{ Case = 'a key in the query string'; Uri = 'http://127.0.0.1:9/v1?api_key=sqk_live_query0123456789'; Mentions = 'query'; Secret = 'query0123456789' }
    ) {
        $thrown = { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Uri } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'BaseUriRejected'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -Match ([regex]::Escape($Mentions))
        $thrown.TargetObject | Should -BeOfType 'System.String'
        $thrown.TargetObject | Should -Match '^[a-z]+://'
        $text = Get-ErrorText $thrown
        $text | Should -Not -Match ([regex]::Escape($LivePlain))
        if ($Secret) {
            $text | Should -Not -Match $Secret
        }
    }

    It 'reports an API that cannot be reached as ConnectionFailed, after the retries' {
        # A loopback port nobody listens on: the connection is refused at once.
        $deadUri = 'http://127.0.0.1:' + (Get-FreeLoopbackPort) + '/v1'

        $thrown = { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $deadUri -MaximumRetryCount 1 -RetryIntervalSec 1 } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'ConnectionFailed'
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        $thrown.TargetObject | Should -Be $deadUri
        $thrown.Exception.Message | Should -Match 'could not be reached after retries'
        $thrown.ErrorDetails.RecommendedAction | Should -Match '-BaseUri'
        (Get-ErrorText $thrown) | Should -Not -Match ([regex]::Escape($LivePlain))
    }
}

Describe 'Connect-SmartlyQ against a failing API' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'retries a 429, says so with -Verbose, then stops with RATE_LIMIT_EXCEEDED' {
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ account = @{ RateLimitBurstRate = 1 } } }

        # The verbose lines written before the terminating error, then the error itself.
        $out = @(& { try { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -MaximumRetryCount 1 -Verbose 4>&1 } catch { $_ } })
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $thrown = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

        $thrown.Count | Should -Be 1
        $thrown = $thrown[0]
        Get-ErrorId $thrown | Should -Be 'RATE_LIMIT_EXCEEDED'
        $thrown.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'lower the request rate'
        @($verbose | Where-Object { "$_" -match '^Retry 1/1 of GET /me after 429' }).Count | Should -Be 1
        (Get-ErrorText $thrown) + ($verbose | Out-String) | Should -Not -Match ([regex]::Escape($LivePlain))
    }

    It 'gives up on an attempt after -TimeoutSec and retries it, then reports ConnectionFailed' {
        # Without the timeout the answer would take a minute.
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ account = @{ SlowResponseRate = 1; SlowResponseDelay = '00:01:00' } } }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()

        $out = @(& { try { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -TimeoutSec 1 -MaximumRetryCount 1 -RetryIntervalSec 1 -Verbose 4>&1 } catch { $_ } })
        $watch.Stop()
        $thrown = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        $thrown.Count | Should -Be 1
        Get-ErrorId $thrown[0] | Should -Be 'ConnectionFailed'
        $thrown[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $thrown[0].Exception.Message | Should -Match 'no answer within 1 s'
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -like 'Retry 1/1 of GET /me after timeout*' }).Count | Should -Be 1
    }

    It 'gives up after -TotalTimeoutSec whatever the retries' {
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ account = @{ SlowResponseRate = 1; SlowResponseDelay = '00:01:00' } } }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()

        $thrown = { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -TotalTimeoutSec 2 -MaximumRetryCount 10 } | Should -Throw -PassThru
        $watch.Stop()

        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        Get-ErrorId $thrown | Should -Be 'ConnectionFailed'
        $thrown.Exception.Message | Should -Match 'total timeout of 2 s'
    }

    It 'reports a server error after the retries as a ConnectionError' {
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ account = @{ ServerErrorRate = 1 } } }

        $thrown = { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -MaximumRetryCount 0 } | Should -Throw -PassThru

        # 500 with the API's JSON, or 502/503 with a gateway's HTML page: the sandbox picks one.
        Get-ErrorId $thrown | Should -Match '^(INTERNAL_ERROR|HTTP_502|HTTP_503)$'
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        $thrown.TargetObject | Should -Be $BaseUri
    }
}

Describe 'Connect-SmartlyQ parameters' {
    It 'refuses -<Parameter> <Value> before connecting' -ForEach @(
        @{ Parameter = 'MaximumRetryCount'; Value = 11 }
        @{ Parameter = 'RetryIntervalSec'; Value = 0 }
        @{ Parameter = 'TimeoutSec'; Value = 0 }
        @{ Parameter = 'TotalTimeoutSec'; Value = 86401 }
        @{ Parameter = 'RequestsPerSecond'; Value = 0 }
        @{ Parameter = 'RequestsPerSecond'; Value = 10001 }
    ) {
        $arguments = @{ ApiKey = $LiveKey; BaseUri = $BaseUri; $Parameter = $Value }

        $thrown = { Connect-SmartlyQ @arguments } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'ParameterArgumentValidationError'
        $thrown.Exception.Message | Should -Match $Parameter
    }

    It 'says with -Verbose which key mode it checks and whom it connected as, never the key' {
        $lines = @(Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -Verbose 4>&1 | ForEach-Object { "$_" })

        $lines | Should -Contain "Checking the live SmartlyQ key at $BaseUri"
        @($lines | Where-Object { $_ -like 'Connected to *Live key, Sandbox User*' }).Count | Should -Be 1
        ($lines -join "`n") | Should -Not -Match ([regex]::Escape($LivePlain))
    }
}

Describe 'Connect-SmartlyQ and Ctrl+C' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'stops waiting for a slow API at once and stores no connection' {
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ account = @{ SlowResponseRate = 1; SlowResponseDelay = '00:01:00' } } }
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $null = $ps.AddScript('param($Key, $BaseUri) Connect-SmartlyQ -ApiKey (ConvertTo-SecureString -String $Key -AsPlainText -Force) -BaseUri $BaseUri').AddArgument($LivePlain).AddArgument($BaseUri)
            $handle = $ps.BeginInvoke()
            # The request is waiting at the sandbox once chaos counts it as slow.
            Wait-TestCondition { (Get-SandboxChaosCount -Sandbox $Sandbox -Kind slow_response) -ge 1 } -TimeoutSec 30 | Should -BeTrue

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $handle.IsCompleted | Should -BeTrue

            $ps.Commands.Clear()
            $null = $ps.AddScript('try { Get-SqBalance } catch { $_ }')
            $after = @($ps.Invoke())
            Get-ErrorId $after[0] | Should -Be 'NotConnected'
        }
        finally {
            $ps.Dispose()
        }
    }
}
