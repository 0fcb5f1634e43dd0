# Helpers for the signaling and firewall tests, dot-sourced in BeforeAll after TestSupport.ps1.
# They run in Windows PowerShell 5.1 and PowerShell 7.

function Get-TestWssServerPath {
    <#
    .SYNOPSIS
    The built WebSocket test server (tests/servers/WssServer, Kestrel), building it when missing.
    #>
    $repoRoot = Split-Path -Path (Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent) -Parent
    $project = Join-Path -Path $repoRoot -ChildPath 'tests/servers/WssServer'
    $dll = Join-Path -Path $project -ChildPath 'bin/Release/net10.0/telnyxnet-wss-server.dll'
    if (-not (Test-Path -Path $dll)) {
        $output = & dotnet build $project -c Release 2>&1 | Out-String
        if ($LASTEXITCODE -ne 0) {
            throw ('Building the WebSocket test server failed: {0}' -f $output)
        }
    }

    return $dll
}

function Start-TestWssServer {
    <#
    .SYNOPSIS
    Starts the Kestrel WebSocket test server on 127.0.0.1 (plain, or with -Tls over a certificate of
    a throw-away CA that nothing trusts) and waits, bounded, until it prints READY. Returns Process,
    Port, Uri (the base ws:// or wss:// URI), CaFile and Directory for Stop-TestWssServer. Its paths:
    / echoes, /forbidden answers 403, /close/MS closes with 1000 after MS ms.
    #>
    param([switch]$Tls)

    $directory = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('telnyxnet-pester-wss-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $directory | Out-Null
    $server = [pscustomobject]@{ Process = $null; Port = 0; Uri = $null; CaFile = $null; Directory = $directory; LogPath = (Join-Path -Path $directory -ChildPath 'stdout.txt') }
    try {
        $server.Port = Get-FreeLoopbackPort
        $arguments = @((Get-TestWssServerPath), '--listen', '127.0.0.1', '--port', $server.Port)
        if ($Tls) {
            $certificate = New-TestCertificate -Directory $directory
            $server.CaFile = $certificate.CaFile
            $pfx = Join-Path -Path $directory -ChildPath 'server.pfx'
            Invoke-Openssl -ArgumentList @('pkcs12', '-export', '-in', $certificate.CertificateFile, '-inkey', $certificate.KeyFile, '-out', $pfx, '-passout', 'pass:')
            $arguments += @('--pfx', $pfx)
        }

        $server.Process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru `
            -RedirectStandardOutput $server.LogPath -RedirectStandardError (Join-Path -Path $directory -ChildPath 'stderr.txt')
        for ($attempt = 1; $attempt -le 100; $attempt++) {
            if ($server.Process.HasExited) {
                throw ('The WebSocket test server exited with code {0}: {1}' -f $server.Process.ExitCode, (Get-Content -Path (Join-Path -Path $directory -ChildPath 'stderr.txt') -Raw))
            }

            $ready = Get-Content -Path $server.LogPath -ErrorAction SilentlyContinue | Where-Object { $_ -like 'READY *' } | Select-Object -First 1
            if ($ready) {
                $server.Uri = $ready.Substring(6).TrimEnd('/')
                return $server
            }

            Start-Sleep -Milliseconds 100
        }

        throw ('The WebSocket test server did not print READY within 100 attempts on 127.0.0.1:{0}.' -f $server.Port)
    }
    catch {
        Stop-TestWssServer -Server $server
        throw
    }
}

function Stop-TestWssServer {
    <#
    .SYNOPSIS
    Ends the server Start-TestWssServer started (that process only) and removes its temp folder.
    #>
    param([Parameter(Mandatory)]$Server)

    try {
        if ($null -ne $Server.Process -and -not $Server.Process.HasExited) {
            $Server.Process.Kill()
            [void]$Server.Process.WaitForExit(5000)
        }
    }
    finally {
        Remove-Item -LiteralPath $Server.Directory -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Start-TestSquid {
    <#
    .SYNOPSIS
    Starts a private squid on 127.0.0.1 with two ports: OpenPort lets loopback clients CONNECT to any
    port, AuthPort demands Basic credentials (User / Password, realm pester-proxy). Waits, bounded,
    until both accept. Returns Process, OpenPort, AuthPort, User, Password and Directory for Stop-TestSquid.
    #>
    $directory = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('telnyxnet-pester-squid-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $directory | Out-Null
    $squid = [pscustomobject]@{ Process = $null; OpenPort = 0; AuthPort = 0; User = 'pesteruser'; Password = 'pester-pass'; Directory = $directory }
    try {
        $squid.OpenPort = Get-FreeLoopbackPort
        do { $squid.AuthPort = Get-FreeLoopbackPort } while ($squid.AuthPort -eq $squid.OpenPort)
        foreach ($name in 'log', 'run') {
            New-Item -ItemType Directory -Path (Join-Path -Path $directory -ChildPath $name) | Out-Null
        }

        $htpasswd = Join-Path -Path $directory -ChildPath 'htpasswd'
        $hash = (& openssl passwd -apr1 $squid.Password | Out-String).Trim()
        Set-Content -Path $htpasswd -Value ('{0}:{1}' -f $squid.User, $hash) -Encoding Ascii
        & chown -R 'proxy:' (Join-Path -Path $directory -ChildPath 'log') (Join-Path -Path $directory -ChildPath 'run')
        $config = Join-Path -Path $directory -ChildPath 'squid.conf'
        Set-Content -Path $config -Encoding Ascii -Value @(
            ('http_port 127.0.0.1:{0} name=open' -f $squid.OpenPort)
            ('http_port 127.0.0.1:{0} name=auth' -f $squid.AuthPort)
            ('pid_filename {0}' -f (Join-Path -Path $directory -ChildPath 'run/squid.pid'))
            ('cache_log {0}' -f (Join-Path -Path $directory -ChildPath 'log/cache.log'))
            ('access_log stdio:{0}' -f (Join-Path -Path $directory -ChildPath 'log/access.log'))
            'cache_store_log none', 'logfile_rotate 0', ('coredump_dir {0}' -f (Join-Path -Path $directory -ChildPath 'run'))
            'cache deny all', 'netdb_filename none', 'pinger_enable off', 'dns_nameservers 127.0.0.1', 'shutdown_lifetime 0 seconds'
            'cache_effective_user proxy', 'visible_hostname pester-proxy'
            ('auth_param basic program /usr/lib/squid/basic_ncsa_auth {0}' -f $htpasswd)
            'auth_param basic realm pester-proxy'
            'acl authed proxy_auth REQUIRED', 'acl loopback src 127.0.0.1/32', 'acl auth_port myportname auth'
            'http_access deny auth_port !authed', 'http_access allow loopback', 'http_access deny all'
        )
        $squid.Process = Start-Process -FilePath 'squid' -ArgumentList @('-N', '-f', $config) -PassThru `
            -RedirectStandardOutput (Join-Path -Path $directory -ChildPath 'stdout.txt') -RedirectStandardError (Join-Path -Path $directory -ChildPath 'stderr.txt')
        for ($attempt = 1; $attempt -le 100; $attempt++) {
            if ($squid.Process.HasExited) {
                throw ('squid exited with code {0}: {1}' -f $squid.Process.ExitCode, (Get-Content -Path (Join-Path -Path $directory -ChildPath 'log/cache.log') -Raw -ErrorAction SilentlyContinue))
            }

            if ((Test-TcpConnect -Port $squid.OpenPort) -and (Test-TcpConnect -Port $squid.AuthPort)) {
                return $squid
            }

            Start-Sleep -Milliseconds 100
        }

        throw 'squid did not accept connections within 100 attempts.'
    }
    catch {
        Stop-TestSquid -Squid $squid
        throw
    }
}

function Stop-TestSquid {
    <#
    .SYNOPSIS
    Ends the squid Start-TestSquid started (that process only) and removes its temp folder.
    #>
    param([Parameter(Mandatory)]$Squid)

    try {
        if ($null -ne $Squid.Process -and -not $Squid.Process.HasExited) {
            $Squid.Process.Kill()
            [void]$Squid.Process.WaitForExit(5000)
        }
    }
    finally {
        Remove-Item -LiteralPath $Squid.Directory -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function New-TestCatalogFile {
    <#
    .SYNOPSIS
    Writes Rows (hashtables with the catalog's fields) as a catalog file in Directory, the way
    ConvertTo-Json writes Get-TelnyxEndpoint's rows, and returns its path.
    #>
    param(
        [Parameter(Mandatory)][string]$Directory,
        [Parameter(Mandatory)][object[]]$Rows
    )

    $path = Join-Path -Path $Directory -ChildPath ('catalog-' + [guid]::NewGuid().ToString('N') + '.json')
    ConvertTo-Json -InputObject @($Rows | ForEach-Object { [pscustomobject]$_ }) -Depth 3 | Set-Content -Path $path -Encoding UTF8
    return $path
}
