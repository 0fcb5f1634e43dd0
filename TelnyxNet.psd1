@{
    # The single source of the version: Directory.Build.props reads ModuleVersion from here.
    RootModule             = 'TelnyxNet.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5f0c9a4e-2b8d-4d0e-9a51-7c3e6f1b2a90'
    Author                 = 'TelnyxNet contributors'
    CompanyName            = 'TelnyxNet'
    Copyright              = '(c) TelnyxNet contributors. All rights reserved.'
    Description            = 'Tells, with real STUN, TURN, TLS, WebSocket and SIP exchanges, whether this machine can place Telnyx WebRTC and SIP calls, and what exactly blocks it.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies     = @('TelnyxNet.Engine.dll')
    FormatsToProcess       = @('TelnyxNet.Format.ps1xml')
    TypesToProcess         = @('TelnyxNet.Types.ps1xml')
    CmdletsToExport        = @(
        'Test-TelnyxStun'
        'Test-TelnyxTurn'
        'Measure-TelnyxMediaPath'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Telnyx', 'WebRTC', 'SIP', 'STUN', 'TURN', 'ICE', 'NAT', 'Firewall', 'Network', 'Diagnostics',
                             'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/telnyxnet/TelnyxNet'
            LicenseUri   = 'https://github.com/telnyxnet/TelnyxNet/blob/main/LICENSE'
            ReleaseNotes = 'Test-TelnyxStun: STUN binding checks (RFC 8489) over UDP, TCP and TLS with exact failure reasons. Test-TelnyxTurn: TURN allocation and relay checks (RFC 8656) with the default, a user or a shared-secret credential. See CHANGELOG.md.'
        }
    }
}
