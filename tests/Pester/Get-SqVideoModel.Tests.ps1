#Requires -Version 5.1
# Get-SqVideoModel against the sandbox: filters, the per-connection cache and -Refresh, unknown names, bad -Type,
# a key without videos:read, display. Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    $LivePlain = Get-TestKeyText -Mode Live
    $TestPlain = Get-TestKeyText -Mode Test
    # A third key that may submit and poll but not read the model list.
    $NoReadPlain = 'sqk_live_pester_noread_000000000000'
    $Sandbox = Start-TestSandbox -Name 'models' -Argument @(
        "--Sandbox:Keys:0:Key=$LivePlain"
        "--Sandbox:Keys:1:Key=$TestPlain"
        "--Sandbox:Keys:2:Key=$NoReadPlain"
        '--Sandbox:Keys:2:Scopes:0=videos:write'
        '--Sandbox:Keys:2:Scopes:1=jobs:read'
    )
    $BaseUri = $Sandbox.BaseUri
    $TestKey = ConvertTo-TestSecureKey $TestPlain
    $AllModels = 'kling-v2-1, pixverse-v4-5, veo-3, seedance-1-pro'
}

AfterAll {
    Stop-TestSandbox -All
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

    It 'returns the model named by position, with the values it accepts' {
        $veo = Get-SqVideoModel veo-3

        $veo.Model | Should -Be 'veo-3'
        $veo.Name | Should -Be 'Veo 3'
        @($veo.Duration) | Should -Be @(8)
        $veo.SupportsGenerateAudio | Should -BeTrue
        @($veo.AspectRatio) | Should -Be @('16:9', '9:16')
    }

    It 'takes several names and wildcards at once, in catalog order' {
        @(Get-SqVideoModel -Name 'veo*', 'kling-v2-1' | ForEach-Object { $_.Model }) | Should -Be @('kling-v2-1', 'veo-3')
    }

    It 'treats -Type case-insensitively' {
        @(Get-SqVideoModel -Type TEXT_TO_VIDEO).Count | Should -Be 4
    }

    It 'returns nothing and reports nothing for a wildcard that matches no model' {
        $models = @(Get-SqVideoModel -Name 'sora*' -ErrorVariable noMatch)

        $models.Count | Should -Be 0
        $noMatch.Count | Should -Be 0
    }

    It 'shows the models as a table with their lists joined' {
        $text = Get-SqVideoModel kling-v2-1 | Out-String -Width 200

        $text | Should -Match 'Model\s+Types\s+Duration\s+Resolution\s+AspectRatio'
        # The types are shortened to fit 80 columns: text_to_video, image_to_video shows as "text, image".
        $text | Should -Match 'kling-v2-1\s+text, image\s+5, 10\s+720p, 1080p\s+16:9, 9:16, 1:1'
    }

    It 'uses -Connection over the default' {
        # Connect-SmartlyQ always makes its connection the default; -PassThru also writes it.
        $other = Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $NoReadPlain) -BaseUri $BaseUri -PassThru
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri

        { Get-SqVideoModel -Connection $other } | Should -Throw -ErrorId 'FORBIDDEN,SmartlyQ.Video.Cmdlets.GetSqVideoModelCommand'
        @(Get-SqVideoModel).Count | Should -Be 4
    }
}

Describe 'Get-SqVideoModel unknown names' {
    BeforeAll {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri
    }

    It 'reports <Case> once, listing the available models, and still returns <Returns>' -ForEach @(
        @{ Case = "unknown name 'sora-2'"; Names = @('sora-2'); Unknown = 'sora-2'; Written = @(); Returns = 'nothing else' }
        @{ Case = 'an unknown name between two good ones'; Names = @('kling-v2-1', 'sora-2', 'veo-3'); Unknown = 'sora-2'; Written = @('kling-v2-1', 'veo-3'); Returns = 'the good ones' }
        @{ Case = "the display name 'Kling v2.1'"; Names = @('Kling v2.1'); Unknown = 'Kling v2.1'; Written = @(); Returns = 'nothing else' }
        @{ Case = 'an id with a trailing space'; Names = @('kling-v2-1 ', 'pixverse-*'); Unknown = 'kling-v2-1 '; Written = @('pixverse-v4-5'); Returns = 'the wildcard match' }
    ) {
        $models = @(Get-SqVideoModel -Name $Names -ErrorVariable notFound -ErrorAction SilentlyContinue)

        @($models | ForEach-Object { $_.Model }) | Should -Be $Written
        $notFound.Count | Should -Be 1
        Get-ErrorId $notFound[0] | Should -Be 'ModelNotFound'
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $notFound[0].TargetObject | Should -Be $Unknown
        $notFound[0].Exception.Message | Should -BeLike "No model named '$Unknown'; available models: $AllModels.*"
    }

    It 'stops at the first unknown name with -ErrorAction Stop' {
        { Get-SqVideoModel -Name 'sora-2' -ErrorAction Stop } | Should -Throw -ErrorId 'ModelNotFound,SmartlyQ.Video.Cmdlets.GetSqVideoModelCommand'
    }
}

Describe 'Get-SqVideoModel -Type errors' {
    It 'refuses -Type <Type> before any request, listing the two types' -ForEach @(
        @{ Type = 'video' }
        @{ Type = 'text-to-video' }
    ) {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri

        $thrown = { Get-SqVideoModel -Type $Type } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'ParameterArgumentValidationError'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidData'
        $thrown.Exception.Message | Should -Match 'text_to_video,image_to_video'
    }
}

Describe 'Get-SqVideoModel API errors' {
    AfterEach {
        Clear-SandboxChaos -Sandbox $Sandbox
    }

    It 'stops with FORBIDDEN, naming the scope, for a key without videos:read' {
        Connect-SmartlyQ -ApiKey (ConvertTo-TestSecureKey $NoReadPlain) -BaseUri $BaseUri

        $thrown = { Get-SqVideoModel } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Be 'FORBIDDEN'
        $thrown.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $thrown.Exception.Message | Should -Match "videos:read"
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'scope'
        $thrown.TargetObject | Should -BeOfType 'SmartlyQ.Video.Core.Connections.SmartlyQConnection'
        (Get-ErrorText $thrown) | Should -Not -Match $NoReadPlain
    }

    It 'answers from the connection''s copy while the API fails, and -Refresh reports the failure' {
        Connect-SmartlyQ -ApiKey $TestKey -BaseUri $BaseUri -MaximumRetryCount 0
        $null = Get-SqVideoModel
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ models = @{ ServerErrorRate = 1 } } }

        @(Get-SqVideoModel).Count | Should -Be 4
        $thrown = { Get-SqVideoModel -Refresh } | Should -Throw -PassThru

        Get-ErrorId $thrown | Should -Match '^(INTERNAL_ERROR|HTTP_502|HTTP_503)$'
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        $thrown.Exception.Message | Should -Match '^Get-SqVideoModel: '
    }

    It 'stops at once on Ctrl+C while the API is slow, writing nothing' {
        $null = Set-SandboxChaos -Sandbox $Sandbox -Options @{ Routes = @{ models = @{ SlowResponseRate = 1; SlowResponseDelay = '00:01:00' } } }
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -BaseUri $BaseUri -Key $TestPlain
        try {
            $null = $ps.AddCommand('Get-SqVideoModel')
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

    It 'stops with NotConnected in a runspace that never connected' {
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $null = $ps.AddScript('try { Get-SqVideoModel } catch { $_ }')
            $result = @($ps.Invoke())
        }
        finally {
            $ps.Dispose()
        }

        Get-ErrorId $result[0] | Should -Be 'NotConnected'
        $result[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }
}
