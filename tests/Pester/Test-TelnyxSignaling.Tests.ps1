#Requires -Version 5.1
<#
Pester 5 tests of Test-TelnyxSignaling over the built module, against a real Kestrel WebSocket
server (plain and TLS) and a real squid, both on loopback, started and stopped here.
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
The tests that need squid are skipped only where squid is not installed (for example on Windows).
#>

BeforeDiscovery {
    $squidMissing = $null -eq (Get-Command -Name 'squid' -CommandType Application -ErrorAction SilentlyContinue)
    if ($squidMissing) {
        Write-Warning 'Skipping the Test-TelnyxSignaling tests through squid: squid is not on PATH here (for example on Windows). Install squid to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/SignalingSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    Import-Module -Name (Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1') -Force
    $script:class = 'TelnyxNet.Commands.TestTelnyxSignalingCommand'
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Test-TelnyxSignaling without a server' {
    It 'reports an invalid -Uri as InvalidUri naming the value, and returns $false with -Quiet' {
        Test-TelnyxSignaling -Uri 'https://rtc.telnyx.com' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be ('InvalidUri,{0}' -f $script:class)
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be 'https://rtc.telnyx.com'
        Test-TelnyxSignaling -Uri 'ftp://x' -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'stops on a proxy it cannot speak to (InvalidProxy) and on -NoProxy with -Proxy (ConflictingProxySettings)' {
        { Test-TelnyxSignaling -Uri 'ws://127.0.0.1:1/' -Proxy 'socks5://127.0.0.1:1080' } | Should -Throw -ErrorId ('InvalidProxy,{0}' -f $script:class)
        { Test-TelnyxSignaling -Uri 'ws://127.0.0.1:1/' -Proxy '127.0.0.1:3128' -NoProxy } | Should -Throw -ErrorId ('ConflictingProxySettings,{0}' -f $script:class)
    }

    It 'rejects -HoldSeconds and -PingIntervalSeconds outside 0 to 3600, -TimeoutSeconds outside 1 to 600, -ThrottleLimit outside 1 to 1024, and an unknown -Region' {
        { Test-TelnyxSignaling -HoldSeconds 3601 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,{0}' -f $script:class)
        { Test-TelnyxSignaling -PingIntervalSeconds -1 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,{0}' -f $script:class)
        { Test-TelnyxSignaling -TimeoutSeconds 0 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,{0}' -f $script:class)
        { Test-TelnyxSignaling -Region 'mars' } | Should -Throw -ErrorId ('ParameterArgumentValidationError,{0}' -f $script:class)
        { Test-TelnyxSignaling -ThrottleLimit 0 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,{0}' -f $script:class)
        { Test-TelnyxSignaling -ThrottleLimit 1025 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,{0}' -f $script:class)
    }

    It 'reports a closed port as Refused with the request to allow WSS' {
        $closedPort = Get-FreeLoopbackPort
        $result = Test-TelnyxSignaling -Uri ('ws://127.0.0.1:{0}/' -f $closedPort) -NoProxy -TimeoutSeconds 2
        $result.Status | Should -Be 'Failed'
        $result.FailureReason | Should -Be 'Refused'
        $result.Transport | Should -Be 'Ws'
        $result.Remediation | Should -Match 'Allow outbound WSS'
    }
}

Describe 'Test-TelnyxSignaling against a Kestrel WebSocket server on loopback' {
    BeforeAll {
        $script:plain = Start-TestWssServer
        $script:tls = Start-TestWssServer -Tls
    }

    AfterAll {
        foreach ($server in @($script:plain, $script:tls)) {
            if ($null -ne $server) {
                Stop-TestWssServer -Server $server
            }
        }
    }

    It 'opens, holds, pings and closes a WebSocket' {
        $result = Test-TelnyxSignaling -Uri ($script:plain.Uri + '/') -NoProxy -HoldSeconds 1
        $result | Should -BeOfType 'TelnyxNet.Engine.Probes.SignalingResult'
        $result.Status | Should -Be 'Succeeded'
        $result.FailureReason | Should -Be 'None'
        $result.HttpStatusCode | Should -Be 101
        $result.PingsAnswered | Should -Be 2
        $result.PingRoundTripMs | Should -Not -BeNullOrEmpty
        $result.HeldSeconds | Should -Be 1
        $result.CloseCode | Should -Be 1000
        $result.ProxySource | Should -Be 'Disabled'
    }

    It 'reports an untrusted certificate as TlsFailure, and with -SkipCertificateCheck goes on and says so' {
        $failed = Test-TelnyxSignaling -Uri ($script:tls.Uri + '/') -NoProxy -HoldSeconds 0
        $failed.FailureReason | Should -Be 'TlsFailure'
        $failed.CertificateSubject | Should -Be 'CN=localhost'
        $skipped = Test-TelnyxSignaling -Uri ($script:tls.Uri + '/') -NoProxy -HoldSeconds 0 -SkipCertificateCheck
        $skipped.Status | Should -Be 'Succeeded'
        $skipped.CertificateCheckSkipped | Should -BeTrue
        $skipped.TlsProtocol | Should -Match '^Tls1'
    }

    It 'reports a 403 upgrade as UpgradeRejected and an early close as ClosedEarly' {
        $forbidden = Test-TelnyxSignaling -Uri ($script:plain.Uri + '/forbidden') -NoProxy
        $forbidden.FailureReason | Should -Be 'UpgradeRejected'
        $forbidden.HttpStatusCode | Should -Be 403
        $early = Test-TelnyxSignaling -Uri ($script:plain.Uri + '/close/1000') -NoProxy -HoldSeconds 3
        $early.FailureReason | Should -Be 'ClosedEarly'
        $early.CloseCode | Should -Be 1000
        $early.HeldSeconds | Should -BeLessThan 3
    }

    It 'takes URIs from the pipeline by value and by property name' {
        @(($script:plain.Uri + '/') | Test-TelnyxSignaling -NoProxy -HoldSeconds 0) | Should -HaveCount 1
        ([pscustomobject]@{ Url = $script:plain.Uri + '/' } | Test-TelnyxSignaling -NoProxy -HoldSeconds 0).Status | Should -Be 'Succeeded'
    }

    It 'returns only $true with -Quiet when every URI opened and held' {
        $answer = Test-TelnyxSignaling -Uri ($script:plain.Uri + '/') -NoProxy -HoldSeconds 0 -Quiet
        $answer | Should -BeOfType [bool]
        $answer | Should -BeTrue
        Test-TelnyxSignaling -Uri ($script:plain.Uri + '/'), ($script:plain.Uri + '/forbidden') -NoProxy -HoldSeconds 0 -Quiet | Should -BeFalse
    }

    It 'shows Status and FailureReason in an 80-column table, also for a deserialized result from Start-Job' {
        $results = Test-TelnyxSignaling -Uri ($script:plain.Uri + '/'), ($script:plain.Uri + '/forbidden') -NoProxy -HoldSeconds 0
        $lines = @((Format-Table -InputObject $results | Out-String -Width 80) -split "`r?`n")
        $lines[1] | Should -Match '^Uri +Status +FailureReason +HeldS +PingMs$'
        @($lines | Where-Object { $_ -match 'Failed +UpgradeRejected' }) | Should -HaveCount 1
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -HaveCount 0
        $manifest = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
        $job = Start-Job -ArgumentList $manifest, ($script:plain.Uri + '/forbidden') -ScriptBlock {
            param($ManifestPath, $Uri)
            Import-Module -Name $ManifestPath
            Test-TelnyxSignaling -Uri $Uri -NoProxy -HoldSeconds 0
        }
        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $result = Receive-Job -Job $job
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $result.PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Probes.SignalingResult'
        ($result | Format-Table | Out-String -Width 80) | Should -Match 'Failed +UpgradeRejected'
    }

    It 'keeps its columns through Export-Csv and writes names in JSON' {
        $path = Join-Path -Path $TestDrive -ChildPath 'signaling.csv'
        Test-TelnyxSignaling -Uri ($script:plain.Uri + '/') -NoProxy -HoldSeconds 0 | Export-Csv -Path $path -NoTypeInformation
        $row = @(Import-Csv -Path $path)[0]
        $row.ComputerName | Should -Be ([Environment]::MachineName)
        $row.Status | Should -Be 'Succeeded'
        $row.Transport | Should -Be 'Ws'
        $json = Test-TelnyxSignaling -Uri ($script:plain.Uri + '/forbidden') -NoProxy | ConvertTo-Json | ConvertFrom-Json
        $json.FailureReason | Should -Be 'UpgradeRejected'
    }

    It 'narrates its steps with -Verbose' {
        $verbose = @(Test-TelnyxSignaling -Uri ($script:plain.Uri + '/') -NoProxy -HoldSeconds 0 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($verbose | Where-Object { $_.Message -like '*Upgrade: websocket*' }) | Should -Not -BeNullOrEmpty
    }
}

Describe 'Test-TelnyxSignaling through squid on loopback' -Skip:$squidMissing {
    BeforeAll {
        $script:wss = Start-TestWssServer
        $script:squid = Start-TestSquid
    }

    AfterAll {
        if ($null -ne $script:squid) {
            Stop-TestSquid -Squid $script:squid
        }

        if ($null -ne $script:wss) {
            Stop-TestWssServer -Server $script:wss
        }
    }

    It 'goes through the proxy given by -Proxy and names it' {
        $result = Test-TelnyxSignaling -Uri ($script:wss.Uri + '/') -Proxy ('127.0.0.1:{0}' -f $script:squid.OpenPort) -HoldSeconds 1
        $result.Status | Should -Be 'Succeeded'
        $result.ProxyUsed | Should -Be ('http://127.0.0.1:{0}' -f $script:squid.OpenPort)
        $result.ProxySource | Should -Be 'Parameter'
        $result.TunnelMs | Should -Not -BeNullOrEmpty
    }

    It 'reports a proxy that wants credentials as ProxyAuthenticationRequired, and passes with -ProxyCredential without showing the password' {
        $proxy = '127.0.0.1:{0}' -f $script:squid.AuthPort
        $refused = Test-TelnyxSignaling -Uri ($script:wss.Uri + '/') -Proxy $proxy -HoldSeconds 0
        $refused.FailureReason | Should -Be 'ProxyAuthenticationRequired'
        $refused.HttpStatusCode | Should -Be 407
        $refused.Message | Should -Match 'Basic realm="pester-proxy"'
        $credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $script:squid.User, (ConvertTo-SecureString -String $script:squid.Password -AsPlainText -Force)
        $passed = Test-TelnyxSignaling -Uri ($script:wss.Uri + '/') -Proxy $proxy -ProxyCredential $credential -HoldSeconds 0 -Verbose 4>&1
        $result = @($passed | Where-Object { $_ -is [TelnyxNet.Engine.Probes.SignalingResult] })[0]
        $result.Status | Should -Be 'Succeeded'
        (($passed | Out-String) + ($result | Format-List * | Out-String) + ($result | ConvertTo-Json)) | Should -Not -Match ([regex]::Escape($script:squid.Password))
    }
}
