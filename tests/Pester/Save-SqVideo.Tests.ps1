#Requires -Version 5.1
# Save-SqVideo against three sandboxes: fast jobs with small files; jobs that run for ten minutes; and 2 GB files where
# some jobs fail (seeded). Binding from Wait-SqJob's jobs, uids, columns and exported jobs; -Path and -FileName;
# every error (ErrorId, category, TargetObject) with no file or partial file left behind; warnings; -WhatIf/-Confirm;
# progress; -Verbose retries and resumes; Ctrl+C. Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $LivePlain = Get-TestKeyText -Mode Live
    $TestPlain = Get-TestKeyText -Mode Test
    # May submit and read models, may not read jobs.
    $NoJobsPlain = 'sqk_live_pester_nojobs_000000000000'
    $Sandbox, $Slow, $Big = Start-TestSandbox -Set @(
        @{ Name = 'save'; Argument = @(
                "--Sandbox:Keys:0:Key=$LivePlain"
                "--Sandbox:Keys:1:Key=$TestPlain"
                "--Sandbox:Keys:2:Key=$NoJobsPlain"
                '--Sandbox:Keys:2:Scopes:0=videos:read'
                '--Sandbox:Keys:2:Scopes:1=videos:write'
            )
        }
        @{ Name = 'save-slow'; Argument = @('--Sandbox:ProcessingDuration=00:10:00') }
        @{ Name = 'save-big'; Argument = @('--Sandbox:VideoSizeBytes=2000000000', '--Sandbox:FailureRate=0.5', '--Sandbox:Seed=1') }
    )
    $BaseUri = $Sandbox.BaseUri
    $TestKey = ConvertTo-TestSecureKey $TestPlain

    Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    # Completed jobs of the fast sandbox, shared by the tests that only read them.
    $Completed = @(1..3 | ForEach-Object { New-SqVideo -Model kling-v2-1 -Prompt "Saved video $_" -Duration 5 } | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120)

    # Half of the big sandbox's jobs fail (seeded): one completed 2 GB video and one failed job.
    $bigConnection = Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $LivePlain) -BaseUri $Big.BaseUri -PassThru
    $bigJobs = @(1..6 | ForEach-Object { New-SqVideo -Model kling-v2-1 -Prompt "Maybe $_" -Duration 5 -Connection $bigConnection })
    $BigCompleted = @($bigJobs | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120 -Connection $bigConnection -ErrorVariable bigFailures -ErrorAction SilentlyContinue)
    $FailedUid = @($bigFailures | Where-Object { (Get-ErrorId $_) -eq 'JOB_FAILED' } | ForEach-Object { $_.TargetObject.JobUid })[0]
    if ($BigCompleted.Count -eq 0 -or -not $FailedUid) {
        throw "The big sandbox (FailureRate 0.5, Seed 1) gave $($BigCompleted.Count) completed and $(@($bigFailures).Count) failed jobs; both are needed."
    }

    function Assert-SavedVideo {
        # The file is the job's complete video, byte for byte.
        param([Parameter(Mandatory)][System.IO.FileInfo]$File, [Parameter(Mandatory)][string]$JobUid, [object]$From = $Sandbox)
        $expected = Get-SandboxVideoHash -Sandbox $From -JobUid $JobUid
        $File.Length | Should -Be $expected.length
        (Get-FileHash -LiteralPath $File.FullName -Algorithm SHA256).Hash.ToLowerInvariant() | Should -Be $expected.sha256
    }

    function Get-FolderEntry {
        # Every file and folder in -Folder, hidden ones (the .partial temporary files) included.
        param([Parameter(Mandatory)][string]$Folder)
        @(Get-ChildItem -LiteralPath $Folder -Force -Recurse | ForEach-Object { $_.Name })
    }
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'Save-SqVideo binding' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'saves the jobs piped from Wait-SqJob as files named after their uid, byte for byte' {
        $folder = New-TestFolder

        $files = @($Completed | Save-SqVideo -Path $folder)

        $files.Count | Should -Be 3
        foreach ($file in $files) {
            $file | Should -BeOfType 'System.IO.FileInfo'
            $file.DirectoryName | Should -Be $folder
            $uid = $file.BaseName
            $file.Name | Should -Be "$uid.mp4"
            Assert-SavedVideo -File $file -JobUid $uid
        }
        @($files | ForEach-Object { $_.BaseName } | Sort-Object) | Should -Be @($Completed | ForEach-Object { $_.JobUid } | Sort-Object)
        @(Get-FolderEntry $folder | Sort-Object) | Should -Be @($files | ForEach-Object { $_.Name } | Sort-Object)
    }

    It 'looks up and saves a job given by -JobUid' {
        $folder = New-TestFolder

        $file = Save-SqVideo -JobUid $Completed[0].JobUid -Path $folder

        Assert-SavedVideo -File $file -JobUid $Completed[0].JobUid
    }

    It 'binds the <Column> column of Import-Csv rows' -ForEach @(
        @{ Column = 'job_uid' }
        @{ Column = 'JobUid' }
        @{ Column = 'Id' }
    ) {
        $folder = New-TestFolder
        $csv = New-CsvFile -Name "save-$Column.csv" -Lines @("$Column,note", "$($Completed[1].JobUid),first", "$($Completed[2].JobUid),second")

        $files = @(Import-Csv -LiteralPath $csv | Save-SqVideo -Path $folder)

        @($files | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @("$($Completed[1].JobUid).mp4", "$($Completed[2].JobUid).mp4" | Sort-Object)
    }

    It 'binds a [pscustomobject] with a JobUid property' {
        $folder = New-TestFolder

        $file = [pscustomobject]@{ JobUid = $Completed[2].JobUid; Owner = 'me' } | Save-SqVideo -Path $folder

        $file.Name | Should -Be "$($Completed[2].JobUid).mp4"
    }

    It 'saves jobs saved with <Way> and read back' -ForEach @(
        @{ Way = 'Export-Csv' }
        @{ Way = 'Export-Clixml' }
    ) {
        $folder = New-TestFolder
        $file = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.' + $Way)
        if ($Way -eq 'Export-Csv') {
            $Completed[0] | Export-Csv -LiteralPath $file -NoTypeInformation
            $readBack = Import-Csv -LiteralPath $file
        }
        else {
            $Completed[0] | Export-Clixml -LiteralPath $file
            $readBack = Import-Clixml -LiteralPath $file
        }

        $saved = $readBack | Save-SqVideo -Path $folder

        Assert-SavedVideo -File $saved -JobUid $Completed[0].JobUid
    }

    It 'names files after -FileName, a template with {model} and {job_uid}, adding .mp4 when it has no extension' {
        $folder = New-TestFolder

        $file = $Completed[0] | Save-SqVideo -Path $folder -FileName '{model}-{job_uid}'

        $file.Name | Should -Be "kling-v2-1-$($Completed[0].JobUid).mp4"
    }

    It 'saves into the current location without -Path, and resolves a relative -Path against it' {
        $folder = New-TestFolder
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'sub')
        Push-Location -LiteralPath $folder
        try {
            $here = $Completed[0] | Save-SqVideo
            $relative = $Completed[1] | Save-SqVideo -Path 'sub'
        }
        finally {
            Pop-Location
        }

        $here.FullName | Should -Be (Join-Path $folder "$($Completed[0].JobUid).mp4")
        $relative.FullName | Should -Be (Join-Path (Join-Path $folder 'sub') "$($Completed[1].JobUid).mp4")
    }

    It 'takes a -Path with wildcard characters literally' {
        $folder = Join-Path $TestDrive ('my [draft] videos ' + [guid]::NewGuid().ToString('N').Substring(0, 6))
        $null = New-Item -ItemType Directory -Path $folder

        $file = $Completed[0] | Save-SqVideo -Path $folder

        $file.FullName | Should -Be (Join-Path $folder "$($Completed[0].JobUid).mp4")
        Assert-SavedVideo -File $file -JobUid $Completed[0].JobUid
    }

    It 'resolves a PowerShell drive path such as TestDrive:' {
        $name = [guid]::NewGuid().ToString('N')
        $null = New-Item -ItemType Directory -Path (Join-Path $TestDrive $name)

        $file = $Completed[0] | Save-SqVideo -Path "TestDrive:\$name"

        $file.FullName | Should -Be (Join-Path (Join-Path $TestDrive $name) "$($Completed[0].JobUid).mp4")
        Assert-SavedVideo -File $file -JobUid $Completed[0].JobUid
    }
}

Describe 'Save-SqVideo warnings and -Force' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'Save-SqVideo skips an existing file with a warning unless -Force' {
        $folder = New-TestFolder
        $uid = $Completed[0].JobUid
        $null = Save-SqVideo -JobUid $uid -Path $folder

        $skipped = Save-SqVideo -JobUid $uid -Path $folder -WarningVariable skipWarnings -WarningAction SilentlyContinue
        $skipped | Should -BeNullOrEmpty
        $skipWarnings.Count | Should -Be 1

        (Save-SqVideo -JobUid $uid -Path $folder -Force).Name | Should -Be "$uid.mp4"
    }

    It 'says which file it skipped and how to overwrite it, leaving the file as it was' {
        $folder = New-TestFolder
        $uid = $Completed[1].JobUid
        $path = Join-Path $folder "$uid.mp4"
        Set-Content -LiteralPath $path -Value 'my own edit' -Encoding ASCII

        $skipped = @($Completed[1] | Save-SqVideo -Path $folder -WarningVariable skipWarnings -WarningAction SilentlyContinue)

        $skipped.Count | Should -Be 0
        $skipWarnings.Count | Should -Be 1
        $skipWarnings[0].Message | Should -Be "Skipped ${uid}: '$path' already exists. Use -Force to overwrite an existing file, or -FileName with {job_uid}."
        (Get-Content -LiteralPath $path -Raw).Trim() | Should -Be 'my own edit'
    }

    It 'replaces an existing file with the whole video under -Force' {
        $folder = New-TestFolder
        $uid = $Completed[1].JobUid
        Set-Content -LiteralPath (Join-Path $folder "$uid.mp4") -Value 'my own edit' -Encoding ASCII

        $file = $Completed[1] | Save-SqVideo -Path $folder -Force

        Assert-SavedVideo -File $file -JobUid $uid
        @(Get-FolderEntry $folder) | Should -Be @("$uid.mp4")
    }

    It 'saves one of two jobs that -FileName gives the same name, and warns about the other' {
        $folder = New-TestFolder

        $files = @($Completed[0], $Completed[1] | Save-SqVideo -Path $folder -FileName 'same.mp4' -WarningVariable nameWarnings -WarningAction SilentlyContinue)

        $files.Count | Should -Be 1
        $files[0].Name | Should -Be 'same.mp4'
        Assert-SavedVideo -File $files[0] -JobUid $Completed[0].JobUid
        $nameWarnings.Count | Should -Be 1
        $nameWarnings[0].Message | Should -BeLike "Skipped $($Completed[1].JobUid): another job of this run is saved to *same.mp4*"
    }
}

Describe 'Save-SqVideo -WhatIf and -Confirm' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'Save-SqVideo -WhatIf writes no file' {
        $folder = New-TestFolder

        Save-SqVideo -JobUid $Completed[0].JobUid -Path $folder -WhatIf | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $folder -Force).Count | Should -Be 0
    }

    It 'says under -WhatIf which job it would save to which file' {
        $folder = New-TestFolder
        $transcript = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.txt')
        $null = Start-Transcript -LiteralPath $transcript
        try {
            $Completed[0] | Save-SqVideo -Path $folder -WhatIf
        }
        finally {
            $null = Stop-Transcript
        }

        $expected = "What if: Performing the operation `"Save video of job $($Completed[0].JobUid)`" on target `"" + (Join-Path $folder "$($Completed[0].JobUid).mp4") + '"'
        (Get-Content -LiteralPath $transcript -Raw) | Should -Match ([regex]::Escape($expected))
    }

    It 'asks before writing when $ConfirmPreference is Medium, and writes nothing when it cannot ask' {
        $folder = New-TestFolder
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $TestPlain
        try {
            $null = $ps.AddScript('param($Uid, $Folder) $ConfirmPreference = "Medium"; Save-SqVideo -JobUid $Uid -Path $Folder').AddArgument($Completed[0].JobUid).AddArgument($folder)
            $files = @($ps.Invoke())

            $files.Count | Should -Be 0
            @($ps.Streams.Error | ForEach-Object { Get-ErrorId $_ }) | Should -Contain 'HostFunctionNotImplemented'
            @(Get-ChildItem -LiteralPath $folder -Force).Count | Should -Be 0
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'writes without asking with -Confirm:$false, even when $ConfirmPreference is Medium' {
        $folder = New-TestFolder
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $TestPlain
        try {
            $null = $ps.AddScript('param($Uid, $Folder) $ConfirmPreference = "Medium"; Save-SqVideo -JobUid $Uid -Path $Folder -Confirm:$false').AddArgument($Completed[0].JobUid).AddArgument($folder)
            $files = @($ps.Invoke())

            $ps.Streams.Error.Count | Should -Be 0
            $files.Count | Should -Be 1
            Join-Path $folder "$($Completed[0].JobUid).mp4" | Should -Exist
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'Save-SqVideo -Path errors' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'Save-SqVideo stops when -Path is not an existing folder' {
        $thrown = { Save-SqVideo -JobUid $Completed[0].JobUid -Path (Join-Path $TestDrive 'missing') } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'PathNotFolder'
    }

    It 'stops with PathNotFolder when -Path <Case>, even before any job arrives' -ForEach @(
        @{ Case = 'does not exist'; Kind = 'missing'; Mentions = 'does not exist' }
        @{ Case = 'is a file'; Kind = 'file'; Mentions = 'is a file' }
    ) {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        if ($Kind -eq 'file') { Set-Content -LiteralPath $path -Value 'not a folder' }

        $thrown = { @() | Save-SqVideo -Path $path } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'PathNotFolder'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.TargetObject | Should -Be $path
        $thrown.Exception.Message | Should -Match ([regex]::Escape($Mentions))
    }

    It 'refuses -ThrottleLimit <Value>' -ForEach @(
        @{ Value = 0 }
        @{ Value = 33 }
    ) {
        $thrown = { Save-SqVideo -JobUid $Completed[0].JobUid -Path $TestDrive -ThrottleLimit $Value } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'ParameterArgumentValidationError'
        $thrown.Exception.Message | Should -Match 'ThrottleLimit'
    }
}

Describe 'Save-SqVideo record errors' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $LivePlain) -BaseUri $BaseUri
        $LiveCompleted = @(1..2 | ForEach-Object { New-SqVideo -Model kling-v2-1 -Prompt "Live video $_" -Duration 5 } | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 120)
        # A job of the TEST key: the live key's connection must not see it.
        $OtherKeysUid = $Completed[0].JobUid
    }

    # Each bad record sits between two good jobs: one error about it, both good videos saved, nothing else written.
    It 'reports <Case> as <ErrorId> and saves the jobs around it' -ForEach @(
        @{ Case = 'an unknown well-formed uid'; Uid = 'job_000000000000'; ErrorId = 'RESOURCE_NOT_FOUND'; Category = 'ObjectNotFound'; Mentions = "'job_000000000000' was not found" }
        @{ Case = "another key's job"; Uid = '<other>'; ErrorId = 'RESOURCE_NOT_FOUND'; Category = 'ObjectNotFound'; Mentions = 'was not found' }
        @{ Case = "a path traversal '../../me'"; Uid = '../../me'; ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = "JobUid '../../me' is malformed" }
        @{ Case = 'a uid with spaces'; Uid = 'job id with spaces'; ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = 'is malformed' }
        @{ Case = 'a whitespace-only uid'; Uid = '   '; ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = 'JobUid is empty' }
        @{ Case = 'a uid with a non-ASCII letter'; Uid = ('job_' + [char]0xFC); ErrorId = 'InvalidJobUid'; Category = 'InvalidArgument'; Mentions = 'is malformed' }
    ) {
        if ($Uid -eq '<other>') { $Uid = $OtherKeysUid }
        $folder = New-TestFolder

        $files = @(Save-SqVideo -JobUid $LiveCompleted[0].JobUid, $Uid, $LiveCompleted[1].JobUid -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        @($files | ForEach-Object { $_.BaseName } | Sort-Object) | Should -Be @($LiveCompleted | ForEach-Object { $_.JobUid } | Sort-Object)
        $saveErrors.Count | Should -Be 1
        Get-ErrorId $saveErrors[0] | Should -Be $ErrorId
        $saveErrors[0].CategoryInfo.Category | Should -Be $Category
        $saveErrors[0].TargetObject | Should -Be $Uid
        $saveErrors[0].Exception.Message | Should -Match ([regex]::Escape($Mentions))
        @(Get-FolderEntry $folder | Sort-Object) | Should -Be @($files | ForEach-Object { $_.Name } | Sort-Object)
        (Get-ErrorText $saveErrors) | Should -Not -Match ([regex]::Escape($LivePlain))
    }

    It 'refuses -FileName <FileName>, naming the job, and writes nothing anywhere' -ForEach @(
        @{ FileName = "'../x.mp4'"; Value = '../x.mp4'; Mentions = 'must be a plain file name' }
        @{ FileName = "'sub/x.mp4'"; Value = 'sub/x.mp4'; Mentions = 'must be a plain file name' }
        @{ FileName = "'a:b.mp4'"; Value = 'a:b.mp4'; Mentions = 'must be a plain file name' }
        @{ FileName = "'..'"; Value = '..'; Mentions = 'is not a valid file name' }
        @{ FileName = "''"; Value = ''; Mentions = 'FileName is empty' }
    ) {
        $parent = New-TestFolder
        $folder = Join-Path $parent 'videos'
        $null = New-Item -ItemType Directory -Path $folder

        $files = @($LiveCompleted[0] | Save-SqVideo -Path $folder -FileName $Value -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        $files.Count | Should -Be 0
        $saveErrors.Count | Should -Be 1
        Get-ErrorId $saveErrors[0] | Should -Be 'InvalidFileName'
        $saveErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $saveErrors[0].TargetObject.JobUid | Should -Be $LiveCompleted[0].JobUid
        $saveErrors[0].Exception.Message | Should -Match ([regex]::Escape($Mentions))
        @(Get-FolderEntry $parent) | Should -Be @('videos')
    }

    It 'refuses a job whose video URL is not http or https' {
        $folder = New-TestFolder
        $job = New-Object SmartlyQ.Video.Core.Models.VideoJob -Property @{
            JobUid = 'job_0000000000aa'; Status = 'Succeeded'; Model = 'kling-v2-1'; VideoUrl = [uri]'file:///etc/hostname'
        }

        $files = @($job | Save-SqVideo -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        $files.Count | Should -Be 0
        Get-ErrorId $saveErrors[0] | Should -Be 'InvalidVideoUrl'
        $saveErrors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $saveErrors[0].TargetObject.JobUid | Should -Be 'job_0000000000aa'
        $saveErrors[0].Exception.Message | Should -Match 'is not an http or https URL'
        @(Get-FolderEntry $folder).Count | Should -Be 0
    }

    It 'reports SaveFailed when a folder is in the way of the file, and leaves no partial file' {
        $folder = New-TestFolder
        $uid = $LiveCompleted[0].JobUid
        $null = New-Item -ItemType Directory -Path (Join-Path $folder "$uid.mp4")

        $files = @($LiveCompleted[0], $LiveCompleted[1] | Save-SqVideo -Path $folder -Force -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        @($files | ForEach-Object { $_.Name }) | Should -Be @("$($LiveCompleted[1].JobUid).mp4")
        $saveErrors.Count | Should -Be 1
        Get-ErrorId $saveErrors[0] | Should -Be 'SaveFailed'
        $saveErrors[0].CategoryInfo.Category | Should -Be 'WriteError'
        $saveErrors[0].TargetObject.JobUid | Should -Be $uid
        $saveErrors[0].Exception.Message | Should -Match ([regex]::Escape("Saving job $uid to '" + (Join-Path $folder "$uid.mp4") + "' failed"))
        @(Get-FolderEntry $folder | Sort-Object) | Should -Be @("$uid.mp4", "$($LiveCompleted[1].JobUid).mp4" | Sort-Object)
    }

    It 'reports each job as FORBIDDEN for a key that may not read jobs' {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $NoJobsPlain) -BaseUri $BaseUri
        $folder = New-TestFolder
        $job = New-SqVideo -Model kling-v2-1 -Prompt 'Cannot be looked up' -Duration 5

        $files = @(Save-SqVideo -JobUid $job.JobUid -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        $files.Count | Should -Be 0
        Get-ErrorId $saveErrors[0] | Should -Be 'FORBIDDEN'
        $saveErrors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $saveErrors[0].TargetObject | Should -Be $job.JobUid
        (Get-ErrorText $saveErrors) | Should -Not -Match $NoJobsPlain
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $LivePlain) -BaseUri $BaseUri
    }

    It 'stops with NotConnected in a runspace that never connected' {
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $null = $ps.AddScript('param($Folder) try { Save-SqVideo -JobUid job_000000000000 -Path $Folder } catch { $_ }').AddArgument($TestDrive)
            $result = @($ps.Invoke())
        }
        finally {
            $ps.Dispose()
        }

        Get-ErrorId $result[0] | Should -Be 'NotConnected'
        $result[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }
}

Describe 'Save-SqVideo and jobs without a video' {
    It 'reports a failed job as JobNotCompleted with the reason' {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $LivePlain) -BaseUri $Big.BaseUri
        $folder = New-TestFolder

        $files = @(Save-SqVideo -JobUid $FailedUid -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        $files.Count | Should -Be 0
        $saveErrors.Count | Should -Be 1
        Get-ErrorId $saveErrors[0] | Should -Be 'JobNotCompleted'
        $saveErrors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $saveErrors[0].TargetObject | Should -Be $FailedUid
        $saveErrors[0].Exception.Message | Should -Match "^Job $FailedUid failed \(JOB_FAILED: "
        $saveErrors[0].ErrorDetails.RecommendedAction | Should -Match 'Wait-SqJob'
        @(Get-FolderEntry $folder).Count | Should -Be 0
    }

    It 'reports jobs still running or cancelled as JobNotCompleted, each on its own' {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $LivePlain) -BaseUri $Slow.BaseUri
        $folder = New-TestFolder
        $running = New-SqVideo -Model kling-v2-1 -Prompt 'Still rendering' -Duration 5
        $cancelled = New-SqVideo -Model kling-v2-1 -Prompt 'Cancelled' -Duration 5
        $null = Invoke-SandboxApi -Sandbox $Slow -Method Post -Path "/jobs/$($cancelled.JobUid)/cancel" -Key $LivePlain

        # Straight from New-SqVideo, without Wait-SqJob: the usual mistake.
        $files = @($running, $cancelled | Save-SqVideo -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        $files.Count | Should -Be 0
        $saveErrors.Count | Should -Be 2
        @($saveErrors | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('JobNotCompleted', 'JobNotCompleted')
        $saveErrors[0].TargetObject.JobUid | Should -Be $running.JobUid
        $saveErrors[0].Exception.Message | Should -Match "^Job $($running.JobUid) is (queued|running); only succeeded jobs have a video to save\."
        $saveErrors[1].TargetObject.JobUid | Should -Be $cancelled.JobUid
        $saveErrors[1].Exception.Message | Should -Match "^Job $($cancelled.JobUid) is cancelled"
        $saveErrors[0].ErrorDetails.RecommendedAction | Should -Be 'Pipe jobs through Wait-SqJob before Save-SqVideo.'
        @(Get-FolderEntry $folder).Count | Should -Be 0
    }
}

Describe 'Save-SqVideo against a failing download' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'reports ConnectionFailed after the retries, saying each retry with -Verbose, and leaves no partial file' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -MaximumRetryCount 1 -RetryIntervalSec 1
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ files = @{ ConnectionResetRate = 1 } } }
        $folder = New-TestFolder

        $out = @($Completed[0] | Save-SqVideo -Path $folder -Verbose -ErrorVariable saveErrors -ErrorAction SilentlyContinue 4>&1)
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { "$_" })

        @($out | Where-Object { $_ -is [System.IO.FileInfo] }).Count | Should -Be 0
        $saveErrors.Count | Should -Be 1
        Get-ErrorId $saveErrors[0] | Should -Be 'ConnectionFailed'
        $saveErrors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $saveErrors[0].TargetObject.JobUid | Should -Be $Completed[0].JobUid
        @($verbose | Where-Object { $_ -like "Retry 1/1 of GET */files/$($Completed[0].JobUid).mp4 after *" }).Count | Should -Be 1
        @(Get-FolderEntry $folder).Count | Should -Be 0
    }

    It 'gives up on a download whose answer takes longer than the connection''s -TimeoutSec, leaving no partial file' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -TimeoutSec 1 -MaximumRetryCount 0
        # Without the timeout the answer would take a minute.
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ files = @{ SlowResponseRate = 1; SlowResponseDelay = '00:01:00' } } }
        $folder = New-TestFolder
        $watch = [System.Diagnostics.Stopwatch]::StartNew()

        $files = @($Completed[0] | Save-SqVideo -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)
        $watch.Stop()

        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        $files.Count | Should -Be 0
        $saveErrors.Count | Should -Be 1
        Get-ErrorId $saveErrors[0] | Should -Be 'ConnectionFailed'
        $saveErrors[0].Exception.Message | Should -Match 'no answer within 1 s'
        @(Get-FolderEntry $folder).Count | Should -Be 0
    }

    It 'gives up on a download cut every time, saying so, and leaves no partial file' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -MaximumRetryCount 1 -RetryIntervalSec 1
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ files = @{ TruncatedDownloadRate = 1 } } }
        $folder = New-TestFolder

        $files = @($Completed[0] | Save-SqVideo -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        $files.Count | Should -Be 0
        $saveErrors.Count | Should -Be 1
        Get-ErrorId $saveErrors[0] | Should -Be 'SaveFailed'
        $saveErrors[0].CategoryInfo.Category | Should -Be 'WriteError'
        $saveErrors[0].Exception.Message | Should -Match 'is incomplete'
        @(Get-FolderEntry $folder).Count | Should -Be 0
    }

    It 'resumes a cut download where it stopped, says so with -Verbose, and saves the whole video' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $uid = $Completed[1].JobUid
        # Half of the downloads are cut; a seed decides which. Try seeds until the first download of the file is cut.
        $resumed = $null
        foreach ($seed in 1..20) {
            $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Seed = $seed; Routes = @{ files = @{ TruncatedDownloadRate = 0.5 } } }
            $folder = New-TestFolder
            $out = @($Completed[1] | Save-SqVideo -Path $folder -Verbose -ErrorVariable saveErrors 4>&1)
            $saveErrors.Count | Should -Be 0
            Assert-SavedVideo -File @($out | Where-Object { $_ -is [System.IO.FileInfo] })[0] -JobUid $uid
            if ((Get-SandboxChaosCount -Sandbox $Sandbox -Kind truncated_download) -gt 0) {
                $resumed = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { "$_" })
                break
            }
        }

        $resumed | Should -Not -BeNullOrEmpty
        @($resumed | Where-Object { $_ -like "Resume 1/* of GET */files/$uid.mp4 at byte * of *" }).Count | Should -BeGreaterThan 0
        @(Get-FolderEntry $folder) | Should -Be @("$uid.mp4")
    }
}

Describe 'Save-SqVideo progress and -Verbose' {
    It 'shows one progress bar of videos done and megabytes written, and removes it at the end' {
        $folder = New-TestFolder
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $TestPlain
        try {
            $null = $ps.AddCommand('Save-SqVideo').AddParameter('InputObject', $Completed).AddParameter('Path', $folder)
            $files = @($ps.Invoke())
            $progress = @($ps.Streams.Progress)

            $ps.Streams.Error.Count | Should -Be 0
            $files.Count | Should -Be 3
            @($progress | ForEach-Object { $_.Activity } | Select-Object -Unique) | Should -Be @('Saving SmartlyQ videos')
            @($progress | ForEach-Object { $_.ActivityId } | Select-Object -Unique).Count | Should -Be 1
            $running = @($progress | Where-Object { $_.RecordType -eq 'Processing' })
            $running.Count | Should -BeGreaterThan 0
            foreach ($record in $running) {
                $record.StatusDescription | Should -Match '^[0-3] of [0-3] videos done, \d+\.\d MB written$'
                $record.PercentComplete | Should -BeGreaterOrEqual 0
                $record.PercentComplete | Should -BeLessOrEqual 100
            }
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'says with -Verbose where it saved each video and how many bytes' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
        $folder = New-TestFolder
        $uid = $Completed[2].JobUid

        $verbose = @($Completed[2] | Save-SqVideo -Path $folder -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { "$_" })

        $length = (Get-SandboxVideoHash -Sandbox $Sandbox -JobUid $uid).length
        $verbose | Should -Contain ("Saved $uid to " + (Join-Path $folder "$uid.mp4") + ' (' + $length.ToString('N0', [System.Globalization.CultureInfo]::InvariantCulture) + ' bytes).')
    }
}

Describe 'Save-SqVideo and Ctrl+C' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'stops a 2 GB download at once, leaving neither the video nor a partial file' {
        $folder = New-TestFolder
        $job = $BigCompleted[0]
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $Big.BaseUri -Key $LivePlain
        try {
            $null = $ps.AddCommand('Save-SqVideo').AddParameter('InputObject', $job).AddParameter('Path', $folder)
            $handle = $ps.BeginInvoke()
            # Under way: the temporary file is growing.
            Wait-TestCondition { @(Get-ChildItem -LiteralPath $folder -Force | Where-Object { $_.Length -gt 1MB }).Count -gt 0 } -TimeoutSec 60 -IntervalMs 20 | Should -BeTrue
            @(Get-FolderEntry $folder)[0] | Should -BeLike ".$($job.JobUid).mp4.*.partial"

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Streams.Error.Count | Should -Be 0
            # The download removes its temporary file as it ends (the command waits up to a second for that).
            Wait-TestCondition { @(Get-FolderEntry $folder).Count -eq 0 } -TimeoutSec 5 | Should -BeTrue
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'stops at once while the file server has not answered yet, leaving no partial file' {
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ files = @{ SlowResponseRate = 1; SlowResponseDelay = '00:01:00' } } }
        $folder = New-TestFolder
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $TestPlain
        try {
            $null = $ps.AddCommand('Save-SqVideo').AddParameter('InputObject', $Completed[0]).AddParameter('Path', $folder)
            $handle = $ps.BeginInvoke()
            Wait-TestCondition { (Get-SandboxChaosCount -Sandbox $Sandbox -Kind slow_response) -ge 1 } -TimeoutSec 30 | Should -BeTrue

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Wait-TestCondition { @(Get-FolderEntry $folder).Count -eq 0 } -TimeoutSec 5 | Should -BeTrue
        }
        finally {
            $ps.Dispose()
        }
    }
}
