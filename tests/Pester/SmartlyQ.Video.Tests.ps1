#Requires -Version 5.1
# Pester 5 suite: the SmartlyQ.Video module, as users run it, against the local sandbox API.
# Uses out/SmartlyQ.Video (./build.ps1 -Task Build; built here when missing) and needs the .NET SDK for the sandbox.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    $RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
    $ModuleManifest = Join-Path $RepoRoot 'out/SmartlyQ.Video/SmartlyQ.Video.psd1'
    $ExamplesCsv = Join-Path $RepoRoot 'examples/prompts.csv'
    $LivePlain = 'sqk_live_sandbox_00000000000000000000'
    $LiveKey = ConvertTo-SecureString -String $LivePlain -AsPlainText -Force
    $TestKey = ConvertTo-SecureString -String 'sqk_test_sandbox_00000000000000000000' -AsPlainText -Force
    $ExpectedCmdlets = @('Connect-SmartlyQ', 'Disconnect-SmartlyQ', 'Get-SqBalance', 'Get-SqJob', 'Get-SqVideoModel', 'New-SqVideo', 'Save-SqVideo', 'Stop-SqJob', 'Wait-SqJob')

    if (-not (Test-Path -LiteralPath $ModuleManifest)) {
        & (Join-Path $RepoRoot 'build.ps1') -Task Build
    }
    Import-Module -Name $ModuleManifest -Force

    # The sandbox is built and run from its DLL so that Stop-Process ends the server itself ('dotnet run' would
    # leave its child process running).
    $SandboxDir = Join-Path ([System.IO.Path]::GetTempPath()) ('sq-pester-sandbox-' + [guid]::NewGuid().ToString('N'))
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
    # Fast jobs and no rate limit: the suite sends far more than 60 requests a minute.
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

    function New-CsvFile {
        param([string]$Name, [string[]]$Lines)
        $path = Join-Path $TestDrive $Name
        Set-Content -LiteralPath $path -Value $Lines -Encoding ASCII
        $path
    }

    function Get-ErrorId {
        # FullyQualifiedErrorId is "<ErrorId>,<cmdlet class>".
        param([System.Management.Automation.ErrorRecord]$ErrorRecord)
        $ErrorRecord.FullyQualifiedErrorId.Split(',')[0]
    }
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

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest with the version of Directory.Build.props' {
        $props = New-Object System.Xml.XmlDocument
        $props.Load((Join-Path $RepoRoot 'Directory.Build.props'))
        $manifest = Test-ModuleManifest -Path $ModuleManifest

        $manifest.Version.ToString() | Should -Be $props.SelectSingleNode('/Project/PropertyGroup/Version').InnerText.Trim()
        $manifest.RootModule | Should -Be 'SmartlyQ.Video.dll'
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'exports exactly the nine cmdlets and nothing else' {
        $module = Get-Module -Name SmartlyQ.Video

        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $ExpectedCmdlets
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'ships its dependencies but not System.Management.Automation.dll' {
        $moduleDir = Split-Path -Parent $ModuleManifest

        Join-Path $moduleDir 'dependencies/SmartlyQ.Video.Core.dll' | Should -Exist
        Join-Path $moduleDir 'dependencies/System.Text.Json.dll' | Should -Exist
        Join-Path $moduleDir 'System.Management.Automation.dll' | Should -Not -Exist
    }
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
}

Describe 'Get-SqVideoModel' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'lists the models, filtered by wildcard and type' {
        $all = @(Get-SqVideoModel)
        $imageModels = @(Get-SqVideoModel -Type image_to_video)

        $all.Count | Should -BeGreaterThan 1
        $all[0] | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoModel'
        (Get-SqVideoModel -Name 'kling*').Model | Should -Be 'kling-v2-1'
        $imageModels.Count | Should -BeGreaterThan 0
        foreach ($model in $imageModels) {
            $model.Types | Should -Contain 'image_to_video'
        }
    }

    It 'stops cleanly when a downstream command needs no more (Select-Object -First 1)' {
        @(Get-SqVideoModel -Refresh | Select-Object -First 1).Count | Should -Be 1
        @(Get-SqVideoModel).Count | Should -BeGreaterThan 1
    }

    It 'reports an unknown model name as a non-terminating error' {
        Get-SqVideoModel -Name 'no-such-model' -ErrorVariable notFound -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Get-ErrorId $notFound[0] | Should -Be 'ModelNotFound'
    }
}

Describe 'New-SqVideo binding from Import-Csv' {
    BeforeAll {
        # The test key charges nothing; the ledger still records each submission with its idempotency key.
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'binds snake_case columns and converts CSV text ("10", "7", "true", "yes", "")' {
        $audioKey = [guid]::NewGuid().ToString()
        $cameraKey = [guid]::NewGuid().ToString()
        $csv = New-CsvFile -Name 'snake.csv' -Lines @(
            'model,type,prompt,image_url,duration,resolution,mode,aspect_ratio,style,movement,negative_prompt,seed,generate_audio,camera_fixed,idempotency_key'
            "seedance-1-pro,text_to_video,A paper boat drifting down a rain gutter,,10,720p,,16:9,,,,7,,true,$cameraKey"
            "veo-3,,A hummingbird hovering over a red flower,,8,1080p,Fast,16:9,,,,,yes,,$audioKey"
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo)

        $jobs.Count | Should -Be 2
        $jobs[0] | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
        $jobs[0].Duration | Should -Be 10
        $jobs[0].IdempotencyKey | Should -Be $cameraKey
        $jobs[1].Type | Should -Be 'text_to_video'
        $jobs[1].Duration | Should -Be 8
        $jobs[1].IdempotencyKey | Should -Be $audioKey
        $ledger = Get-Ledger
        @($ledger.entries | Where-Object { $_.idempotency_key -eq $cameraKey -and $_.job_uid -eq $jobs[0].JobUid }).Count | Should -Be 1
        @($ledger.entries | Where-Object { $_.idempotency_key -eq $audioKey -and $_.job_uid -eq $jobs[1].JobUid }).Count | Should -Be 1
    }

    It 'binds PascalCase columns' {
        $csv = New-CsvFile -Name 'pascal.csv' -Lines @(
            'Model,Type,Prompt,ImageUrl,Duration,Resolution,AspectRatio,Style,Movement,Seed'
            'pixverse-v4-5,image_to_video,The lake ripples as a breeze passes,https://images.example.com/landscapes/alpine-lake.jpg,5,720p,16:9,Anime,Small,42'
        )

        $job = Import-Csv -LiteralPath $csv | New-SqVideo

        $job.Model | Should -Be 'pixverse-v4-5'
        $job.Type | Should -Be 'image_to_video'
        $job.ImageUrl | Should -Be 'https://images.example.com/landscapes/alpine-lake.jpg'
        $job.Duration | Should -Be 5
    }

    It 'rejects a cell that is not a number, naming the field, and goes on with the next row' {
        $csv = New-CsvFile -Name 'ten.csv' -Lines @(
            'model,prompt,duration'
            'kling-v2-1,A red kite over a beach,ten'
            'kling-v2-1,A blue kite over a beach,5'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 1
        $jobs[0].Prompt | Should -Be 'A blue kite over a beach'
        $rowErrors.Count | Should -Be 1
        $rowErrors[0].Exception | Should -BeOfType 'System.Management.Automation.ParameterBindingException'
        $rowErrors[0].Exception.Message | Should -Match 'Duration'
        $rowErrors[0].Exception.Message | Should -Match 'ten'
    }

    It 'reports a row the model cannot take (ErrorId, TargetObject, advice) and still submits the next row' {
        $csv = New-CsvFile -Name 'bad-row.csv' -Lines @(
            'model,type,prompt,duration,aspect_ratio'
            'kling-v2-1,text_to_video,Product shot of a red sneaker,10,4:3'
            'kling-v2-1,text_to_video,Product shot of a blue sneaker,10,16:9'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 1
        $jobs[0].Prompt | Should -Be 'Product shot of a blue sneaker'
        $rowErrors.Count | Should -Be 1
        Get-ErrorId $rowErrors[0] | Should -Be 'VALIDATION_ERROR'
        $rowErrors[0].FullyQualifiedErrorId | Should -Be 'VALIDATION_ERROR,SmartlyQ.Video.Cmdlets.NewSqVideoCommand'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $rowErrors[0].TargetObject.AspectRatio | Should -Be '4:3'
        $rowErrors[0].TargetObject.Prompt | Should -Be 'Product shot of a red sneaker'
        $rowErrors[0].Exception.Message | Should -Match 'aspect_ratio'
        $rowErrors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-SqVideoModel'
    }

    It 'sends nothing with -WhatIf, not even with a live key' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        $before = @((Get-Ledger).entries).Count

        $output = Import-Csv -LiteralPath $ExamplesCsv | New-SqVideo -WhatIf -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        @((Get-Ledger).entries).Count | Should -Be $before
    }
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
        $charges = @((Get-Ledger).entries | Where-Object { $_.kind -eq 'charge' -and $_.key_mode -eq 'live' })
        foreach ($file in $files) {
            @($charges | Where-Object { $_.job_uid -eq $file.BaseName }).Count | Should -Be 1
        }
    }

    It 'Wait-SqJob binds a job_uid column by property name' {
        $uid = $files[0].BaseName

        $job = [pscustomobject]@{ job_uid = $uid } | Wait-SqJob -PollIntervalSec 1 -TimeoutSec 60

        $job.JobUid | Should -Be $uid
        $job.Status.ToString() | Should -Be 'Completed'
    }

    It 'Save-SqVideo skips an existing file with a warning unless -Force' {
        $uid = $files[0].BaseName

        $skipped = Save-SqVideo -JobUid $uid -Path $TestDrive -WarningVariable skipWarnings -WarningAction SilentlyContinue
        $skipped | Should -BeNullOrEmpty
        $skipWarnings.Count | Should -Be 1

        (Save-SqVideo -JobUid $uid -Path $TestDrive -Force).Name | Should -Be "$uid.mp4"
    }

    It 'Save-SqVideo -WhatIf writes no file' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'whatif')

        Save-SqVideo -JobUid $files[0].BaseName -Path $folder.FullName -WhatIf | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $folder.FullName).Count | Should -Be 0
    }

    It 'Save-SqVideo stops when -Path is not an existing folder' {
        $thrown = { Save-SqVideo -JobUid $files[0].BaseName -Path (Join-Path $TestDrive 'missing') } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'PathNotFolder'
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
        $chargesAfterFirst = @((Get-Ledger).entries | Where-Object { $_.kind -eq 'charge' }).Count
        $second = @(Import-Csv -LiteralPath $csv | New-SqVideo -BatchId $batch)

        $first.Count | Should -Be 2
        $first[0].JobUid | Should -Not -Be $first[1].JobUid
        @($second | ForEach-Object { $_.JobUid }) | Should -Be @($first | ForEach-Object { $_.JobUid })
        @((Get-Ledger).entries | Where-Object { $_.kind -eq 'charge' }).Count | Should -Be $chargesAfterFirst
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

Describe 'Get-SqBalance' {
    It 'returns the wallet of the default connection' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri

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
}
