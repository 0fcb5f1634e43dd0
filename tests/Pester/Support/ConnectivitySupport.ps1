# Helpers for the Test-TelnyxConnectivity and Export-TelnyxReport tests, dot-sourced in BeforeAll
# after TestSupport.ps1 and SignalingSupport.ps1. They run in Windows PowerShell 5.1 and PowerShell 7.

function Start-TestReadinessServers {
    <#
    .SYNOPSIS
    Starts a private coturn (the TURN user alice/secret123, TLS, loopback peers) and the Kestrel
    WebSocket test server over TLS, holds a silent UDP port and a closed TCP port, and writes three
    catalog files into Directory: Ready (every row on those servers), Blocked (signaling on the
    closed port) and Degraded (STUN and TURN over UDP on the silent port, TURN over TCP on coturn).
    Returns them with the credential; Stop-TestReadinessServers ends them.
    #>
    param([Parameter(Mandatory)][string]$Directory)

    $servers = [pscustomobject]@{ Coturn = $null; Wss = $null; Silent = $null; ClosedPort = 0; Ready = $null; Blocked = $null; Degraded = $null; Credential = $null }
    try {
        $servers.Coturn = Start-TestCoturn -Tls -ArgumentList @('--lt-cred-mech', '--user=alice:secret123', '--realm=test.local', '--allow-loopback-peers')
        $servers.Wss = Start-TestWssServer -Tls
        $servers.Silent = New-Object -TypeName System.Net.Sockets.UdpClient -ArgumentList (New-Object -TypeName System.Net.IPEndPoint -ArgumentList ([System.Net.IPAddress]::Loopback), 0)
        $servers.ClosedPort = Get-FreeLoopbackPort
        $silentPort = $servers.Silent.Client.LocalEndPoint.Port
        $signaling = @{ Service = 'Signaling'; Host = '127.0.0.1'; Port = $servers.Wss.Port; Protocol = 'Wss'; Required = $true }
        $turn = @(
            @{ Service = 'Turn'; Host = '127.0.0.1'; Port = $servers.Coturn.Port; Protocol = 'Udp'; Required = $true }
            @{ Service = 'Turn'; Host = '127.0.0.1'; Port = $servers.Coturn.Port; Protocol = 'Tcp'; Required = $true }
            @{ Service = 'Turn'; Host = '127.0.0.1'; Port = $servers.Coturn.TlsPort; Protocol = 'Tls'; Required = $false }
        )
        $stun = @{ Service = 'Stun'; Host = '127.0.0.1'; Port = $servers.Coturn.Port; Protocol = 'Udp'; Required = $true }
        $servers.Ready = New-TestCatalogFile -Directory $Directory -Rows (@($signaling, $stun) + $turn)
        $servers.Blocked = New-TestCatalogFile -Directory $Directory -Rows (@(@{ Service = 'Signaling'; Host = '127.0.0.1'; Port = $servers.ClosedPort; Protocol = 'Wss'; Required = $true }, $stun) + $turn)
        $servers.Degraded = New-TestCatalogFile -Directory $Directory -Rows @(
            $signaling
            @{ Service = 'Stun'; Host = '127.0.0.1'; Port = $silentPort; Protocol = 'Udp'; Required = $true }
            @{ Service = 'Turn'; Host = '127.0.0.1'; Port = $silentPort; Protocol = 'Udp'; Required = $true }
            @{ Service = 'Turn'; Host = '127.0.0.1'; Port = $servers.Coturn.Port; Protocol = 'Tcp'; Required = $true }
        )
        $servers.Credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList 'alice', (ConvertTo-SecureString -String 'secret123' -AsPlainText -Force)
        return $servers
    }
    catch {
        Stop-TestReadinessServers -Servers $servers
        throw
    }
}

function Stop-TestReadinessServers {
    <#
    .SYNOPSIS
    Ends what Start-TestReadinessServers started (those processes and that socket only).
    #>
    param([Parameter(Mandatory)]$Servers)

    if ($null -ne $Servers.Silent) {
        $Servers.Silent.Dispose()
    }

    if ($null -ne $Servers.Wss) {
        Stop-TestWssServer -Server $Servers.Wss
    }

    if ($null -ne $Servers.Coturn) {
        Stop-TestCoturn -Coturn $Servers.Coturn
    }
}

function Receive-TestJobResult {
    <#
    .SYNOPSIS
    Runs ScriptBlock with ArgumentList in a background job (another process: its results come back
    deserialized, as from Invoke-Command), bounded, and returns what it wrote.
    #>
    param(
        [Parameter(Mandatory)][scriptblock]$ScriptBlock,
        [object[]]$ArgumentList = @()
    )

    $job = Start-Job -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList
    try {
        if ($null -eq (Wait-Job -Job $job -Timeout 90)) {
            throw 'The job did not end within 90 s.'
        }

        return Receive-Job -Job $job -ErrorAction Stop
    }
    finally {
        Remove-Job -Job $job -Force
    }
}
