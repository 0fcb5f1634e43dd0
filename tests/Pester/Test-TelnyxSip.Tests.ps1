#Requires -Version 5.1
<#
Pester 5 tests of Test-TelnyxSip over the built module, against a private kamailio on loopback.
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
The tests that need kamailio are skipped only where it is not installed (for example on Windows); CI installs it.
#>

BeforeDiscovery {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/SipSupport.ps1')
    $kamailioMissing = $null -eq (Find-TestKamailio)
    if ($kamailioMissing) {
        Write-Warning 'Skipping the Test-TelnyxSip tests against kamailio: kamailio (packages kamailio, kamailio-tls-modules) is not on PATH here. Install it to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/SipSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    $script:manifestPath = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
    Import-Module -Name $script:manifestPath -Force
    $script:invalidServerId = 'InvalidServer,TelnyxNet.Commands.TestTelnyxSipCommand'
    # The SIP ALG check's STUN server: a private coturn on loopback instead of stun.telnyx.com, for every call here and passed on to jobs.
    $script:coturn = Start-TestCoturn
    $script:stunServer = '127.0.0.1:{0}' -f $script:coturn.Port
    $PSDefaultParameterValues['Test-TelnyxSip:StunServer'] = $script:stunServer
}

AfterAll {
    $PSDefaultParameterValues.Remove('Test-TelnyxSip:StunServer')
    if ($null -ne $script:coturn) {
        Stop-TestCoturn -Coturn $script:coturn
    }

    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Test-TelnyxSip without a server' {
    It 'reports an invalid -Server value as a non-terminating InvalidServer error naming the value' {
        Test-TelnyxSip -Server 'bad host!' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be $script:invalidServerId
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be 'bad host!'
    }

    It 'stops on a -DnsServer that is not an address, with InvalidDnsServer' {
        { Test-TelnyxSip -Server '127.0.0.1' -DnsServer 'dns.example.net' } | Should -Throw -ErrorId 'InvalidDnsServer,TelnyxNet.Commands.TestTelnyxSipCommand'
    }

    It 'stops on a -StunServer that is no UDP STUN server, with InvalidStunServer' {
        { Test-TelnyxSip -Server '127.0.0.1' -StunServer 'stuns:stun.example.net' } | Should -Throw -ErrorId 'InvalidStunServer,TelnyxNet.Commands.TestTelnyxSipCommand'
    }

    It 'rejects -ThrottleLimit outside 1 to 1024' {
        { Test-TelnyxSip -Server '127.0.0.1' -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxSipCommand'
    }

    It 'rejects -TimeoutSeconds outside 1 to 600' {
        { Test-TelnyxSip -Server '127.0.0.1' -TimeoutSeconds 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxSipCommand'
    }

    It 'returns $false with -Quiet for refused UDP and TCP ports' {
        $closedPort = Get-FreeLoopbackPort
        Test-TelnyxSip -Server ('127.0.0.1:{0}' -f $closedPort) -Quiet -TimeoutSeconds 2 | Should -BeFalse
    }

    It 'reports a refused port as Failed with Refused and a remediation' {
        $closedPort = Get-FreeLoopbackPort
        $results = @(Test-TelnyxSip -Server ('127.0.0.1:{0}' -f $closedPort) -TimeoutSeconds 2)
        @($results | ForEach-Object { [string]$_.Transport }) | Should -Be @('Udp', 'Tcp')
        $results | ForEach-Object {
            $_.Status | Should -Be 'Failed'
            $_.FailureReason | Should -Be 'Refused'
            $_.ResolvedBy | Should -Be 'Literal'
            $_.Remediation | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Test-TelnyxSip against kamailio on loopback' -Skip:$kamailioMissing {
    BeforeAll {
        $script:kamailio = Start-TestKamailio
        $script:server = '127.0.0.1:{0}' -f $script:kamailio.Port
    }

    AfterAll {
        if ($null -ne $script:kamailio) {
            Stop-TestKamailio -Kamailio $script:kamailio
        }
    }

    It 'gets 200 OK over UDP and TCP with the address the proxy saw' {
        $results = @(Test-TelnyxSip -Server $script:server)
        @($results | ForEach-Object { [string]$_.Transport }) | Should -Be @('Udp', 'Tcp')
        foreach ($result in $results) {
            $result.Status | Should -Be 'Succeeded'
            $result.FailureReason | Should -Be 'None'
            $result.StatusCode | Should -Be 200
            $result.ReasonPhrase | Should -Be 'OK'
            $result.ReceivedAddress | Should -Be '127.0.0.1'
            $result.ReceivedPort | Should -Be $result.LocalPort
            $result.AlgSuspected | Should -BeFalse
            $result.ServerHeader | Should -Match '^kamailio'
        }
    }

    It 'asks the STUN server from the UDP request''s own socket and finds the proxy''s view in agreement' {
        $result = Test-TelnyxSip -Server $script:server -Transport Udp -StunServer $script:stunServer -ThrottleLimit 1
        $result.Status | Should -Be 'Succeeded'
        $result.MappedAddress | Should -Be '127.0.0.1'
        $result.MappedPort | Should -Be $result.LocalPort
        $result.MappingCheck | Should -Match '^Agrees with the STUN mapping'
        $result.AlgSuspected | Should -BeFalse
    }

    It 'notes a STUN server that does not answer and still tests the proxy' {
        $silent = Get-FreeLoopbackPort
        $result = Test-TelnyxSip -Server $script:server -Transport Udp -StunServer ('127.0.0.1:{0}' -f $silent)
        $result.Status | Should -Be 'Succeeded'
        $result.MappedAddress | Should -BeNullOrEmpty
        $result.MappingCheck | Should -Match '^Not compared with a STUN mapping'
    }

    It 'tests only the transport of ;transport=' {
        $results = @(Test-TelnyxSip -Server ('sip:{0};transport=tcp' -f $script:server))
        $results | Should -HaveCount 1
        $results[0].Transport | Should -Be 'Tcp'
        $results[0].Status | Should -Be 'Succeeded'
    }

    It 'returns $true with -Quiet' {
        Test-TelnyxSip -Server $script:server -Quiet | Should -BeTrue
    }

    It 'reports an untrusted certificate over TLS as TlsFailure' {
        $result = @(Test-TelnyxSip -Server ('sips:127.0.0.1:{0}' -f $script:kamailio.TlsPort))
        $result | Should -HaveCount 1
        $result[0].Transport | Should -Be 'Tls'
        $result[0].FailureReason | Should -Be 'TlsFailure'
    }

    It 'gets 200 OK over TLS in a PowerShell that trusts the test CA' {
        # .NET on Linux reads SSL_CERT_FILE when a process starts, so the test runs in a job (a new process) that inherits it.
        $saved = $env:SSL_CERT_FILE
        $env:SSL_CERT_FILE = $script:kamailio.CaFile
        try {
            $job = Start-Job -ArgumentList $script:manifestPath, ('sips:127.0.0.1:{0}' -f $script:kamailio.TlsPort) -ScriptBlock {
                param($ManifestPath, $Server)
                Import-Module -Name $ManifestPath
                Test-TelnyxSip -Server $Server | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Transport, $_.Status, $_.StatusCode, $_.FailureReason }
            }
        }
        finally {
            $env:SSL_CERT_FILE = $saved
        }

        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $lines = @(Receive-Job -Job $job)
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $lines | Should -Be @('Tls|Succeeded|200|None')
    }

    It 'shows the table view within 80 columns with Status and FailureReason' {
        $table = Test-TelnyxSip -Server $script:server | Out-String -Width 80
        $table | Should -Match 'Address\s+Proto\s+Status\s+FailureReason\s+Code\s+RTTms\s+ALG\s+ReceivedAddress'
        $table | Should -Match ('127\.0\.0\.1:{0}\s+Udp\s+Succeeded\s+200\s+[0-9.]+\s+No\s+127\.0\.0\.1' -f $script:kamailio.Port)
        @($table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -HaveCount 0
    }

    It 'keeps the table view for deserialized results from a job' {
        $job = Start-Job -ArgumentList $script:manifestPath, $script:server, $script:stunServer -ScriptBlock {
            param($ManifestPath, $Server, $StunServer)
            Import-Module -Name $ManifestPath
            Test-TelnyxSip -Server $Server -Transport Udp -StunServer $StunServer
        }
        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $results = @(Receive-Job -Job $job)
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $results[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Probes.SipOptionsResult'
        ($results | Out-String -Width 80) | Should -Match 'Address\s+Proto\s+Status'
    }

    It 'writes names, not numbers, to JSON and CSV' {
        $result = Test-TelnyxSip -Server $script:server -Transport Udp
        $json = $result | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Status | Should -Be 'Succeeded'
        $json.Transport | Should -Be 'Udp'
        $json.DnsFailure | Should -Be 'None'
        $csv = $result | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $csv.FailureReason | Should -Be 'None'
        $csv.ComputerName | Should -Not -BeNullOrEmpty
    }
}

Describe 'The kamailio these tests start' -Skip:$kamailioMissing {
    It 'is gone when it is stopped, the children it forked with it' {
        $started = Start-TestKamailio
        @(Get-Process -Name 'kamailio' -ErrorAction SilentlyContinue | Where-Object { $_.CommandLine -like ('*' + $started.Directory + '*') }).Count | Should -BeGreaterThan 1
        Stop-TestKamailio -Kamailio $started
        @(Get-Process -Name 'kamailio' -ErrorAction SilentlyContinue | Where-Object { $_.CommandLine -like ('*' + $started.Directory + '*') }).Count | Should -Be 0
    }
}
