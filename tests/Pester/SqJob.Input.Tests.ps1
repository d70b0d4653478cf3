#Requires -Version 5.1
# Pester 5 suite: the job cmdlets in real PowerShell (Get-SqJob, Stop-SqJob, Disconnect-SmartlyQ, and job ids by
# position and by value for Wait-SqJob and Save-SqVideo), against the local sandbox API. Jobs process for 10 s here
# so that Stop-SqJob finds them running. Uses out/SmartlyQ.Video (built here when missing) and needs the .NET SDK.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $Sandbox = Start-TestSandbox -Name 'job-input' -Argument @('--Sandbox:ProcessingDuration=00:00:10')
    $BaseUri = $Sandbox.BaseUri
    $LiveKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Live)
    $TestKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Test)
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Wait-SqJob and Save-SqVideo take job ids by position and by value' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $Uid = (New-SqVideo 'A hot-air balloon over hills' -Model kling-v2-1 -Duration 5).JobUid
        $UidFile = Join-Path $TestDrive 'uids.txt'
        Set-Content -LiteralPath $UidFile -Value $Uid -Encoding ASCII
        $Waited = Wait-SqJob $Uid -PollIntervalSec 1 -TimeoutSec 120
    }

    It 'Wait-SqJob takes a job id by position' {
        $Waited.JobUid | Should -Be $Uid
        $Waited.Status.ToString() | Should -Be 'Succeeded'
    }

    It 'Wait-SqJob takes the job ids of Get-Content uids.txt' {
        $job = Get-Content -LiteralPath $UidFile | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 60

        $job.JobUid | Should -Be $Uid
        $job.Status.ToString() | Should -Be 'Succeeded'
        $job.Prompt | Should -Be 'A hot-air balloon over hills'
    }

    It 'Save-SqVideo takes a job id by position' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'by-position')

        (Save-SqVideo $Uid -Path $folder.FullName).Name | Should -Be "$Uid.mp4"
    }

    It 'Save-SqVideo takes piped job id strings' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'by-value')

        (Get-Content -LiteralPath $UidFile | Save-SqVideo -Path $folder.FullName).Name | Should -Be "$Uid.mp4"
    }
}

Describe 'Get-SqJob' {
    It 'gives back the jobs of a pipeline that -ErrorAction Stop ended after four paid rows' {
        # A new connection starts a new session history.
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        $tag = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $csv = New-CsvFile -Name 'stopped.csv' -Lines @(
            'model,prompt,duration,aspect_ratio'
            "kling-v2-1,Row 1 $tag,5,16:9"
            "kling-v2-1,Row 2 $tag,5,16:9"
            "kling-v2-1,Row 3 $tag,5,16:9"
            "kling-v2-1,Row 4 $tag,5,16:9"
            "kling-v2-1,Row 5 $tag,5,4:3"
            "kling-v2-1,Row 6 $tag,5,16:9"
        )
        $script:stoppedOutput = $null

        { $script:stoppedOutput = Import-Csv -LiteralPath $csv | New-SqVideo -ErrorAction Stop } | Should -Throw

        $script:stoppedOutput | Should -BeNullOrEmpty
        $session = @(Get-SqJob)
        $session.Count | Should -Be 4
        @($session | ForEach-Object { $_.Prompt }) | Should -Be @("Row 1 $tag", "Row 2 $tag", "Row 3 $tag", "Row 4 $tag")
        $charges = @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' })
        foreach ($job in $session) {
            $job | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
            $job.Cost | Should -BeGreaterThan 0
            @($charges | Where-Object { $_.job_uid -eq $job.JobUid -and $_.idempotency_key -eq $job.IdempotencyKey }).Count | Should -Be 1
        }
    }

    It 'gets one job by id: by position, as a piped string and from a piped job' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $job = New-SqVideo 'A tram crossing a bridge' -Model kling-v2-1

        (Get-SqJob $job.JobUid).JobUid | Should -Be $job.JobUid
        ($job.JobUid | Get-SqJob).JobUid | Should -Be $job.JobUid
        $again = $job | Get-SqJob
        $again.JobUid | Should -Be $job.JobUid
        $again.Prompt | Should -Be 'A tram crossing a bridge'
    }

    It 'reports an unknown job id as a non-terminating error and goes on' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $job = New-SqVideo 'A tram crossing a river' -Model kling-v2-1

        $found = @(Get-SqJob 'job_doesnotexist0', $job.JobUid -ErrorVariable lookupErrors -ErrorAction SilentlyContinue)

        $found.Count | Should -Be 1
        $found[0].JobUid | Should -Be $job.JobUid
        $lookupErrors.Count | Should -Be 1
        $lookupErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'lists the account jobs from the API with -First, -Status and -Since' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $older = New-SqVideo 'Listed job, older' -Model kling-v2-1
        Start-Sleep -Seconds 2
        # Whole seconds: the API's created_at may be given to the second.
        $now = Get-Date
        $since = $now.AddTicks(-($now.Ticks % [TimeSpan]::TicksPerSecond))
        $newer = @('Listed job, newer 1', 'Listed job, newer 2' | New-SqVideo -Model kling-v2-1)

        $first = @(Get-SqJob -First 2)
        $recent = @(Get-SqJob -Since $since)
        $running = @(Get-SqJob -Status running -First 5)

        $first.Count | Should -Be 2
        @($first | ForEach-Object { $_.JobUid } | Sort-Object) | Should -Be @($newer | ForEach-Object { $_.JobUid } | Sort-Object)
        @($recent | ForEach-Object { $_.JobUid } | Sort-Object) | Should -Be @($newer | ForEach-Object { $_.JobUid } | Sort-Object)
        $recent.JobUid | Should -Not -Contain $older.JobUid
        foreach ($job in $running) {
            $job.Status.ToString() | Should -Be 'Running'
        }
    }
}

Describe 'Stop-SqJob' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'cancels nothing with -WhatIf' {
        $job = New-SqVideo 'A glacier calving' -Model kling-v2-1

        Stop-SqJob $job.JobUid -WhatIf -PassThru | Should -BeNullOrEmpty

        (Get-SqJob $job.JobUid).Status.ToString() | Should -Not -Be 'Cancelled'
    }

    It 'cancels a running job piped from New-SqVideo and writes it with -PassThru' {
        $job = New-SqVideo 'A glacier at sunset' -Model kling-v2-1

        $stopped = $job | Stop-SqJob -PassThru

        $stopped.JobUid | Should -Be $job.JobUid
        $stopped.Status.ToString() | Should -Be 'Cancelled'
        $stopped.Prompt | Should -Be 'A glacier at sunset'
        (Get-SqJob $job.JobUid).Status.ToString() | Should -Be 'Cancelled'
        (Get-SqJob | Where-Object { $_.JobUid -eq $job.JobUid }).Status.ToString() | Should -Be 'Cancelled'
    }

    It 'writes nothing without -PassThru and reports a finished job as an error while cancelling the rest' {
        $done = New-SqVideo 'A glacier at noon' -Model kling-v2-1 | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120
        $running = New-SqVideo 'A glacier at midnight' -Model kling-v2-1

        $output = Stop-SqJob -JobUid $done.JobUid, $running.JobUid -ErrorVariable stopErrors -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $stopErrors.Count | Should -Be 1
        $stopErrors[0].Exception.Message | Should -Match $done.JobUid
        $stopErrors[0].Exception.Message | Should -Match 'cannot be cancelled'
        (Get-SqJob $running.JobUid).Status.ToString() | Should -Be 'Cancelled'
    }
}

Describe 'Disconnect-SmartlyQ' {
    It 'clears the default connection, so the next cmdlet says to run Connect-SmartlyQ' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri

        Disconnect-SmartlyQ

        $thrown = { Get-SqBalance } | Should -Throw -PassThru
        Get-ErrorId $thrown | Should -Be 'NotConnected'
        $thrown.Exception.Message | Should -Match 'Connect-SmartlyQ'
    }

    It 'refuses a closed connection with a clear error naming Connect-SmartlyQ, not ObjectDisposedException' {
        $closed = Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -PassThru
        Disconnect-SmartlyQ -Connection $closed
        $disposed = Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -PassThru
        $disposed.Dispose()

        $closedError = { Get-SqBalance -Connection $closed } | Should -Throw -PassThru
        $disposedError = { New-SqVideo 'A lantern' -Model kling-v2-1 } | Should -Throw -PassThru

        foreach ($thrown in @($closedError, $disposedError)) {
            Get-ErrorId $thrown | Should -Be 'ConnectionClosed'
            $thrown.Exception | Should -Not -BeOfType 'System.ObjectDisposedException'
            $thrown.Exception.Message | Should -Match 'Connect-SmartlyQ'
        }
    }

    It 'does nothing when there is no connection to close' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        Disconnect-SmartlyQ

        { Disconnect-SmartlyQ } | Should -Not -Throw
    }
}
