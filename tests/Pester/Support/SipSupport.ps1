# kamailio on loopback for the Test-TelnyxSip tests. Runs in Windows PowerShell 5.1 and PowerShell 7.

function Find-TestKamailio {
    <#
    .SYNOPSIS
    The path of kamailio: on PATH, or in /usr/sbin where Debian installs it (not on every PATH); $null when it is not installed.
    #>
    $command = Get-Command -Name 'kamailio' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -ne $command) {
        return $command.Source
    }

    if (Test-Path -LiteralPath '/usr/sbin/kamailio') {
        return '/usr/sbin/kamailio'
    }

    return $null
}

function Start-TestKamailio {
    <#
    .SYNOPSIS
    Starts a private kamailio on 127.0.0.1 answering OPTIONS with 200 over UDP and TCP on Port and
    over TLS on TlsPort (a certificate for 127.0.0.1 from a throw-away CA, see New-TestCertificate),
    in a new temp folder, and waits, bounded, until both ports accept TCP. Returns Process, Port,
    TlsPort, CaFile and Directory for Stop-TestKamailio.
    #>
    $directory = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('telnyxnet-pester-sip-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $directory | Out-Null
    $run = Join-Path -Path $directory -ChildPath 'run'
    New-Item -ItemType Directory -Path $run | Out-Null
    $kamailio = [pscustomobject]@{ Process = $null; Port = 0; TlsPort = 0; CaFile = $null; Directory = $directory }
    try {
        $kamailio.Port = Get-FreeLoopbackPort
        do { $kamailio.TlsPort = Get-FreeLoopbackPort } while ($kamailio.TlsPort -eq $kamailio.Port)
        $certificate = New-TestCertificate -Directory $directory
        $kamailio.CaFile = $certificate.CaFile
        $tlsConfig = Join-Path -Path $directory -ChildPath 'tls.cfg'
        Set-Content -Path $tlsConfig -Encoding Ascii -Value @(
            '[server:default]', 'method = TLSv1.2+', ('certificate = ' + $certificate.CertificateFile),
            ('private_key = ' + $certificate.KeyFile), 'verify_certificate = no', 'require_certificate = no')
        $config = Join-Path -Path $directory -ChildPath 'kamailio.cfg'
        Set-Content -Path $config -Encoding Ascii -Value @(
            '#!KAMAILIO', 'debug=2', 'log_stderror=yes', 'children=1', 'tcp_children=1', 'dns=no', 'rev_dns=no', 'auto_aliases=no', 'enable_tls=yes',
            ('listen=udp:127.0.0.1:{0}' -f $kamailio.Port), ('listen=tcp:127.0.0.1:{0}' -f $kamailio.Port), ('listen=tls:127.0.0.1:{0}' -f $kamailio.TlsPort),
            'loadmodule "tls.so"', 'loadmodule "sl.so"', ('modparam("tls", "config", "{0}")' -f $tlsConfig),
            'request_route {', '    if (method == "OPTIONS") { sl_send_reply("200", "OK"); exit; }', '    sl_send_reply("501", "Not Implemented");', '}')
        $arguments = @('-DD', '-E', '-f', $config, '-P', (Join-Path -Path $run -ChildPath 'kamailio.pid'), '-Y', $run, '-m', '32', '-M', '8')
        $kamailio.Process = Start-Process -FilePath (Find-TestKamailio) -ArgumentList $arguments -PassThru `
            -RedirectStandardOutput (Join-Path -Path $directory -ChildPath 'stdout.txt') `
            -RedirectStandardError (Join-Path -Path $directory -ChildPath 'stderr.txt')
        for ($attempt = 1; $attempt -le 50; $attempt++) {
            if ($kamailio.Process.HasExited) {
                throw ('kamailio exited with code {0}: {1}' -f $kamailio.Process.ExitCode, (Get-Content -Path (Join-Path -Path $directory -ChildPath 'stderr.txt') -Raw))
            }

            if ((Test-TcpConnect -Port $kamailio.Port) -and (Test-TcpConnect -Port $kamailio.TlsPort)) {
                return $kamailio
            }

            Start-Sleep -Milliseconds 100
        }

        throw ('kamailio did not listen on 127.0.0.1:{0} within 50 attempts' -f $kamailio.Port)
    }
    catch {
        Stop-TestKamailio -Kamailio $kamailio
        throw
    }
}

function Stop-TestKamailio {
    <#
    .SYNOPSIS
    Ends the kamailio that Start-TestKamailio started and removes its temp folder. SIGTERM goes to
    its main process, which ends the children it forked; a kill of the main process alone (SIGKILL)
    would leave them running. Only when it has not exited within 5 s is the whole tree killed.
    #>
    param([Parameter(Mandatory)]$Kamailio)

    try {
        if ($null -ne $Kamailio.Process -and -not $Kamailio.Process.HasExited) {
            & kill -TERM $Kamailio.Process.Id
            if (-not $Kamailio.Process.WaitForExit(5000)) {
                $Kamailio.Process.Kill($true)
                [void]$Kamailio.Process.WaitForExit(5000)
            }
        }
    }
    finally {
        Remove-Item -LiteralPath $Kamailio.Directory -Recurse -Force -ErrorAction SilentlyContinue
    }
}
