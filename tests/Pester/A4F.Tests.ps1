#Requires -Version 5.1
# A4F's synchronous generation as a PowerShell user meets it: New-SqVideo returns the job at once while the request
# runs, Ctrl+C (StopProcessing) aborts the running request, and the job then reads as uncertain — Failed with
# SUBMISSION_UNCERTAIN — and is never sent again. Runs under Windows PowerShell 5.1 and PowerShell 7.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSandbox.psm1') -Scope Local
    $ModuleManifest = Get-TestModuleManifest
    Import-Module -Name $ModuleManifest -Force
    # Each generation takes 30 s: long enough to stop one while its request runs.
    $Sandbox = Start-TestSandbox -Name 'a4f' -Argument @('--Sandbox:A4F:Delay=00:00:30')
    $A4F = @(Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/providers" -UseBasicParsing | ForEach-Object { $_ } | Where-Object { $_.name -eq 'A4F' })[0]
    $SavedState = $env:SMARTLYQ_A4F_STATE
    $env:SMARTLYQ_A4F_STATE = New-TestFolder -Name 'a4f-jobs'

    function Get-A4FCharge {
        @((Invoke-RestMethod -Uri "$($Sandbox.ApiRoot)/sandbox/ledger?provider=A4F" -UseBasicParsing).entries | Where-Object { $_.kind -eq 'charge' })
    }
}

AfterAll {
    $env:SMARTLYQ_A4F_STATE = $SavedState
    Stop-TestSandbox -All
}

Describe 'A4F: New-SqVideo | Wait-SqJob and Ctrl+C' {
    It 'returns the job at once; Ctrl+C aborts the running request and the job is uncertain, never sent again' {
        $ps = New-ConnectedPowerShell -Manifest $ModuleManifest -NoConnect
        try {
            $script = 'param($Key, $BaseUri) ' +
                'Connect-SmartlyQ -Provider A4F -ApiKey (ConvertTo-SecureString -String $Key -AsPlainText -Force) -BaseUri $BaseUri -ErrorAction Stop; ' +
                'New-SqVideo -Model provider-2/kling-v2.1 -Prompt "A red kite over the sea" -Duration 5 -Resolution 720p | Wait-SqJob -PollIntervalSec 1'
            $null = $ps.AddScript($script).AddArgument([string]$A4F.apiKey).AddArgument([string]$A4F.baseUri)
            $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            # The sandbox files the generation (and its charge) when the request arrives, 30 s before it answers.
            Wait-TestCondition { @(Get-A4FCharge).Count -ge 1 } -TimeoutSec 30 | Should -BeTrue
            $jobUid = [string]@(Get-A4FCharge)[0].job_uid
            $jobUid | Should -Match '^a4f_[0-9a-f]{32}$'

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()

            $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'

            Connect-SmartlyQ -Provider A4F -ApiKey (ConvertTo-TestSecureKey ([string]$A4F.apiKey)) -BaseUri ([string]$A4F.baseUri)
            Wait-TestCondition { (Get-SqJob -JobUid $jobUid).Status -eq 'Failed' } -TimeoutSec 15 | Should -BeTrue
            $job = Get-SqJob -JobUid $jobUid
            $job.Provider | Should -Be 'A4F'
            $job.Error.Code | Should -Be 'SUBMISSION_UNCERTAIN'
            $job.Error.Message | Should -Match 'not sent again'
            @(Get-A4FCharge).Count | Should -Be 1
        }
        finally {
            $ps.Dispose()
        }
    }
}
