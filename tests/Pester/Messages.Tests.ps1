#Requires -Version 5.1
# Pester 5: the messages a user reads and the traces -Verbose and -Debug show. A failed job's error says the refund
# once and targets the job as it ended; a base URI without the API's version path gets a "did you mean …/v1?" hint;
# an unknown -FileName placeholder stops Save-SqVideo listing the valid ones; -Verbose shows each job's status changes
# and one line per HTTP request (retries say why), -Debug the headers, and neither ever the key.
# Runs the built module (out/SmartlyQ.Video) against two local sandboxes: one with jobs slow enough to be seen
# processing, one whose provider fails every job. Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $LivePlain = Get-TestKeyText -Mode Live
    $LiveKey = ConvertTo-TestSecureKey $LivePlain
    # The part after the prefix is as secret as the whole key.
    $KeySecretPart = $LivePlain.Substring('sqk_live_'.Length)

    # Main: queued 1 s and processing 2.5 s, so a poll each second sees every job queued, processing and completed.
    $Main, $Failing = Start-TestSandbox -Set @(
        @{ Name = 'messages-main'; Argument = @('--Sandbox:QueuedDuration=00:00:01', '--Sandbox:ProcessingDuration=00:00:02.5') }
        @{ Name = 'messages-failing'; Argument = @('--Sandbox:FailureRate=1') }
    )

    function Get-StreamText {
        # The messages of the records of one stream (verbose, debug) among what a command wrote.
        param($Records, [string]$TypeName)
        @($Records | Where-Object { $_ -is $TypeName } | ForEach-Object { $_.Message })
    }

    function Assert-NoKey {
        param([string[]]$Lines)
        foreach ($line in $Lines) {
            $line | Should -Not -BeLike "*$KeySecretPart*"
        }
    }

    function New-Row {
        param([string]$Prompt, [string]$Model = 'kling-v2-1')
        [pscustomobject]@{ model = $Model; prompt = $Prompt }
    }

    $FailingConnection = Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Failing.BaseUri -PassThru
    $Connection = Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.BaseUri -PassThru
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'A failed job''s error' {
    BeforeAll {
        $FailedErrors = $null
        $Submitted = @(New-Row 'Messages failing row' | New-SqVideo -Connection $FailingConnection)
        $Written = @($Submitted | Wait-SqJob -Connection $FailingConnection -PollIntervalSec 1 -TimeoutSec 120 -ErrorVariable FailedErrors -ErrorAction SilentlyContinue)
    }

    It 'says the refund once, as one sentence after the reason' {
        $Written.Count | Should -Be 0
        @($FailedErrors).Count | Should -Be 1
        $message = $FailedErrors[0].Exception.Message

        $message | Should -BeLike "Job $($Submitted[0].JobUid) (kling-v2-1) failed: JOB_FAILED: *"
        $message | Should -Not -Match '\.\.'
        ([regex]::Matches($message, 'refund', 'IgnoreCase')).Count | Should -Be 1
        $message | Should -Match '\.$'
        Get-ErrorId $FailedErrors[0] | Should -Be 'JOB_FAILED'
    }

    It 'targets the job as it ended (failed, with its error), not the queued job that was piped in' {
        $Submitted[0].Status | Should -Be 'Queued'
        $target = $FailedErrors[0].TargetObject

        $target | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
        $target.JobUid | Should -Be $Submitted[0].JobUid
        $target.Status | Should -Be 'Failed'
        $target.Error.Code | Should -Be 'JOB_FAILED'
        $target.Prompt | Should -Be 'Messages failing row'
        $FailedErrors[0].CategoryInfo.TargetName | Should -Be "$($target.JobUid) (failed)"
    }

    It 'targets the failed job also when only its id was given' {
        $errors = $null
        $null = Wait-SqJob -Connection $FailingConnection -JobUid $Submitted[0].JobUid -PollIntervalSec 1 -TimeoutSec 60 -ErrorVariable errors -ErrorAction SilentlyContinue

        @($errors).Count | Should -Be 1
        $errors[0].TargetObject | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
        $errors[0].TargetObject.Status | Should -Be 'Failed'
    }
}

Describe 'Connect-SmartlyQ with a base URI without the version path' {
    It 'adds a did-you-mean hint with the version path to the 404' {
        $thrown = { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.ApiRoot } | Should -Throw -PassThru

        $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $thrown.Exception.Message | Should -BeLike "*404*did you mean $($Main.ApiRoot)/v1?"
        $thrown.ErrorDetails.RecommendedAction | Should -Be "Run Connect-SmartlyQ -BaseUri $($Main.ApiRoot)/v1 (the API root includes its version path)."
        $thrown.Exception.Message | Should -Not -BeLike "*$KeySecretPart*"
    }

    It 'suggests the version path after a path prefix too' {
        $thrown = { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri "$($Main.ApiRoot)/api/" } | Should -Throw -PassThru

        $thrown.Exception.Message | Should -BeLike "*did you mean $($Main.ApiRoot)/api/v1?"
    }

    It 'gives no hint when the base URI has a version path already' {
        $thrown = { Connect-SmartlyQ -ApiKey $LiveKey -BaseUri "$($Main.ApiRoot)/v9" } | Should -Throw -PassThru

        $thrown.Exception.Message | Should -BeLike '*404*'
        $thrown.Exception.Message | Should -Not -BeLike '*did you mean*'
    }

    It 'leaves the default connection as it was' {
        (Get-SqBalance).Currency | Should -Be 'SQC'
    }
}

Describe 'Save-SqVideo -FileName placeholders' {
    BeforeAll {
        $Completed = @(New-Row 'Messages file name row' | New-SqVideo | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120)
        $Folder = Join-Path $TestDrive 'names'
        New-Item -ItemType Directory -Path $Folder | Out-Null
    }

    It 'stops before any download on an unknown placeholder, naming it and listing the valid ones' {
        $Completed.Count | Should -Be 1
        $thrown = { $Completed | Save-SqVideo -Path $Folder -FileName '{prompt}.mp4' } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'InvalidFileName'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.ParamName | Should -Be 'FileName'
        $thrown.Exception.Message | Should -BeLike "*unknown placeholder {prompt}; valid placeholders: {job_uid}, {model}*"
        @(Get-ChildItem -LiteralPath $Folder -Force).Count | Should -Be 0
    }

    It 'names every unknown placeholder once' {
        $thrown = { $Completed | Save-SqVideo -Path $Folder -FileName '{date}-{prompt}-{date}-{job_uid}.mp4' } | Should -Throw -PassThru

        $thrown.Exception.Message | Should -BeLike '*unknown placeholders {date}, {prompt}; valid placeholders: {job_uid}, {model}*'
    }

    It 'replaces the valid placeholders whatever their case' {
        $file = @($Completed | Save-SqVideo -Path $Folder -FileName '{MODEL}-{Job_Uid}')

        $file.Count | Should -Be 1
        $file[0].Name | Should -Be ("kling-v2-1-$($Completed[0].JobUid).mp4")
    }
}

Describe 'Wait-SqJob -Verbose' {
    BeforeAll {
        $Submitted = @(1..2 | ForEach-Object { New-Row "Messages status row $_" } | New-SqVideo)
        $Records = @($Submitted | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 -Verbose 4>&1)
        $Verbose = Get-StreamText $Records 'System.Management.Automation.VerboseRecord'
    }

    It 'shows each job going from queued to running to succeeded (the neutral states)' {
        @($Records | Where-Object { $_ -is 'SmartlyQ.Video.Core.Models.VideoJob' }).Count | Should -Be 2
        foreach ($job in $Submitted) {
            $prefix = "Job $($job.JobUid) (kling-v2-1): "
            $Verbose | Should -Contain ($prefix + 'queued -> running')
            $Verbose | Should -Contain ($prefix + 'running -> succeeded')
            [array]::IndexOf($Verbose, $prefix + 'queued -> running') | Should -BeLessThan ([array]::IndexOf($Verbose, $prefix + 'running -> succeeded'))
        }
    }

    It 'shows one line per poll with method, path, status, milliseconds and request id, and never the key' {
        $polls = @($Verbose | Where-Object { $_ -like 'HTTP GET /v1/jobs/*' })

        $polls.Count | Should -BeGreaterOrEqual 4
        foreach ($line in $polls) {
            $line | Should -Match '^HTTP GET /v1/jobs/job_\w+: 200 OK in \d+ ms \(request id req_\w+\)$'
        }
        Assert-NoKey $Verbose
    }

    It 'shows the status changes with $VerbosePreference set by the caller, too' {
        $job = @(New-Row 'Messages preference row' | New-SqVideo)
        $records = @(& { $VerbosePreference = 'Continue'; $job | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 } 4>&1)
        $verbose = Get-StreamText $records 'System.Management.Automation.VerboseRecord'

        $verbose | Should -Contain ("Job $($job[0].JobUid) (kling-v2-1): running -> succeeded")
    }

    It 'writes no verbose line without -Verbose' {
        $job = @(New-Row 'Messages quiet row' | New-SqVideo)
        $records = @($job | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 4>&1)

        @($records | Where-Object { $_ -is 'System.Management.Automation.VerboseRecord' }).Count | Should -Be 0
    }
}

Describe 'The HTTP trace of -Verbose' {
    It 'shows the submission with its status, time and request id' {
        $records = @(New-Row 'Messages trace row' | New-SqVideo -Verbose 4>&1)
        $verbose = Get-StreamText $records 'System.Management.Automation.VerboseRecord'

        @($verbose | Where-Object { $_ -match '^HTTP POST /v1/videos/generate: 202 Accepted in \d+ ms \(request id req_\w+\)$' }).Count | Should -Be 1
        Assert-NoKey $verbose
    }

    It 'shows the list request of a bigger wait by its path only, without its query' {
        $jobs = @(1..3 | ForEach-Object { New-Row "Messages list row $_" } | New-SqVideo)
        $records = @($jobs | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 -Verbose 4>&1)
        $verbose = Get-StreamText $records 'System.Management.Automation.VerboseRecord'

        @($verbose | Where-Object { $_ -match '^HTTP GET /v1/jobs: 200 OK in \d+ ms' }).Count | Should -BeGreaterOrEqual 1
        @($verbose | Where-Object { $_.StartsWith('HTTP ') -and $_.Contains('?') }).Count | Should -Be 0
    }

    It 'shows the download of Save-SqVideo' {
        $job = @(New-Row 'Messages download row' | New-SqVideo | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120)
        $folder = Join-Path $TestDrive 'trace'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $records = @($job | Save-SqVideo -Path $folder -Verbose 4>&1)
        $verbose = Get-StreamText $records 'System.Management.Automation.VerboseRecord'

        @($verbose | Where-Object { $_ -match ('^HTTP GET /files/' + $job[0].JobUid + '\.mp4: 200 OK in \d+ ms') }).Count | Should -Be 1
        Assert-NoKey $verbose
    }

    It 'says which attempt a retry is and why it was retried' {
        $retrying = Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.BaseUri -MaximumRetryCount 1 -RetryIntervalSec 1 -PassThru
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Main.BaseUri
        $null = Set-SandboxChaos -Sandbox $Main -Options @{ Routes = @{ 'GET /v1/me/balance' = @{ ServerErrorRate = 1 } } }
        $records = New-Object System.Collections.Generic.List[object]
        $failure = $null
        try {
            # Every attempt fails: after the one retry the command stops with the last 5xx; the lines before it stay collected.
            Get-SqBalance -Connection $retrying -Verbose 4>&1 | ForEach-Object { $records.Add($_) }
        }
        catch {
            $failure = $_
        }
        finally {
            Clear-SandboxChaos -Sandbox $Main
        }
        $verbose = Get-StreamText $records 'System.Management.Automation.VerboseRecord'
        $requests = @($verbose | Where-Object { $_ -like 'HTTP GET /v1/me/balance: *' })

        $failure | Should -Not -BeNullOrEmpty
        $requests.Count | Should -Be 2
        $requests[0] | Should -Match '^HTTP GET /v1/me/balance: 50\d [^(]+ in \d+ ms'
        $requests[0] | Should -Not -BeLike '*attempt*'
        $requests[1] | Should -Match '^HTTP GET /v1/me/balance: 50\d .+ in \d+ ms \(.*attempt 2, retried after 50\d \w+\)$'
        @($verbose | Where-Object { $_ -like 'Retry 1/1 of GET /me/balance after 50*' }).Count | Should -Be 1
        Assert-NoKey $verbose
    }
}

Describe 'The headers of -Debug' {
    BeforeAll {
        # PowerShell 7's -Debug continues; Windows PowerShell's would stop at every line to ask, so there the
        # preference stands in for it.
        $DebugParameters = @{}
        if ($PSVersionTable.PSVersion.Major -ge 6) {
            $DebugParameters['Debug'] = $true
        }
    }

    BeforeEach {
        if ($PSVersionTable.PSVersion.Major -lt 6) {
            $DebugPreference = 'Continue'
        }
    }

    It 'shows the request headers with Authorization redacted and the response headers with the request id' {
        $records = @(Get-SqBalance @DebugParameters 5>&1)
        $debug = Get-StreamText $records 'System.Management.Automation.DebugRecord'

        $request = @($debug | Where-Object { $_ -like 'HTTP GET /v1/me/balance request headers: *' })
        $request.Count | Should -Be 1
        $request[0] | Should -BeLike '*Authorization: Bearer `[redacted`]*'
        $request[0] | Should -BeLike '*User-Agent: SmartlyQ.Video/*'
        $response = @($debug | Where-Object { $_ -like 'HTTP GET /v1/me/balance response headers: 200 OK; *' })
        $response.Count | Should -Be 1
        $response[0] | Should -Match 'X-Request-Id: req_\w+'
        Assert-NoKey $debug
    }

    It 'shows the idempotency key of a submission but never the API key' {
        $records = @(New-Row 'Messages debug row' | New-SqVideo -IdempotencyKey ('messages-debug-' + [guid]::NewGuid().ToString('N')) @DebugParameters 5>&1)
        $debug = Get-StreamText $records 'System.Management.Automation.DebugRecord'

        @($debug | Where-Object { $_ -like 'HTTP POST /v1/videos/generate request headers: *X-Idempotency-Key: messages-debug-*' }).Count | Should -Be 1
        @($debug | Where-Object { $_ -like 'HTTP POST /v1/videos/generate request headers: *Authorization: Bearer `[redacted`]*' }).Count | Should -Be 1
        Assert-NoKey $debug
    }

    It 'shows the headers of the polls of Wait-SqJob, which run in the background' {
        $job = @(New-Row 'Messages debug poll row' | New-SqVideo)
        $records = @($job | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 @DebugParameters 5>&1)
        $debug = Get-StreamText $records 'System.Management.Automation.DebugRecord'

        @($debug | Where-Object { $_ -like "HTTP GET /v1/jobs/$($job[0].JobUid) request headers: *Authorization: Bearer ``[redacted``]*" }).Count | Should -BeGreaterOrEqual 1
        Assert-NoKey $debug
    }
}
