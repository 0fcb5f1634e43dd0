@{
    # The single source of the version: Directory.Build.props reads ModuleVersion from here.
    RootModule             = 'TelnyxNet.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5f0c9a4e-2b8d-4d0e-9a51-7c3e6f1b2a90'
    Author                 = 'TelnyxNet contributors'
    CompanyName            = 'TelnyxNet'
    Copyright              = '(c) 2026 TelnyxNet contributors. MIT License.'
    Description            = 'Tells, with real STUN, TURN, TLS, WebSocket and SIP exchanges, ICE candidate gathering, NAT behaviour discovery, a firewall check of every Telnyx endpoint and the media of a test call measured through the TURN relay, whether this machine can place Telnyx WebRTC and SIP calls, how well, and what exactly blocks them.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies     = @('Makaretu.Dns.dll', 'TelnyxNet.Engine.dll')
    FormatsToProcess       = @('TelnyxNet.Format.ps1xml')
    TypesToProcess         = @('TelnyxNet.Types.ps1xml')
    CmdletsToExport        = @(
        'Test-TelnyxStun'
        'Test-TelnyxTurn'
        'Test-TelnyxSip'
        'Get-TelnyxIceCandidate'
        'Get-TelnyxNatBehavior'
        'Test-TelnyxSignaling'
        'Get-TelnyxEndpoint'
        'Test-TelnyxFirewall'
        'Measure-TelnyxMediaPath'
        'Test-TelnyxConnectivity'
        'Export-TelnyxReport'
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
            ReleaseNotes = 'Test-TelnyxStun: STUN binding checks (RFC 8489) over UDP, TCP and TLS with exact failure reasons. Test-TelnyxTurn: TURN allocation and relay checks (RFC 8656) with the default, a user or a shared-secret credential. Get-TelnyxIceCandidate: ICE candidates gathered as a browser would, with the Telnyx SDK ICE codes. Get-TelnyxNatBehavior: RFC 5780 NAT behaviour discovery. Test-TelnyxSip: SIP OPTIONS over UDP, TCP and TLS to the proxies RFC 3263 finds, with SIP ALG detection. Test-TelnyxSignaling: the WSS signaling path step by step (proxy, TLS inspection, upgrade, hold). Get-TelnyxEndpoint: the endpoint catalog as data. Test-TelnyxFirewall: every firewall rule with the probe that proves it. Measure-TelnyxMediaPath: RTT, jitter, loss and estimated MOS of an RTP stream through the TURN relay, judged with the Telnyx SDK network codes. Test-TelnyxConnectivity: every check at once under one budget, one verdict in the Telnyx SDK vocabulary with its reasons, an Intune-ready summary line. Export-TelnyxReport: a self-contained HTML report. See CHANGELOG.md.'
        }
    }
}
