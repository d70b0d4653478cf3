#Requires -Version 5.1
# Pester 5 suite: how New-SqVideo takes its input in real PowerShell (prompts by position and by value, CSV rows by
# property name, misspelled columns, switches), against the local sandbox API. Uses out/SmartlyQ.Video (built here
# when missing) and needs the .NET SDK for the sandbox. Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $Sandbox = Start-TestSandbox -Name 'new-video-input'
    $BaseUri = $Sandbox.BaseUri
    $LiveKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Live)
    $TestKey = ConvertTo-TestSecureKey (Get-TestKeyText -Mode Test)
}

AfterAll {
    Stop-TestSandbox -All
}

Describe 'New-SqVideo takes prompts by position and by value' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'takes the prompt as the first positional argument' {
        $job = New-SqVideo 'A cat asleep on a sunny windowsill' -Model kling-v2-1

        $job | Should -BeOfType 'SmartlyQ.Video.Core.Models.VideoJob'
        $job.Prompt | Should -Be 'A cat asleep on a sunny windowsill'
        $job.Type | Should -Be 'text_to_video'
    }

    It 'takes piped strings as prompts, one job each' {
        $jobs = @('A red kite over a beach', 'A blue kite over a lake' | New-SqVideo -Model kling-v2-1 -Duration 5)

        $jobs.Count | Should -Be 2
        $jobs[0].Prompt | Should -Be 'A red kite over a beach'
        $jobs[1].Prompt | Should -Be 'A blue kite over a lake'
        $jobs[1].Duration | Should -Be 5
    }

    It 'takes the lines of Get-Content as prompts without warning about their PSPath properties' {
        $file = Join-Path $TestDrive 'prompts.txt'
        Set-Content -LiteralPath $file -Value @('A lighthouse in a storm', 'A fox in fresh snow') -Encoding ASCII

        $jobs = @(Get-Content -LiteralPath $file | New-SqVideo -Model kling-v2-1 -WarningVariable lineWarnings)

        @($jobs | ForEach-Object { $_.Prompt }) | Should -Be @('A lighthouse in a storm', 'A fox in fresh snow')
        $lineWarnings.Count | Should -Be 0
    }

    It 'binds an image_to_video CSV row without a prompt column by property name and never makes the row a prompt' {
        $key = [guid]::NewGuid().ToString()
        $csv = New-CsvFile -Name 'no-prompt.csv' -Lines @(
            'model,type,image_url,duration,idempotency_key'
            "pixverse-v4-5,image_to_video,https://images.example.com/landscapes/alpine-lake.jpg,5,$key"
        )

        $job = Import-Csv -LiteralPath $csv | New-SqVideo

        $job.Type | Should -Be 'image_to_video'
        $job.ImageUrl | Should -Be 'https://images.example.com/landscapes/alpine-lake.jpg'
        $job.Prompt | Should -BeNullOrEmpty
        @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.idempotency_key -eq $key -and $_.job_uid -eq $job.JobUid }).Count | Should -Be 1
    }

    It 'binds a row with only an image_url column when -Model is given on the command line' {
        $csv = New-CsvFile -Name 'image-only.csv' -Lines @(
            'image_url'
            'https://images.example.com/frames/one.png'
        )

        $job = Import-Csv -LiteralPath $csv | New-SqVideo -Model pixverse-v4-5

        $job.Type | Should -Be 'image_to_video'
        $job.Prompt | Should -BeNullOrEmpty
    }

    It 'treats an empty prompt cell of an image_to_video row as no prompt' {
        $csv = New-CsvFile -Name 'empty-prompt.csv' -Lines @(
            'model,prompt,image_url'
            'seedance-1-pro,,https://images.example.com/frames/two.png'
        )

        $job = Import-Csv -LiteralPath $csv | New-SqVideo

        $job.Type | Should -Be 'image_to_video'
        $job.Prompt | Should -BeNullOrEmpty
    }
}

Describe 'New-SqVideo refuses misspelled columns' {
    BeforeAll {
        # Live key: every accepted row is charged, so the ledger shows what a refused row did not cost.
        Connect-SmartlyQ -ApiKey $LiveKey -BaseUri $BaseUri

        # A row with the column, then a good row: one error naming the column and the parameter, one job, one charge.
        function Assert-ColumnRefused {
            param([string]$Column, [string]$Value, [string]$Parameter)
            $badKey = [guid]::NewGuid().ToString()
            $goodKey = [guid]::NewGuid().ToString()
            $bad = New-CsvFile -Name 'misspelled.csv' -Lines @(
                "model,prompt,idempotency_key,$Column"
                "kling-v2-1,A paper boat on a rainy street,$badKey,$Value"
            )
            $good = New-CsvFile -Name 'good.csv' -Lines @(
                'model,prompt,idempotency_key'
                "kling-v2-1,A paper boat on a sunny street,$goodKey"
            )
            $chargesBefore = @((Get-Ledger -Sandbox $Sandbox).entries | Where-Object { $_.kind -eq 'charge' }).Count

            $jobs = @(@(Import-Csv -LiteralPath $bad) + @(Import-Csv -LiteralPath $good) |
                New-SqVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue)

            $jobs.Count | Should -Be 1
            $jobs[0].IdempotencyKey | Should -Be $goodKey
            $rowErrors.Count | Should -Be 1
            Get-ErrorId $rowErrors[0] | Should -Be 'VALIDATION_ERROR'
            $rowErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $rowErrors[0].Exception.Message | Should -Match ([regex]::Escape("column '$Column'"))
            $rowErrors[0].Exception.Message | Should -Match $Parameter
            $rowErrors[0].Exception.Message | Should -Match 'nothing charged'
            $rowErrors[0].TargetObject.Prompt | Should -Be 'A paper boat on a rainy street'
            $ledger = Get-Ledger -Sandbox $Sandbox
            @($ledger.entries | Where-Object { $_.idempotency_key -eq $badKey }).Count | Should -Be 0
            @($ledger.entries | Where-Object { $_.kind -eq 'charge' }).Count | Should -Be ($chargesBefore + 1)
        }
    }

    It 'refuses a row whose "aspect ratio" column resembles AspectRatio, charges nothing, and submits the next row' {
        Assert-ColumnRefused -Column 'aspect ratio' -Value '16:9' -Parameter 'AspectRatio'
    }

    It 'refuses a row whose "aspect-ratio" column resembles AspectRatio' {
        Assert-ColumnRefused -Column 'aspect-ratio' -Value '16:9' -Parameter 'AspectRatio'
    }

    It 'refuses a row whose "aspect_ration" column is one typo from aspect_ratio' {
        Assert-ColumnRefused -Column 'aspect_ration' -Value '16:9' -Parameter 'AspectRatio'
    }

    It 'refuses a row whose "Duraton" column is one typo from Duration' {
        Assert-ColumnRefused -Column 'Duraton' -Value '5' -Parameter 'Duration'
    }

    It 'refuses a row whose "Image Url" column resembles ImageUrl' {
        Assert-ColumnRefused -Column 'Image Url' -Value 'https://images.example.com/frames/three.png' -Parameter 'ImageUrl'
    }

    It 'takes a note column for no parameter: unknown columns are one warning per pipeline and the rows are sent' {
        $csv = New-CsvFile -Name 'notes.csv' -Lines @(
            'model,prompt,note,title'
            'kling-v2-1,A windmill at dawn,first,Windmill'
            'kling-v2-1,A windmill at dusk,second,Windmill'
            'kling-v2-1,A windmill at night,third,Windmill'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -WarningVariable columnWarnings -WarningAction SilentlyContinue)

        $jobs.Count | Should -Be 3
        $columnWarnings.Count | Should -Be 1
        $columnWarnings[0].Message | Should -Match 'note, title'
    }

    It 'binds snake_case and PascalCase columns in any case without a warning' {
        $csv = New-CsvFile -Name 'known.csv' -Lines @(
            'MODEL,Prompt,ASPECT_RATIO,negativeprompt'
            'kling-v2-1,A quiet harbour,16:9,people'
        )

        $job = Import-Csv -LiteralPath $csv | New-SqVideo -WarningVariable knownWarnings

        $job.Prompt | Should -Be 'A quiet harbour'
        $knownWarnings.Count | Should -Be 0
    }
}

Describe 'New-SqVideo -GenerateAudio and -CameraFixed are switches' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'takes -GenerateAudio alone as a switch and -CameraFixed alone as a switch' {
        $audio = New-SqVideo 'Rain on a tin roof' -Model veo-3 -GenerateAudio
        $still = New-SqVideo 'A still pond at dawn' -Model seedance-1-pro -CameraFixed

        $audio.Model | Should -Be 'veo-3'
        $still.Model | Should -Be 'seedance-1-pro'
    }

    It 'still refuses -GenerateAudio for a model without audio, naming generate_audio' {
        $job = New-SqVideo 'Rain on a tin roof' -Model kling-v2-1 -GenerateAudio -ErrorVariable audioErrors -ErrorAction SilentlyContinue

        $job | Should -BeNullOrEmpty
        $audioErrors.Count | Should -Be 1
        $audioErrors[0].Exception.Message | Should -Match 'generate_audio'
    }

    It 'submits CSV rows with false, 0, no and empty generate_audio and camera_fixed on a model without either' {
        $csv = New-CsvFile -Name 'false.csv' -Lines @(
            'model,prompt,generate_audio,camera_fixed'
            'kling-v2-1,A meadow in the wind (false),false,false'
            'kling-v2-1,A meadow in the wind (0),0,0'
            'kling-v2-1,A meadow in the wind (no),no,No'
            'kling-v2-1,A meadow in the wind (empty),,'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable falseErrors -ErrorAction SilentlyContinue)

        $falseErrors.Count | Should -Be 0
        $jobs.Count | Should -Be 4
    }

    It 'takes CSV true and yes as the switch turned on' {
        $csv = New-CsvFile -Name 'true.csv' -Lines @(
            'model,prompt,generate_audio'
            'veo-3,Waves on a pebble beach,true'
            'kling-v2-1,Waves on a sandy beach,yes'
        )

        $jobs = @(Import-Csv -LiteralPath $csv | New-SqVideo -ErrorVariable trueErrors -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 1
        $jobs[0].Model | Should -Be 'veo-3'
        $trueErrors.Count | Should -Be 1
        $trueErrors[0].Exception.Message | Should -Match 'does not support generate_audio'
    }
}
