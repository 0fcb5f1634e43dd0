# Helpers the Pester tests dot-source in BeforeAll. They run in Windows PowerShell 5.1 and PowerShell 7.

. (Join-Path -Path (Split-Path -Path (Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent) -Parent) -ChildPath 'build/PowerShellHost.ps1')

function Get-TelnyxNetModuleDirectory {
    <#
    .SYNOPSIS
    The built module folder: $env:TELNYXNET_MODULE_PATH (set by build.ps1 -Task Test), else <repo>/out/TelnyxNet.
    #>
    if ($env:TELNYXNET_MODULE_PATH) {
        return $env:TELNYXNET_MODULE_PATH
    }

    $repoRoot = Split-Path -Path (Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent) -Parent
    return Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'out') -ChildPath 'TelnyxNet'
}

function Get-TelnyxNetPackagePath {
    <#
    .SYNOPSIS
    The package build.ps1 -Task Package wrote beside the built module: out/package/TelnyxNet.<version>.nupkg.
    #>
    $moduleDirectory = Get-TelnyxNetModuleDirectory
    $version = (Import-PowerShellDataFile -Path (Join-Path -Path $moduleDirectory -ChildPath 'TelnyxNet.psd1')).ModuleVersion
    return Join-Path -Path (Join-Path -Path (Split-Path -Path $moduleDirectory -Parent) -ChildPath 'package') -ChildPath ('TelnyxNet.{0}.nupkg' -f $version)
}

function Invoke-FreshPowerShell {
    <#
    .SYNOPSIS
    Runs Command in a fresh process of this same PowerShell, in WorkingDirectory (default: this
    process's), with the environment variables of Environment set ($null removes one); both are
    restored afterwards. Returns its output lines and exit code.
    #>
    param(
        [Parameter(Mandatory)][string]$Command,
        [hashtable]$Environment = @{},
        [string]$WorkingDirectory = [Environment]::CurrentDirectory
    )

    $shell = Get-PowerShellCommand
    $savedDirectory = [Environment]::CurrentDirectory
    [Environment]::CurrentDirectory = $WorkingDirectory
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }

    try {
        $output = @(& $shell.FilePath @($shell.ArgumentList + @('-NoProfile', '-NonInteractive', '-Command', $Command)) 2>&1 | ForEach-Object { "$_" })
        return [pscustomobject]@{ Output = $output; ExitCode = $LASTEXITCODE }
    }
    finally {
        [Environment]::CurrentDirectory = $savedDirectory
        foreach ($name in $saved.Keys) {
            [Environment]::SetEnvironmentVariable($name, $saved[$name])
        }
    }
}

function Get-FreeLoopbackPort {
    <#
    .SYNOPSIS
    A loopback port that is free for both UDP and TCP right now (coturn listens on both).
    #>
    for ($attempt = 1; $attempt -le 20; $attempt++) {
        $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try {
            $port = $udp.Client.LocalEndPoint.Port
            $tcp = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port)
            try {
                $tcp.Start()
                return $port
            }
            catch [System.Net.Sockets.SocketException] {
                Write-Verbose "Port $port is taken over TCP; trying another ($attempt of 20)."
            }
            finally {
                $tcp.Stop()
            }
        }
        finally {
            $udp.Close()
        }
    }

    throw 'Found no loopback port free for both UDP and TCP in 20 attempts.'
}

function Test-StunAnswer {
    <#
    .SYNOPSIS
    Sends one raw STUN Binding request (RFC 8489 section 5) to 127.0.0.1:Port and says whether a
    Binding success response came back within TimeoutMilliseconds. Independent of the module under test.
    #>
    param(
        [Parameter(Mandatory)][int]$Port,
        [int]$TimeoutMilliseconds = 200
    )

    $request = New-Object -TypeName byte[] -ArgumentList 20
    $request[1] = 0x01
    $request[4] = 0x21
    $request[5] = 0x12
    $request[6] = 0xA4
    $request[7] = 0x42
    $transactionId = New-Object -TypeName byte[] -ArgumentList 12
    [System.Random]::new().NextBytes($transactionId)
    [System.Array]::Copy($transactionId, 0, $request, 8, 12)
    $client = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
    try {
        $client.Client.ReceiveTimeout = $TimeoutMilliseconds
        [void]$client.Send($request, $request.Length, [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, $Port))
        $from = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
        $response = $client.Receive([ref]$from)
        return ($response.Length -ge 20 -and $response[0] -eq 0x01 -and $response[1] -eq 0x01)
    }
    catch [System.Net.Sockets.SocketException] {
        return $false
    }
    finally {
        $client.Close()
    }
}

function Start-TestCoturn {
    <#
    .SYNOPSIS
    Starts a private coturn on 127.0.0.1 (UDP and TCP) in a new temp folder and waits, bounded,
    until it answers a Binding request. Returns Process, Port, TlsPort, CaFile, LogPath and
    Directory for Stop-TestCoturn.
    .PARAMETER ArgumentList
    More turnserver arguments: TURN credentials (--lt-cred-mech --user=... --realm=..., or
    --use-auth-secret --static-auth-secret=...), --allow-loopback-peers, and -v, with which coturn
    logs the creation and the deletion of every allocation.
    .PARAMETER Tls
    Also listen for TLS on TlsPort, with a certificate for 127.0.0.1 from a throw-away CA made by
    New-TestCertificate (openssl); CaFile is that CA's PEM file.
    #>
    param(
        [string[]]$ArgumentList = @(),
        [switch]$Tls
    )

    $directory = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('telnyxnet-pester-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $directory | Out-Null
    $coturn = [pscustomobject]@{
        Process = $null; Port = 0; TlsPort = 0; CaFile = $null
        LogPath = (Join-Path -Path $directory -ChildPath 'turn.log'); Directory = $directory
    }
    try {
        $coturn.Port = Get-FreeLoopbackPort
        $tlsArguments = @('--no-tls')
        if ($Tls) {
            do { $coturn.TlsPort = Get-FreeLoopbackPort } while ($coturn.TlsPort -eq $coturn.Port)
            $certificate = New-TestCertificate -Directory $directory
            $coturn.CaFile = $certificate.CaFile
            $tlsArguments = @(('--tls-listening-port=' + $coturn.TlsPort), ('--cert=' + $certificate.CertificateFile), ('--pkey=' + $certificate.KeyFile))
        }

        # -n: no /etc/turnserver.conf; a private --userdb; STUN/TURN on UDP and TCP, TLS only with -Tls, no DTLS.
        $arguments = @(
            '-n', '--no-cli', '--no-dtls',
            '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', ('--listening-port=' + $coturn.Port),
            ('--userdb=' + (Join-Path -Path $directory -ChildPath 'turndb.sqlite')),
            ('--pidfile=' + (Join-Path -Path $directory -ChildPath 'turn.pid')),
            ('--log-file=' + $coturn.LogPath), '--simple-log', '--no-stdout-log'
        ) + $tlsArguments + $ArgumentList
        $coturn.Process = Start-Process -FilePath 'turnserver' -ArgumentList $arguments -PassThru `
            -RedirectStandardOutput (Join-Path -Path $directory -ChildPath 'stdout.txt') `
            -RedirectStandardError (Join-Path -Path $directory -ChildPath 'stderr.txt')
        for ($attempt = 1; $attempt -le 50; $attempt++) {
            if ($coturn.Process.HasExited) {
                throw ('turnserver exited with code {0}: {1}' -f $coturn.Process.ExitCode, (Get-CoturnLog -Coturn $coturn))
            }

            if ((Test-StunAnswer -Port $coturn.Port) -and (-not $Tls -or (Test-TcpConnect -Port $coturn.TlsPort))) {
                return $coturn
            }

            Start-Sleep -Milliseconds 100
        }

        throw ('turnserver did not answer on 127.0.0.1:{0} within 50 attempts: {1}' -f $coturn.Port, (Get-CoturnLog -Coturn $coturn))
    }
    catch {
        Stop-TestCoturn -Coturn $coturn
        throw
    }
}

function Test-TcpConnect {
    <#
    .SYNOPSIS
    Says whether a TCP connection to 127.0.0.1:Port is accepted (and closes it at once).
    #>
    param([Parameter(Mandatory)][int]$Port)

    $client = New-Object -TypeName System.Net.Sockets.TcpClient
    try {
        $client.Connect([System.Net.IPAddress]::Loopback, $Port)
        return $true
    }
    catch [System.Net.Sockets.SocketException] {
        return $false
    }
    finally {
        $client.Close()
    }
}

function New-TestCertificate {
    <#
    .SYNOPSIS
    Makes, with openssl, a throw-away CA and a server certificate for 127.0.0.1 and localhost that
    it signs (ECDSA P-256, valid 2 days) in Directory. Returns CaFile, CertificateFile and KeyFile.
    #>
    param([Parameter(Mandatory)][string]$Directory)

    $files = [pscustomobject]@{
        CaFile          = (Join-Path -Path $Directory -ChildPath 'ca.pem')
        CertificateFile = (Join-Path -Path $Directory -ChildPath 'cert.pem')
        KeyFile         = (Join-Path -Path $Directory -ChildPath 'key.pem')
    }
    $caKey = Join-Path -Path $Directory -ChildPath 'ca-key.pem'
    $request = Join-Path -Path $Directory -ChildPath 'cert.csr'
    $extensions = Join-Path -Path $Directory -ChildPath 'cert.ext'
    Set-Content -Path $extensions -Value @('subjectAltName=IP:127.0.0.1,DNS:localhost', 'extendedKeyUsage=serverAuth') -Encoding Ascii
    Invoke-Openssl -ArgumentList @('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=TelnyxNet Pester CA', '-keyout', $caKey, '-out', $files.CaFile)
    Invoke-Openssl -ArgumentList @('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost', '-keyout', $files.KeyFile, '-out', $request)
    Invoke-Openssl -ArgumentList @('x509', '-req', '-in', $request, '-CA', $files.CaFile, '-CAkey', $caKey, '-CAcreateserial', '-days', '2', '-extfile', $extensions, '-out', $files.CertificateFile)
    return $files
}

function Invoke-Openssl {
    <#
    .SYNOPSIS
    Runs openssl with ArgumentList and throws with its output when it fails.
    #>
    param([Parameter(Mandatory)][string[]]$ArgumentList)

    $output = & openssl @ArgumentList 2>&1 | Out-String
    if ($LASTEXITCODE -ne 0) {
        throw ('openssl {0} failed with exit code {1}: {2}' -f ($ArgumentList -join ' '), $LASTEXITCODE, $output)
    }
}

function Get-UndeletedCoturnSession {
    <#
    .SYNOPSIS
    The ids of the sessions (allocations) that coturn's log shows created ("session N: new,") but
    not yet deleted ("session N: delete:"). Needs a coturn started with -v.
    #>
    param([Parameter(Mandatory)]$Coturn)

    $log = @(Get-Content -Path $Coturn.LogPath -ErrorAction SilentlyContinue)
    $created = @($log | Select-String -Pattern 'session (\d+): new,' | ForEach-Object { $_.Matches[0].Groups[1].Value })
    $deleted = @($log | Select-String -Pattern 'session (\d+): delete:' | ForEach-Object { $_.Matches[0].Groups[1].Value })
    return @($created | Where-Object { $deleted -notcontains $_ })
}

function Get-CoturnLog {
    <#
    .SYNOPSIS
    coturn's log and console output, as one string, for the message of a failed start.
    #>
    param([Parameter(Mandatory)]$Coturn)

    $text = Get-ChildItem -Path $Coturn.Directory -File -ErrorAction SilentlyContinue |
        Where-Object { $_.Extension -in '.log', '.txt' } |
        ForEach-Object { Get-Content -Path $_.FullName -Raw -ErrorAction SilentlyContinue }
    return (@($text) -join [Environment]::NewLine)
}

function Stop-TestCoturn {
    <#
    .SYNOPSIS
    Ends the coturn that Start-TestCoturn started (that process only) and removes its temp folder.
    #>
    param([Parameter(Mandatory)]$Coturn)

    try {
        if ($null -ne $Coturn.Process -and -not $Coturn.Process.HasExited) {
            $Coturn.Process.Kill()
            [void]$Coturn.Process.WaitForExit(5000)
        }
    }
    finally {
        Remove-Item -LiteralPath $Coturn.Directory -Recurse -Force -ErrorAction SilentlyContinue
    }
}
