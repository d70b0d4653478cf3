@{
    RootModule             = 'SmartlyQ.Video.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = 'b2622c3c-5fbf-46ba-bce5-875939dcd937'
    Author                 = 'SmartlyQ.Video contributors'
    CompanyName            = 'SmartlyQ.Video contributors'
    Copyright              = 'Copyright (c) 2026 SmartlyQ.Video contributors'
    Description            = 'Generate AI videos with the SmartlyQ Developer API from PowerShell: Import-Csv prompts.csv | New-SqVideo | Wait-SqJob | Save-SqVideo -Path ./videos. Idempotent paid submissions, validation before paying, resumable downloads. Windows PowerShell 5.1 (.NET Framework 4.7.2+) and PowerShell 7.4 or later.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport        = @(
        'Connect-SmartlyQ'
        'Disconnect-SmartlyQ'
        'Get-SqVideoModel'
        'New-SqVideo'
        'Wait-SqJob'
        'Save-SqVideo'
        'Get-SqBalance'
        'Get-SqJob'
        'Stop-SqJob'
    )
    FormatsToProcess       = @('SmartlyQ.Video.Format.ps1xml')
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('SmartlyQ', 'Video', 'AI', 'VideoGeneration', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/smartlyq/SmartlyQ.Video'
            LicenseUri = 'https://github.com/smartlyq/SmartlyQ.Video/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: first release. Connect-SmartlyQ, Get-SqVideoModel, New-SqVideo, Wait-SqJob, Save-SqVideo, Get-SqBalance; on PowerShell 7 the module loads its dependencies in a context of its own, so other modules'' versions of Polly.Core and System.Threading.RateLimiting do not clash with it.'
        }
    }
}
