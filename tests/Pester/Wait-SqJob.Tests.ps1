#Requires -Version 5.1
# Wait-SqJob against three sandboxes: fast jobs, jobs that always fail, and jobs that run for ten minutes. Binding from
# New-SqVideo's jobs, job_uid/JobUid/Id columns and exported jobs; bad uids; failed, cancelled and timed-out jobs; scopes;
# progress; -Verbose about refused polls; Ctrl+C. Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $LivePlain = Get-TestKeyText -Mode Live
    $TestPlain = Get-TestKeyText -Mode Test
    # May submit and read models, may not read jobs.
    $NoJobsPlain = 'sqk_live_pester_nojobs_000000000000'
    $Sandbox, $Failing, $Slow = Start-TestSandbox -Set @(
        @{ Name = 'wait'; Argument = @(
                "--Sandbox:Keys:0:Key=$LivePlain"
                "--Sandbox:Keys:1:Key=$TestPlain"
                "--Sandbox:Keys:2:Key=$NoJobsPlain"
                '--Sandbox:Keys:2:Scopes:0=videos:read'
                '--Sandbox:Keys:2:Scopes:1=videos:write'
            )
        }
        @{ Name = 'wait-failing'; Argument = @('--Sandbox:FailureRate=1') }
        @{ Name = 'wait-slow'; Argument = @('--Sandbox:ProcessingDuration=00:10:00') }
    )
    $BaseUri = $Sandbox.BaseUri
    $LiveKey = ConvertTo-TestSecureKey $LivePlain
    $TestKey = ConvertTo-TestSecureKey $TestPlain

    function New-TestJob {
        # Submits one valid kling-v2-1 job with the current connection.
        param([string]$Prompt = 'A paper lantern')
        New-SqVideo -Model kling-v2-1 -Prompt ($Prompt + ' ' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -Duration 5
    }
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Wait-SqJob binding' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $Done = New-TestJob | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120
    }

    It 'waits for the jobs piped from New-SqVideo and writes each completed, with its video URL' {
        $submitted = @(1..3 | ForEach-Object { New-TestJob "Job $_" })

        $finished = @($submitted | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120)

        $finished.Count | Should -Be 3
        @($finished | ForEach-Object { $_.JobUid } | Sort-Object) | Should -Be @($submitted | ForEach-Object { $_.JobUid } | Sort-Object)
        foreach ($job in $finished) {
            $job | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
            $job.Status.ToString() | Should -Be 'Succeeded'
            $job.VideoUrl.AbsoluteUri | Should -Be "$($Sandbox.ApiRoot)/files/$($job.JobUid).mp4"
            $job.Model | Should -Be 'kling-v2-1'
        }
    }

    It 'Wait-SqJob binds a job_uid column by property name' {
        $uid = $Done.JobUid

        $job = [pscustomobject]@{ job_uid = $uid } | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 60

        $job.JobUid | Should -Be $uid
        $job.Status.ToString() | Should -Be 'Succeeded'
    }

    It 'takes several uids with -JobUid' {
        $other = New-TestJob | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120

        $jobs = @(Wait-SqJob -JobUid $Done.JobUid, $other.JobUid -PollIntervalSec 1 -TimeoutSec 60)

        @($jobs | ForEach-Object { $_.JobUid } | Sort-Object) | Should -Be @($Done.JobUid, $other.JobUid | Sort-Object)
    }

    It 'binds the <Column> column of Import-Csv rows' -ForEach @(
        @{ Column = 'job_uid' }
        @{ Column = 'JobUid' }
        @{ Column = 'Id' }
    ) {
        $csv = New-CsvFile -Name "uids-$Column.csv" -Lines @("$Column,note", "$($Done.JobUid),first")

        $job = Import-Csv -LiteralPath $csv | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 60

        $job.JobUid | Should -Be $Done.JobUid
        $job.Status.ToString() | Should -Be 'Succeeded'
    }

    It 'binds jobs saved with <Way> and read back' -ForEach @(
        @{ Way = 'Export-Csv' }
        @{ Way = 'Export-Clixml' }
    ) {
        $submitted = New-TestJob 'Saved for later'
        $file = Join-Path $TestDrive ("jobs." + $Way)
        if ($Way -eq 'Export-Csv') {
            $submitted | Export-Csv -LiteralPath $file -NoTypeInformation
            $readBack = Import-Csv -LiteralPath $file
        }
        else {
            $submitted | Export-Clixml -LiteralPath $file
            $readBack = Import-Clixml -LiteralPath $file
        }
        $readBack | Should -Not -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'

        $job = $readBack | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120

        $job.JobUid | Should -Be $submitted.JobUid
        $job.Status.ToString() | Should -Be 'Succeeded'
    }

    It 'writes a completed job piped in again' {
        $job = $Done | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 60

        $job.JobUid | Should -Be $Done.JobUid
        $job.Status.ToString() | Should -Be 'Succeeded'
    }
}

Describe 'Wait-SqJob bad job uids' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        # A job of the TEST key: the live key's connection must not see it.
        $otherConnection = Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -PassThru
        $OtherKeysJob = New-SqVideo -Model kling-v2-1 -Prompt "Someone else's job" -Duration 5 -Connection $otherConnection
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        # Completed already, so it is written at its first poll.
        $GoodJob = New-TestJob 'The good job' | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120
    }

    # Each bad uid is waited for together with a good job: one error about it, the good job still written.
    It 'reports <Case> as <ErrorId> and still writes the good job' -ForEach @(
        @{ Case = 'an unknown well-formed uid'; Uid = 'job_000000000000'; ErrorId = 'RESOURCE_NOT_FOUND'; Category = 'ObjectNotFound'; Mentions = "'job_000000000000' was not found" }
        @{ Case = "another key's job"; Uid = '<other>'; ErrorId = 'RESOURCE_NOT_FOUND'; Category = 'ObjectNotFound'; Mentions = 'was not found' }
        @{ Case = "a path traversal '../../me'"; Uid = '../../me'; ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = "JobUid '../../me' is malformed" }
        @{ Case = 'a uid with spaces'; Uid = 'job id with spaces'; ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = 'is malformed' }
        @{ Case = 'a whitespace-only uid'; Uid = '   '; ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = 'JobUid is empty' }
        @{ Case = 'a uid carrying a query string'; Uid = 'job_1?status=completed'; ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = 'is malformed' }
        @{ Case = 'a uid carrying a sub-path'; Uid = 'job_1/cancel'; ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = 'is malformed' }
        @{ Case = 'a uid of 204 characters'; Uid = ('job_' + ('a' * 200)); ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = 'is malformed' }
    ) {
        if ($Uid -eq '<other>') { $Uid = $OtherKeysJob.JobUid }
        $good = $GoodJob

        $jobs = @(Wait-SqJob -JobUid $good.JobUid, $Uid -PollIntervalSec 1 -TimeoutSec 120 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)

        @($jobs | ForEach-Object { $_.JobUid }) | Should -Be @($good.JobUid)
        $waitErrors.Count | Should -Be 1
        Get-ErrorId $waitErrors[0] | Should -Be $ErrorId
        $waitErrors[0].CategoryInfo.Category | Should -Be $Category
        $waitErrors[0].TargetObject | Should -Be $Uid
        $waitErrors[0].Exception.Message | Should -Match ([regex]::Escape($Mentions))
        (Get-ErrorText $waitErrors) | Should -Not -Match ([regex]::Escape($LivePlain))
    }

    It 'reports a piped job object with a malformed uid, naming the object' {
        $bad = New-Object SmartlyQ.Video.Core.Models.VideoJob -Property @{ JobUid = '../../me'; Status = 'Queued'; Model = 'kling-v2-1' }
        $good = $GoodJob

        $jobs = @($good, $bad | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)

        @($jobs | ForEach-Object { $_.JobUid }) | Should -Be @($good.JobUid)
        $waitErrors.Count | Should -Be 1
        Get-ErrorId $waitErrors[0] | Should -Be 'InvalidJobUid'
        $waitErrors[0].TargetObject | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
        $waitErrors[0].TargetObject.JobUid | Should -Be '../../me'
    }

    It 'reports a CSV row with an empty job_uid cell as a binding error and waits for the next row' {
        $good = $GoodJob
        $csv = New-CsvFile -Name 'empty-uid.csv' -Lines @('job_uid,note', ',empty', "$($good.JobUid),good")

        $jobs = @(Import-Csv -LiteralPath $csv | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)

        @($jobs | ForEach-Object { $_.JobUid }) | Should -Be @($good.JobUid)
        $waitErrors.Count | Should -Be 1
        Get-ErrorId $waitErrors[0] | Should -Be 'ParameterArgumentValidationErrorEmptyStringNotAllowed'
        $waitErrors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $waitErrors[0].TargetObject.note | Should -Be 'empty'
    }

    It 'refuses <Value> before waiting' -ForEach @(
        @{ Value = "-JobUid ''"; Arguments = @{ JobUid = '' } }
        @{ Value = '-PollIntervalSec 0'; Arguments = @{ JobUid = 'job_000000000000'; PollIntervalSec = 0 } }
        @{ Value = '-TimeoutSec 0'; Arguments = @{ JobUid = 'job_000000000000'; TimeoutSec = 0 } }
    ) {
        $thrown = { Wait-SqJob @Arguments } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Match '^ParameterArgumentValidationError'
    }

    It 'stops with NotConnected in a runspace that never connected' {
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $null = $ps.AddScript('try { Wait-SqJob -JobUid job_000000000000 } catch { $_ }')
            $result = @($ps.Invoke())
        }
        finally {
            $ps.Dispose()
        }

        Get-ErrorId $result[0] | Should -Be 'NotConnected'
        $result[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'reports each job as FORBIDDEN for a key that may not read jobs' {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $NoJobsPlain) -BaseUri $BaseUri
        $job = New-TestJob 'Cannot be polled'

        $jobs = @($job | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 60 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 0
        $waitErrors.Count | Should -Be 1
        Get-ErrorId $waitErrors[0] | Should -Be 'FORBIDDEN'
        $waitErrors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $waitErrors[0].Exception.Message | Should -Match 'jobs:read'
        $waitErrors[0].TargetObject | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
        $waitErrors[0].TargetObject.JobUid | Should -Be $job.JobUid
        (Get-ErrorText $waitErrors) | Should -Not -Match $NoJobsPlain
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
    }
}

Describe 'Wait-SqJob and jobs that do not complete' {
    It 'reports each failed job as JOB_FAILED, naming the job, and says the charge is refunded' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Failing.BaseUri
        $submitted = @(New-TestJob 'Doomed one'; New-TestJob 'Doomed two')

        $jobs = @($submitted | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 0
        $waitErrors.Count | Should -Be 2
        foreach ($failure in $waitErrors) {
            Get-ErrorId $failure | Should -Be 'JOB_FAILED'
            $failure.CategoryInfo.Category | Should -Be 'OperationStopped'
            $failure.TargetObject | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
            $failure.Exception.Message | Should -Match ('^Job ' + $failure.TargetObject.JobUid + ' \(kling-v2-1\) failed: ')
            # The refund is said once, whether the API's reason says it or the module adds it.
            ([regex]::Matches($failure.Exception.Message, 'refund')).Count | Should -Be 1
            $failure.Exception.Message | Should -Not -Match '\.\.'
            $failure.Exception.Job.Status.ToString() | Should -Be 'Failed'
            $failure.ErrorDetails.RecommendedAction | Should -Match 'Submit the row again'
        }
        @($waitErrors | ForEach-Object { $_.TargetObject.JobUid } | Sort-Object) | Should -Be @($submitted | ForEach-Object { $_.JobUid } | Sort-Object)
        foreach ($job in $submitted) {
            @((Get-Ledger -Sandbox $Failing -JobUid $job.JobUid).entries | Where-Object { $_.kind -eq 'refund' }).Count | Should -Be 1
        }
    }

    It 'reports a job cancelled on the API side as JOB_CANCELLED' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Slow.BaseUri
        $job = New-TestJob 'Cancelled by someone else'
        $null = Invoke-SandboxApi -Sandbox $Slow -Method Post -Path "/jobs/$($job.JobUid)/cancel" -Key $LivePlain

        $jobs = @($job | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 60 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 0
        $waitErrors.Count | Should -Be 1
        Get-ErrorId $waitErrors[0] | Should -Be 'JOB_CANCELLED'
        $waitErrors[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $waitErrors[0].Exception.Message | Should -Match "$($job.JobUid) \(kling-v2-1\) was cancelled"
        $waitErrors[0].TargetObject | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
        $waitErrors[0].TargetObject.JobUid | Should -Be $job.JobUid
    }

    It 'reports the jobs still running at -TimeoutSec in one error and leaves them running' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Slow.BaseUri
        $first = New-TestJob 'Still rendering one'
        $second = New-TestJob 'Still rendering two'

        $jobs = @($first, $second | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 2 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 0
        $waitErrors.Count | Should -Be 1
        Get-ErrorId $waitErrors[0] | Should -Be 'WaitTimeout'
        $waitErrors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        @($waitErrors[0].TargetObject | Sort-Object) | Should -Be @($first.JobUid, $second.JobUid | Sort-Object)
        $waitErrors[0].Exception.Message | Should -Match '^Timed out after 2 s; 2 job\(s\) still running: '
        $waitErrors[0].Exception.Message | Should -Match $first.JobUid
        $waitErrors[0].ErrorDetails.RecommendedAction | Should -Match 'Wait-SqJob -JobUid'
        (Invoke-SandboxApi -Sandbox $Slow -Path "/jobs/$($first.JobUid)" -Key $LivePlain).status | Should -BeIn @('pending', 'queued', 'processing')
    }

    It 'cancels the jobs still running with -CancelOnTimeout and names them' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Slow.BaseUri
        $job = New-TestJob 'Not worth the wait'

        $null = $job | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 1 -CancelOnTimeout -ErrorVariable waitErrors -ErrorAction SilentlyContinue

        $waitErrors.Count | Should -Be 1
        Get-ErrorId $waitErrors[0] | Should -Be 'WaitTimeout'
        $waitErrors[0].Exception.Message | Should -Match ('Cancelled remotely: ' + $job.JobUid + '\.')
        $waitErrors[0].ErrorDetails.RecommendedAction | Should -Match 'Submit the cancelled rows again'
        (Invoke-SandboxApi -Sandbox $Slow -Path "/jobs/$($job.JobUid)" -Key $LivePlain).status | Should -Be 'cancelled'
    }
}

Describe 'Wait-SqJob -CancelOnTimeout' {
    It 'cancels the jobs still running when the time is up and says so' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        # The first poll comes at once (the job is still queued); the next would come after 5 s, so at the 1 s
        # timeout the job counts as running and is cancelled, or, as it may have finished meanwhile on the
        # sandbox, reported as not cancellable. Either way the timeout error names it.
        $job = New-SqVideo -Model kling-v2-1 -Prompt 'A very slow sunrise' -Duration 5

        $null = $job | Wait-SqJob -TimeoutSec 1 -PollIntervalSec 5 -CancelOnTimeout -ErrorVariable waitErrors -ErrorAction SilentlyContinue

        $waitErrors.Count | Should -Be 1
        Get-ErrorId $waitErrors[0] | Should -Be 'WaitTimeout'
        $waitErrors[0].Exception.Message | Should -Match ('(Cancelled remotely|Could not cancel): ' + $job.JobUid)
    }
}

Describe 'Wait-SqJob progress, -Verbose and Ctrl+C' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'shows one progress bar counting finished jobs, and removes it at the end' {
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $TestPlain
        try {
            $null = $ps.AddScript('1..2 | ForEach-Object { New-SqVideo -Model kling-v2-1 -Prompt "Progress $_" -Duration 5 } | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120')
            $jobs = @($ps.Invoke())
            $progress = @($ps.Streams.Progress)

            $ps.Streams.Error.Count | Should -Be 0
            $jobs.Count | Should -Be 2
            $progress.Count | Should -BeGreaterThan 1
            @($progress | ForEach-Object { $_.Activity } | Select-Object -Unique) | Should -Be @('Waiting for SmartlyQ video jobs')
            @($progress | ForEach-Object { $_.ActivityId } | Select-Object -Unique).Count | Should -Be 1
            $running = @($progress | Where-Object { $_.RecordType -eq 'Processing' })
            $running.Count | Should -BeGreaterThan 0
            foreach ($record in $running) {
                $record.StatusDescription | Should -Match '^[0-2] of [12] finished'
                $record.PercentComplete | Should -BeGreaterOrEqual 0
                $record.PercentComplete | Should -BeLessOrEqual 100
            }
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'says with -Verbose that the API refused polls, and waits on until the job completes' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $job = New-TestJob 'Polled through a 429'
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ 'GET /v1/jobs/{id}' = @{ RateLimitBurstRate = 1 } } }
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $null = $ps.AddScript('param($Key, $BaseUri, $Uid)
                Connect-SmartlyQ -ApiKey (ConvertTo-SecureString -String $Key -AsPlainText -Force) -BaseUri $BaseUri -MaximumRetryCount 0
                Wait-SqJob -JobUid $Uid -PollIntervalSec 1 -TimeoutSec 120 -Verbose').AddArgument($TestPlain).AddArgument($BaseUri).AddArgument($job.JobUid)
            $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            # Two refused polls at the sandbox, then the API answers again.
            Wait-TestCondition { (Get-SandboxChaosCount -Sandbox $Sandbox -Kind rate_limit_burst) -ge 2 } -TimeoutSec 60 | Should -BeTrue
            Clear-SandboxChaos -Sandbox $Sandbox

            Wait-TestCondition { $handle.IsCompleted } -TimeoutSec 60 | Should -BeTrue
            $ps.Streams.Error.Count | Should -Be 0
            $output.Count | Should -Be 1
            $output[0].JobUid | Should -Be $job.JobUid
            $output[0].Status.ToString() | Should -Be 'Succeeded'
            # The lines are not shown while it waits, only once a job finishes: see the report of this suite.
            @($ps.Streams.Verbose | Where-Object { $_.Message -like "Polling $($job.JobUid) failed (Too many requests*); trying again next round." }).Count | Should -BeGreaterOrEqual 2
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'stops at once on Ctrl+C and leaves the job running' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $Slow.BaseUri
        $job = New-TestJob 'Interrupted wait'
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $Slow.BaseUri -Key $LivePlain
        try {
            $null = $ps.AddCommand('Wait-SqJob').AddParameter('JobUid', $job.JobUid).AddParameter('PollIntervalSec', 1)
            $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            # Progress means it is waiting in EndProcessing.
            Wait-TestCondition { $ps.Streams.Progress.Count -gt 0 } -TimeoutSec 30 | Should -BeTrue

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $output.Count | Should -Be 0
            $ps.Streams.Error.Count | Should -Be 0
            # Not cancelled: still waiting or rendering.
            (Invoke-SandboxApi -Sandbox $Slow -Path "/jobs/$($job.JobUid)" -Key $LivePlain).status | Should -BeIn @('pending', 'queued', 'processing')
        }
        finally {
            $ps.Dispose()
        }
    }
}
