#Requires -Version 5.1
# New-SqVideo against the sandbox: binding from Import-Csv rows and from objects, every row error (binding,
# validation, API) with its ErrorId, category and TargetObject, the 402 rule and its warning, scopes, -WhatIf and
# -Confirm, -Verbose, retries that charge once, and Ctrl+C. The ledger (/sandbox/ledger) shows what was submitted.
# Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $ExamplesCsv = Join-Path (Get-TestRepoRoot) 'examples/prompts.csv'
    $LivePlain = Get-TestKeyText -Mode Live
    $TestPlain = Get-TestKeyText -Mode Test
    # 0.60 SQC: two 5 s kling-v2-1 jobs (0.28 each), then 0.04 is left.
    $PoorPlain = 'sqk_live_pester_poor_00000000000000'
    # May read models and jobs, may not submit.
    $ReadOnlyPlain = 'sqk_live_pester_readonly_0000000000'
    # May submit, may not read the model list.
    $NoModelsPlain = 'sqk_live_pester_nomodels_0000000000'
    $Sandbox = Start-TestSandbox -Name 'new-video' -Argument @(
        "--Sandbox:Keys:0:Key=$LivePlain"
        "--Sandbox:Keys:1:Key=$TestPlain"
        "--Sandbox:Keys:2:Key=$PoorPlain"
        '--Sandbox:Keys:2:Balance=0.60'
        "--Sandbox:Keys:3:Key=$ReadOnlyPlain"
        '--Sandbox:Keys:3:Scopes:0=videos:read'
        '--Sandbox:Keys:3:Scopes:1=jobs:read'
        "--Sandbox:Keys:4:Key=$NoModelsPlain"
        '--Sandbox:Keys:4:Scopes:0=videos:write'
        '--Sandbox:Keys:4:Scopes:1=jobs:read'
    )
    $BaseUri = $Sandbox.BaseUri
    $LiveKey = ConvertTo-TestSecureKey $LivePlain
    $TestKey = ConvertTo-TestSecureKey $TestPlain

    function New-RowCsv {
        # Writes rows (hashtables) to a CSV with Export-Csv, as a user's spreadsheet would be, and returns its path.
        param([Parameter(Mandatory)][hashtable[]]$Rows, [string[]]$Columns)
        if (-not $Columns) { $Columns = @($Rows | ForEach-Object { $_.Keys } | Select-Object -Unique) }
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.csv')
        $objects = foreach ($row in $Rows) {
            $ordered = [ordered]@{}
            foreach ($column in $Columns) {
                if ($row.ContainsKey($column)) { $ordered[$column] = $row[$column] } else { $ordered[$column] = '' }
            }
            [pscustomobject]$ordered
        }
        $objects | Export-Csv -LiteralPath $path -NoTypeInformation -Encoding ASCII
        $path
    }

    function New-Tag {
        [guid]::NewGuid().ToString('N').Substring(0, 12)
    }

    function Get-SubmittedCount {
        # Submissions the sandbox accepted (ledger entries, 0 SQC for the test key) since it counted -Before.
        param([Parameter(Mandatory)][int]$Before)
        (Get-LedgerEntryCount -Sandbox $Sandbox) - $Before
    }
}

AfterAll {
    Stop-TestSandbox -All
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
        $ledger = Get-Ledger -Sandbox $Sandbox
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
        $before = @((Get-Ledger -Sandbox $Sandbox).entries).Count

        $output = Import-Csv -LiteralPath $ExamplesCsv | New-SqVideo -WhatIf -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        @((Get-Ledger -Sandbox $Sandbox).entries).Count | Should -Be $before
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'binds column names in any case and ignores columns it does not know' {
        $tag = New-Tag
        $csv = New-CsvFile -Name 'upper.csv' -Lines @(
            'MODEL,Prompt,DURATION,Aspect_Ratio,notes,owner'
            "kling-v2-1,A lighthouse in fog $tag,10,9:16,for the spring campaign,me"
        )

        $job = Import-Csv -LiteralPath $csv | New-SqVideo

        $job.Model | Should -Be 'kling-v2-1'
        $job.Prompt | Should -Be "A lighthouse in fog $tag"
        $job.Duration | Should -Be 10
    }

    It 'trims blanks around cells' {
        $tag = New-Tag
        $csv = New-CsvFile -Name 'blanks.csv' -Lines @(
            'model,prompt,duration,resolution'
            "  kling-v2-1 ,  A kite $tag  , 5 , 720p "
        )

        $job = Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors

        $rowErrors.Count | Should -Be 0
        $job.Model | Should -Be 'kling-v2-1'
        $job.Prompt | Should -Be "A kite $tag"
        $job.Duration | Should -Be 5
    }

    It 'applies a parameter given on the command line to every row' {
        $tag = New-Tag
        $csv = New-CsvFile -Name 'no-duration.csv' -Lines @(
            'model,prompt'
            "kling-v2-1,One $tag"
            "pixverse-v4-5,Two $tag"
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -Duration 5)

        $jobs.Count | Should -Be 2
        @($jobs | ForEach-Object { $_.Duration }) | Should -Be @(5, 5)
        @($jobs | ForEach-Object { $_.Model }) | Should -Be @('kling-v2-1', 'pixverse-v4-5')
    }

    It 'reports every row of a CSV without a model column as missing Model, and sends nothing' {
        $before = Get-LedgerEntryCount -Sandbox $Sandbox
        $csv = New-CsvFile -Name 'no-model.csv' -Lines @(
            'prompt,duration'
            'A cat on a sofa,5'
            'A dog on a sofa,5'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 0
        $rowErrors.Count | Should -Be 2
        Get-ErrorId $rowErrors[0] | Should -Be 'InputObjectMissingMandatory'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $rowErrors[0].Exception.Message | Should -Match 'Model'
        $rowErrors[1].TargetObject.prompt | Should -Be 'A dog on a sofa'
        Get-SubmittedCount -Before $before | Should -Be 0
    }
}

Describe 'New-SqVideo binding from objects' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'binds a [pscustomobject] with typed values' {
        $tag = New-Tag
        $row = [pscustomobject]@{ Model = 'veo-3'; Prompt = "A hummingbird $tag"; Duration = 8; Seed = [long]123456789; GenerateAudio = $true; Resolution = '720p' }

        $job = $row | New-SqVideo

        $job.Model | Should -Be 'veo-3'
        $job.Duration | Should -Be 8
        $job.Prompt | Should -Be "A hummingbird $tag"
        @((Get-Ledger -Sandbox $Sandbox -JobUid $job.JobUid).entries).Count | Should -Be 1
    }

    It 'binds the Model of a model piped from Get-SqVideoModel' {
        $tag = New-Tag

        $jobs = @(Get-SqVideoModel -Name 'pixverse-*' | New-SqVideo -Prompt "Any pixverse $tag" -Duration 5)

        $jobs.Count | Should -Be 1
        $jobs[0].Model | Should -Be 'pixverse-v4-5'
    }

    It 'gives back the same job, charging nothing, when a submitted job is piped in again' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
        $first = New-SqVideo -Model kling-v2-1 -Prompt ('A second look ' + (New-Tag)) -Duration 5
        $charged = @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' }).Count

        $again = $first | New-SqVideo

        $again.JobUid | Should -Be $first.JobUid
        $again.IdempotencyKey | Should -Be $first.IdempotencyKey
        @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' }).Count | Should -Be $charged
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'submits rows from a hashtable list turned into objects, each as its own job' {
        $tag = New-Tag
        $rows = @(
            @{ model = 'kling-v2-1'; prompt = "Row one $tag"; duration = '5' }
            @{ model = 'kling-v2-1'; prompt = "Row two $tag"; duration = '10' }
        ) | ForEach-Object { [pscustomobject]$_ }

        $jobs = @($rows | New-SqVideo)

        $jobs.Count | Should -Be 2
        $jobs[0].JobUid | Should -Not -Be $jobs[1].JobUid
        @($jobs | ForEach-Object { $_.Duration }) | Should -Be @(5, 10)
    }
}

Describe 'New-SqVideo row errors' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    # Each bad row sits between two good rows: one error about it, the good rows still submitted, the bad one not.
    It 'reports <Case> as <ErrorId> (<Category>) and submits the rows around it' -ForEach @(
        @{ Case = "duration '10.5'"; Row = @{ duration = '10.5' }; ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Mentions = @('Duration', "'10.5'") }
        @{ Case = "duration '99999999999'"; Row = @{ duration = '99999999999' }; ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Mentions = @('Duration', '99999999999') }
        @{ Case = "seed 'maybe'"; Row = @{ model = 'pixverse-v4-5'; seed = 'maybe' }; ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Mentions = @('Seed', "'maybe'") }
        @{ Case = "generate_audio 'maybe'"; Row = @{ model = 'veo-3'; duration = '8'; generate_audio = 'maybe' }; ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Mentions = @('GenerateAudio', 'true or false') }
        @{ Case = "camera_fixed '2'"; Row = @{ model = 'seedance-1-pro'; camera_fixed = '2' }; ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Mentions = @('CameraFixed', "'2'") }
        @{ Case = "type 'text-to-video'"; Row = @{ type = 'text-to-video' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Mentions = @('Type', 'text-to-video') }
        @{ Case = "unknown model 'sora-2'"; Row = @{ model = 'sora-2' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @("'sora-2'", 'kling-v2-1, pixverse-v4-5, veo-3, seedance-1-pro') }
        @{ Case = 'an empty model cell'; Row = @{ model = '' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('model is required') }
        @{ Case = 'duration 7 on kling-v2-1'; Row = @{ duration = '7' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('duration 7', '5, 10') }
        @{ Case = "resolution '4k'"; Row = @{ resolution = '4k' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @("'4k'", '720p, 1080p') }
        @{ Case = 'a style on kling-v2-1'; Row = @{ style = 'Anime' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('does not take style') }
        @{ Case = 'a seed on kling-v2-1'; Row = @{ seed = '42' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('does not support seed') }
        @{ Case = 'a prompt over the model limit'; Row = @{ prompt = ('x' * 2501) }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('at most 2500') }
        @{ Case = 'image_to_video without image_url'; Row = @{ type = 'image_to_video' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('required for type image_to_video') }
        @{ Case = 'an image_url with a file: scheme'; Row = @{ type = 'image_to_video'; image_url = 'file:///etc/passwd' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('http or https') }
        @{ Case = 'text_to_video with an image_url'; Row = @{ type = 'text_to_video'; image_url = 'https://images.example.com/cat.png' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('only used with type image_to_video') }
        @{ Case = 'two bad fields at once'; Row = @{ duration = '7'; aspect_ratio = '4:3' }; ErrorId = 'VALIDATION_ERROR'; Category = 'InvalidArgument'; Mentions = @('duration', 'aspect_ratio') }
    ) {
        $tag = New-Tag
        $columns = @('model', 'type', 'prompt', 'image_url', 'duration', 'resolution', 'aspect_ratio', 'style', 'seed', 'generate_audio', 'camera_fixed')
        $bad = @{ model = 'kling-v2-1'; prompt = "Bad row $tag"; duration = '5' }
        foreach ($key in $Row.Keys) { $bad[$key] = $Row[$key] }
        $csv = New-RowCsv -Columns $columns -Rows @(
            @{ model = 'kling-v2-1'; prompt = "Good row one $tag"; duration = '5' }
            $bad
            @{ model = 'kling-v2-1'; prompt = "Good row two $tag"; duration = '5' }
        )
        $before = Get-LedgerEntryCount -Sandbox $Sandbox

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        @($jobs | ForEach-Object { $_.Prompt }) | Should -Be @("Good row one $tag", "Good row two $tag")
        $rowErrors.Count | Should -Be 1
        Get-ErrorId $rowErrors[0] | Should -Be $ErrorId
        $rowErrors[0].CategoryInfo.Category | Should -Be $Category
        # The row itself (binding errors) or the values bound from it (validation errors).
        $rowErrors[0].TargetObject.Prompt | Should -Be $bad.prompt
        foreach ($mention in $Mentions) {
            $rowErrors[0].Exception.Message | Should -Match ([regex]::Escape($mention))
        }
        Get-SubmittedCount -Before $before | Should -Be 2
    }

    It 'refuses an idempotency key reused for a different request as CONFLICT, naming the key' {
        $key = [guid]::NewGuid().ToString()
        $null = New-SqVideo -Model kling-v2-1 -Prompt 'The original request' -Duration 5 -IdempotencyKey $key
        $csv = New-CsvFile -Name 'reused-key.csv' -Lines @(
            'model,prompt,duration,idempotency_key'
            "kling-v2-1,A different request,5,$key"
            'kling-v2-1,A request with a fresh key,5,'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        @($jobs | ForEach-Object { $_.Prompt }) | Should -Be @('A request with a fresh key')
        $rowErrors.Count | Should -Be 1
        Get-ErrorId $rowErrors[0] | Should -Be 'CONFLICT'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $rowErrors[0].TargetObject.IdempotencyKey | Should -Be $key
        $rowErrors[0].Exception.Message | Should -Match ([regex]::Escape($key))
        $rowErrors[0].ErrorDetails.RecommendedAction | Should -Match 'new idempotency key'
        @((Get-Ledger -Sandbox $Sandbox -IdempotencyKey $key).entries).Count | Should -Be 1
    }

    It 'gives back the original job for an idempotency key reused with the same request' {
        $key = [guid]::NewGuid().ToString()

        $first = New-SqVideo -Model kling-v2-1 -Prompt 'Same request twice' -Duration 5 -IdempotencyKey $key
        $second = New-SqVideo -Model kling-v2-1 -Prompt 'Same request twice' -Duration 5 -IdempotencyKey $key

        $second.JobUid | Should -Be $first.JobUid
        @((Get-Ledger -Sandbox $Sandbox -IdempotencyKey $key).entries).Count | Should -Be 1
    }

    It 'stops the whole batch at the first bad row with -ErrorAction Stop, submitting nothing after it' {
        $tag = New-Tag
        $csv = New-CsvFile -Name 'stop.csv' -Lines @(
            'model,prompt,duration'
            "kling-v2-1,First $tag,5"
            "kling-v2-1,Bad $tag,7"
            "kling-v2-1,Never sent $tag,5"
        )
        $before = Get-LedgerEntryCount -Sandbox $Sandbox

        $thrown = { Import-Csv -LiteralPath $csv | New-SqVideo -ErrorAction Stop } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'VALIDATION_ERROR'
        $thrown.TargetObject.Prompt | Should -Be "Bad $tag"
        Get-SubmittedCount -Before $before | Should -Be 1
    }

    It 'refuses an empty -BatchId before submitting anything' {
        $thrown = { New-SqVideo -Model kling-v2-1 -Prompt 'x' -Duration 5 -BatchId '' } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'ParameterArgumentValidationError'
        $thrown.Exception.Message | Should -Match 'BatchId'
    }
}

Describe 'New-SqVideo when the wallet runs out' {
    It 'reports the row that met a 402 with the balance and the cost, holds back the rest and warns how many' {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $PoorPlain) -BaseUri $BaseUri
        $tag = New-Tag
        $csv = New-CsvFile -Name 'poor.csv' -Lines @(
            'model,prompt,duration'
            "kling-v2-1,Paid one $tag,5"
            "kling-v2-1,Paid two $tag,5"
            "kling-v2-1,Too expensive $tag,5"
            "kling-v2-1,Held back one $tag,5"
            "kling-v2-1,Held back two $tag,5"
        )
        $before = Get-LedgerEntryCount -Sandbox $Sandbox

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)

        @($jobs | ForEach-Object { $_.Prompt }) | Should -Be @("Paid one $tag", "Paid two $tag")
        $rowErrors.Count | Should -Be 1
        Get-ErrorId $rowErrors[0] | Should -Be 'INSUFFICIENT_BALANCE'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $rowErrors[0].TargetObject.Prompt | Should -Be "Too expensive $tag"
        $rowErrors[0].Exception.Message | Should -Match 'the wallet has 0\.0400 SQC'
        $rowErrors[0].Exception.Message | Should -Match 'would cost 0\.2800 SQC'
        $rowErrors[0].Exception.Message | Should -Match 'No further rows are submitted'
        $rowErrors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-SqBalance'
        (Get-ErrorText $rowErrors) | Should -Not -Match $PoorPlain
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match '^2 more row\(s\) were not submitted because the wallet balance ran out'
        Get-SubmittedCount -Before $before | Should -Be 2
    }
}

Describe 'New-SqVideo and key scopes' {
    It 'reports each row as FORBIDDEN for a key that may not submit, and goes on' {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $ReadOnlyPlain) -BaseUri $BaseUri
        $csv = New-CsvFile -Name 'read-only.csv' -Lines @(
            'model,prompt,duration'
            'kling-v2-1,First,5'
            'kling-v2-1,Second,5'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 0
        $rowErrors.Count | Should -Be 2
        @($rowErrors | ForEach-Object { Get-ErrorId $_ }) | Should -Be @('FORBIDDEN', 'FORBIDDEN')
        $rowErrors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $rowErrors[1].TargetObject.Prompt | Should -Be 'Second'
        $rowErrors[0].Exception.Message | Should -Match 'videos:write'
        $rowErrors[0].ErrorDetails.RecommendedAction | Should -Match 'scope'
        (Get-ErrorText $rowErrors) | Should -Not -Match $ReadOnlyPlain
    }

    It 'stops at the first row when the model list cannot be read' {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $NoModelsPlain) -BaseUri $BaseUri
        $before = Get-LedgerEntryCount -Sandbox $Sandbox
        $csv = New-CsvFile -Name 'no-models.csv' -Lines @(
            'model,prompt,duration'
            'kling-v2-1,First,5'
            'kling-v2-1,Second,5'
        )

        $thrown = { Import-Csv -LiteralPath $csv | New-SqVideo } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'FORBIDDEN'
        $thrown.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $thrown.Exception.Message | Should -Match 'could not read the model list'
        $thrown.TargetObject.Prompt | Should -Be 'First'
        Get-SubmittedCount -Before $before | Should -Be 0
    }

    It 'stops with NotConnected in a runspace that never connected' {
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $null = $ps.AddScript('try { New-SqVideo -Model kling-v2-1 -Prompt x -Duration 5 } catch { $_ }')
            $result = @($ps.Invoke())
        }
        finally {
            $ps.Dispose()
        }

        Get-ErrorId $result[0] | Should -Be 'NotConnected'
        $result[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }
}

Describe 'New-SqVideo -WhatIf and -Confirm' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri
    }

    It 'says under -WhatIf what it would submit, through which provider, and what it costs' {
        $transcript = Join-Path $TestDrive 'whatif.txt'
        $tag = New-Tag
        $null = Start-Transcript -LiteralPath $transcript
        try {
            New-SqVideo -Model kling-v2-1 -Prompt "A quiet harbour $tag" -Duration 10 -WhatIf
        }
        finally {
            $null = Stop-Transcript
        }

        $text = Get-Content -LiteralPath $transcript -Raw
        $text | Should -Match ([regex]::Escape("What if: Performing the operation `"Submit a text_to_video job of 10 s, cost 0.5600 SQC`" on target `"SmartlyQ kling-v2-1: 'A quiet harbour $tag'`""))
    }

    It 'still reports the rows the model cannot take under -WhatIf' {
        $before = Get-LedgerEntryCount -Sandbox $Sandbox
        $csv = New-CsvFile -Name 'whatif-bad.csv' -Lines @(
            'model,prompt,duration'
            'kling-v2-1,Would be fine,5'
            'kling-v2-1,Would be refused,7'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -WhatIf -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 0
        $rowErrors.Count | Should -Be 1
        Get-ErrorId $rowErrors[0] | Should -Be 'VALIDATION_ERROR'
        $rowErrors[0].TargetObject.Prompt | Should -Be 'Would be refused'
        Get-SubmittedCount -Before $before | Should -Be 0
    }

    It 'asks before submitting when $ConfirmPreference is Medium, and sends nothing when it cannot ask' {
        # A runspace without an interactive host cannot show the prompt: that proves one was asked for.
        $before = Get-LedgerEntryCount -Sandbox $Sandbox
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $LivePlain
        try {
            $null = $ps.AddScript('$ConfirmPreference = "Medium"; New-SqVideo -Model kling-v2-1 -Prompt "Needs a yes" -Duration 5')
            $jobs = @($ps.Invoke())

            $jobs.Count | Should -Be 0
            @($ps.Streams.Error | ForEach-Object { Get-ErrorId $_ }) | Should -Contain 'HostFunctionNotImplemented'
            ($ps.Streams.Error | Out-String) | Should -Match 'Submit a text_to_video job'
            Get-SubmittedCount -Before $before | Should -Be 0
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'submits without asking with -Confirm:$false, even when $ConfirmPreference is Medium' {
        $before = Get-LedgerEntryCount -Sandbox $Sandbox
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $LivePlain
        try {
            $null = $ps.AddScript('$ConfirmPreference = "Medium"; New-SqVideo -Model kling-v2-1 -Prompt "No questions" -Duration 5 -Confirm:$false')
            $jobs = @($ps.Invoke())

            $ps.Streams.Error.Count | Should -Be 0
            $jobs.Count | Should -Be 1
            Get-SubmittedCount -Before $before | Should -Be 1
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'New-SqVideo -Verbose and retries' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'says with -Verbose which job it submitted and what it cost, never the key' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri

        $out = @(New-SqVideo -Model kling-v2-1 -Prompt 'A verbose kite' -Duration 5 -Verbose 4>&1)
        $job = @($out | Where-Object { $_ -is [SmartlyQ.Video.Core.Models.VideoJob] })[0]
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { "$_" })

        @($verbose | Where-Object { $_ -like "Submitted $($job.JobUid) for kling-v2-1; cost 0.2800 SQC (request req_*)." }).Count | Should -Be 1
        ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($LivePlain))
    }

    It 'retries a submission whose answer was lost, says so with -Verbose, and is charged once' {
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri -MaximumRetryCount 2 -RetryIntervalSec 1
        # The job is created and charged, then the connection drops before the answer; the retry (same
        # idempotency key) gets the original answer.
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ generate = @{ AcceptThenDropRate = 1 } } }
        $before = Get-LedgerEntryCount -Sandbox $Sandbox

        $out = @(New-SqVideo -Model kling-v2-1 -Prompt ('A dropped answer ' + (New-Tag)) -Duration 5 -Verbose -ErrorVariable submitErrors 4>&1)
        $jobs = @($out | Where-Object { $_ -is [SmartlyQ.Video.Core.Models.VideoJob] })
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { "$_" })

        $submitErrors.Count | Should -Be 0
        $jobs.Count | Should -Be 1
        @($verbose | Where-Object { $_ -like 'Retry 1/2 of POST /videos/generate after *' }).Count | Should -Be 1
        Get-SandboxChaosCount -Sandbox $Sandbox -Kind accept_then_drop | Should -Be 1
        Get-SubmittedCount -Before $before | Should -Be 1
        @((Get-Ledger -Sandbox $Sandbox -JobUid $jobs[0].JobUid).entries | Where-Object { $_.kind -eq 'charge' }).Count | Should -Be 1
    }

    It 'reports a row as ConnectionFailed when the API cannot be reached after the retries, and goes on' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -MaximumRetryCount 0
        $null = Get-SqVideoModel
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ generate = @{ ConnectionResetRate = 1 } } }
        $csv = New-CsvFile -Name 'reset.csv' -Lines @(
            'model,prompt,duration'
            'kling-v2-1,Lost one,5'
            'kling-v2-1,Lost two,5'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 0
        $rowErrors.Count | Should -Be 2
        Get-ErrorId $rowErrors[0] | Should -Be 'ConnectionFailed'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $rowErrors[1].TargetObject.Prompt | Should -Be 'Lost two'
        $rowErrors[0].Exception.Message | Should -Match 'idempotency key'
    }
}

Describe 'New-SqVideo and Ctrl+C' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'stops at once while a submission is under way and submits nothing afterwards' {
        # Every submission takes 3 s at the sandbox: the batch is stopped during its second row.
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ generate = @{ SlowResponseRate = 1; SlowResponseDelay = '00:00:03' } } }
        $tag = New-Tag
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $TestPlain
        try {
            $null = $ps.AddScript('param($Tag) 1..6 | ForEach-Object { [pscustomobject]@{ Model = "kling-v2-1"; Prompt = "Row $_ $Tag"; Duration = 5 } } | New-SqVideo').AddArgument($tag)
            $before = Get-LedgerEntryCount -Sandbox $Sandbox
            $handle = $ps.BeginInvoke()
            Wait-TestCondition { (Get-SubmittedCount -Before $before) -ge 1 } -TimeoutSec 30 | Should -BeTrue

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()
            $atStop = Get-SubmittedCount -Before $before
            # Longer than a slow submission takes: a request still open at the sandbox would have created its job by now.
            Start-Sleep -Milliseconds 3500

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $atStop | Should -BeLessThan 6
            Get-SubmittedCount -Before $before | Should -Be $atStop
        }
        finally {
            $ps.Dispose()
        }
    }
}
