#Requires -Version 5.1
<#
Pester 5 tests of Test-TelnyxTurn over the built module, against private coturns on loopback that
the tests start (long-term credentials, and a TURN REST API shared secret) and stop.
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
The tests that need coturn are skipped only where turnserver is not installed (for example on
Windows); the TLS test also needs openssl, to make a throw-away CA.
#>

BeforeDiscovery {
    $coturnMissing = $null -eq (Get-Command -Name 'turnserver' -CommandType Application -ErrorAction SilentlyContinue)
    $opensslMissing = $null -eq (Get-Command -Name 'openssl' -CommandType Application -ErrorAction SilentlyContinue)
    if ($coturnMissing) {
        Write-Warning 'Skipping the Test-TelnyxTurn tests against coturn: turnserver (coturn) is not on PATH here (for example on Windows). Install coturn to run them.'
    }
    elseif ($opensslMissing) {
        Write-Warning 'Skipping the Test-TelnyxTurn test over TLS: openssl is not on PATH to make the test certificate. Install openssl to run it.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TurnSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    $script:manifestPath = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
    Import-Module -Name $script:manifestPath -Force
    $script:invalidServerId = 'InvalidServer,TelnyxNet.Commands.TestTelnyxTurnCommand'
    $script:user = 'alice'
    $script:realm = 'test.local'
    $script:password = 'pester-Turn-7Hq2'
    $script:wrongPassword = 'wrong-Turn-9Xv4'
    $script:credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $script:user, (ConvertTo-SecureString -String $script:password -AsPlainText -Force)
    $script:wrongCredential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $script:user, (ConvertTo-SecureString -String $script:wrongPassword -AsPlainText -Force)
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Test-TelnyxTurn without a TURN server' {
    It 'stops on an invalid -Server value with -ErrorAction Stop, naming the InvalidServer error id' {
        { Test-TelnyxTurn -Server 'bad host!' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidServer,TelnyxNet.Commands.TestTelnyxTurnCommand'
    }

    It 'reports the invalid value as the target of the error, for a bad host and for a STUN URI' {
        Test-TelnyxTurn -Server 'bad host!', 'stun:127.0.0.1' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 2
        $errors[0].FullyQualifiedErrorId | Should -Be $script:invalidServerId
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be 'bad host!'
        $errors[1].TargetObject | Should -Be 'stun:127.0.0.1'
        $errors[1].Exception.Message | Should -Match 'Test-TelnyxStun'
    }

    It 'returns $false with -Quiet when no -Server value is valid' {
        Test-TelnyxTurn -Server 'bad host!' -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'reports a URI whose transport -Transport leaves out as the non-terminating error TransportConflict' {
        Test-TelnyxTurn -Server 'turn:127.0.0.1?transport=tcp' -Transport Udp -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'TransportConflict,TelnyxNet.Commands.TestTelnyxTurnCommand'
        $errors[0].TargetObject | Should -Be 'turn:127.0.0.1?transport=tcp'
        $errors[0].Exception.Message | Should -Match 'TCP'
        Test-TelnyxTurn -Server 'turns:127.0.0.1:5349' -Transport Udp -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'refuses an unbracketed IPv6 address ending in a port, saying to write [address]:port' {
        { Test-TelnyxTurn -Server 'turn:::1:3478' -ErrorAction Stop } | Should -Throw -ErrorId $script:invalidServerId
    }

    It 'completes -Server with the Telnyx TURN URIs' {
        $line = 'Test-TelnyxTurn -Server turns'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        @($completion.CompletionMatches | ForEach-Object { $_.ListItemText }) | Should -Contain 'turns:turn.telnyx.com:443?transport=tcp'
    }

    It 'refuses -Credential together with -SharedSecret as ConflictingCredentials' {
        $secret = ConvertTo-SecureString -String 'not-used' -AsPlainText -Force
        { Test-TelnyxTurn -Server '127.0.0.1' -Credential $script:credential -SharedSecret $secret } | Should -Throw -ErrorId 'ConflictingCredentials,TelnyxNet.Commands.TestTelnyxTurnCommand'
    }

    It 'refuses -Username without -SharedSecret as ConflictingCredentials' {
        { Test-TelnyxTurn -Server '127.0.0.1' -Username 'monitor' } | Should -Throw -ErrorId 'ConflictingCredentials,TelnyxNet.Commands.TestTelnyxTurnCommand'
        { Test-TelnyxTurn -Server '127.0.0.1' -Username 'monitor' -Credential $script:credential } | Should -Throw -ErrorId 'ConflictingCredentials,TelnyxNet.Commands.TestTelnyxTurnCommand'
    }

    It 'refuses a user name of 509 bytes or more as InvalidCredential' {
        $long = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList ('a' * 600), (ConvertTo-SecureString -String 'x' -AsPlainText -Force)
        { Test-TelnyxTurn -Server '127.0.0.1' -Credential $long } | Should -Throw -ErrorId 'InvalidCredential,TelnyxNet.Commands.TestTelnyxTurnCommand'
    }

    It 'rejects -TimeoutSeconds outside 1 to 600' {
        { Test-TelnyxTurn -Server '127.0.0.1' -TimeoutSeconds 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxTurnCommand'
        { Test-TelnyxTurn -Server '127.0.0.1' -TimeoutSeconds 601 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxTurnCommand'
    }

    It 'shows a refused port''s FailureReason in an 80-column table, also for a deserialized result' {
        $closedPort = Get-FreeLoopbackPort
        $result = Test-TelnyxTurn -Server ('turn:[::1]:{0}?transport=udp' -f $closedPort) -TimeoutSeconds 3
        $deserialized = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($result))
        $deserialized.PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Probes.TurnAllocationResult'
        foreach ($shown in $result, $deserialized) {
            $lines = @((Format-Table -InputObject $shown | Out-String -Width 80) -split "`r?`n")
            $lines[1] | Should -Match '^Server +Proto +Status +FailureReason +RelayedAddress$'
            @($lines | Where-Object { $_ -match ('^\[::1\]:{0} +Udp +Failed +Refused' -f $closedPort) }) | Should -HaveCount 1
        }
    }

    It 'reports a refused port as Refused, with the server not reachable' {
        $closedPort = Get-FreeLoopbackPort
        $result = Test-TelnyxTurn -Server ('turn:127.0.0.1:{0}?transport=udp' -f $closedPort) -TimeoutSeconds 3
        $result.Status | Should -Be 'Failed'
        $result.FailureReason | Should -Be 'Refused'
        $result.ServerReachable | Should -BeFalse
        Test-TelnyxTurn -Server ('turn:127.0.0.1:{0}?transport=udp' -f $closedPort) -TimeoutSeconds 3 -Quiet | Should -BeFalse
    }
}

Describe 'Test-TelnyxTurn against coturn on loopback' -Skip:$coturnMissing {
    BeforeAll {
        $canTls = $null -ne (Get-Command -Name 'openssl' -CommandType Application -ErrorAction SilentlyContinue)
        $script:coturn = Start-TestCoturn -Tls:$canTls -ArgumentList @(
            '-v', '--lt-cred-mech', ('--user={0}:{1}' -f $script:user, $script:password), ('--realm=' + $script:realm), '--allow-loopback-peers'
        )
        $script:hostPort = '127.0.0.1:{0}' -f $script:coturn.Port
        $script:udpServer = 'turn:{0}?transport=udp' -f $script:hostPort
        $script:tcpServer = 'turn:{0}?transport=tcp' -f $script:hostPort
    }

    AfterAll {
        if ($null -ne $script:coturn) {
            Stop-TestCoturn -Coturn $script:coturn
        }
    }

    It 'allocates a relay and proves that it forwards data over <Transport>' -ForEach @(@{ Transport = 'Udp' }, @{ Transport = 'Tcp' }) {
        $result = Test-TelnyxTurn -Server ('turn:{0}?transport={1}' -f $script:hostPort, $Transport.ToLowerInvariant()) -Credential $script:credential
        $result | Should -HaveCount 1
        $result.Transport | Should -Be $Transport
        $result.Status | Should -Be 'Succeeded'
        $result.FailureReason | Should -Be 'None'
        $result.Server | Should -Be '127.0.0.1'
        $result.Port | Should -Be $script:coturn.Port
        $result.RelayVerified | Should -BeTrue
        $result.RelayedAddress | Should -Be '127.0.0.1'
        $result.RelayedPort | Should -BeGreaterThan 0
        $result.ServerReachable | Should -BeTrue
        $result.Realm | Should -Be $script:realm
        $result.CredentialSource | Should -Be 'Credential'
        $result.Username | Should -Be $script:user
        $result.AllocateTimeMs | Should -Not -BeNullOrEmpty
        $result.Deallocated | Should -BeTrue
    }

    It 'allocates and relays over TLS in a PowerShell that trusts the test CA' -Skip:$opensslMissing {
        # .NET on Linux reads SSL_CERT_FILE when a process starts, so the test runs in a job (a new process) that inherits it.
        $saved = $env:SSL_CERT_FILE
        $env:SSL_CERT_FILE = $script:coturn.CaFile
        try {
            $job = Start-Job -ArgumentList $script:manifestPath, ('turns:127.0.0.1:{0}' -f $script:coturn.TlsPort), $script:user, $script:password -ScriptBlock {
                param($ManifestPath, $Server, $Username, $Password)
                Import-Module -Name $ManifestPath
                $credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $Username, (ConvertTo-SecureString -String $Password -AsPlainText -Force)
                Test-TelnyxTurn -Server $Server -Credential $credential | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Transport, $_.Status, $_.RelayVerified, $_.FailureReason }
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

        $lines | Should -Be @('Tls|Succeeded|True|None')
    }

    It 'tests a plain host over UDP and TCP, and only over the transports of -Transport' {
        $both = @(Test-TelnyxTurn -Server $script:hostPort -Credential $script:credential)
        @($both | ForEach-Object { [string]$_.Transport }) | Should -Be @('Udp', 'Tcp')
        @($both | Where-Object Status -eq 'Succeeded') | Should -HaveCount 2
        $tcp = @(Test-TelnyxTurn -Server $script:hostPort -Credential $script:credential -Transport Tcp)
        $tcp | Should -HaveCount 1
        $tcp[0].Transport | Should -Be 'Tcp'
    }

    It 'reports a wrong password as AuthenticationFailed, with the server reachable' {
        $result = Test-TelnyxTurn -Server $script:udpServer -Credential $script:wrongCredential
        $result.Status | Should -Be 'Failed'
        $result.FailureReason | Should -Be 'AuthenticationFailed'
        $result.ServerReachable | Should -BeTrue
        $result.ErrorCode | Should -Be 401
        $result.Realm | Should -Be $script:realm
        $result.RelayVerified | Should -Not -BeTrue
        $result.Remediation | Should -Not -BeNullOrEmpty
    }

    It 'returns only $true with -Quiet when a transport relays, and $false when none does' {
        $answer = Test-TelnyxTurn -Server $script:udpServer -Credential $script:credential -Quiet
        $answer | Should -BeOfType [bool]
        $answer | Should -Be $true
        Test-TelnyxTurn -Server $script:udpServer -Credential $script:wrongCredential -Quiet | Should -Be $false
    }

    It 'allocates only, without a relay check, with -SkipRelayCheck' {
        $result = Test-TelnyxTurn -Server $script:udpServer -Credential $script:credential -SkipRelayCheck
        $result.Status | Should -Be 'Succeeded'
        $result.RelayVerified | Should -BeNullOrEmpty
        $result.RelayedAddress | Should -Be '127.0.0.1'
    }

    It 'takes servers from the pipeline by value' {
        $results = @($script:udpServer, $script:tcpServer | Test-TelnyxTurn -Credential $script:credential)
        @($results | ForEach-Object { [string]$_.Transport }) | Should -Be @('Udp', 'Tcp')
        @($results | Where-Object Status -eq 'Succeeded') | Should -HaveCount 2
    }

    It 'takes WebRTC iceServers entries without a credential of their own, using -Credential' {
        $iceServers = @([pscustomobject]@{ Urls = $script:tcpServer })
        $result = $iceServers | Test-TelnyxTurn -Credential $script:credential
        $result.Status | Should -Be 'Succeeded'
        $result.Transport | Should -Be 'Tcp'
        $result.CredentialSource | Should -Be 'Credential'
    }

    It 'tests each iceServers entry with its own username and credential, and leaves its stun: URLs to Test-TelnyxStun' {
        $json = '[{{"urls":"stun:{0}"}},{{"urls":["{1}","{2}"],"username":"{3}","credential":"{4}"}},{{"urls":"{1}","username":"{3}","credential":"{5}"}}]' -f $script:hostPort, $script:udpServer, $script:tcpServer, $script:user, $script:password, $script:wrongPassword
        $output = @($json | ConvertFrom-Json | Test-TelnyxTurn -Credential $script:wrongCredential -Verbose 4>&1)
        $results = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $results | Should -HaveCount 3
        @($results | ForEach-Object { '{0}|{1}|{2}' -f $_.Transport, $_.Status, $_.CredentialSource }) | Should -Be @('Udp|Succeeded|IceServer', 'Tcp|Succeeded|IceServer', 'Udp|Failed|IceServer')
        $results[2].FailureReason | Should -Be 'AuthenticationFailed'
        $results[2].Remediation | Should -Match 'iceServers entry'
        (@($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }) -join ' ') | Should -Match 'is a STUN URL: Test-TelnyxStun tests it'
    }

    It 'still tests the valid server when another -Server value is invalid' {
        $results = @(Test-TelnyxTurn -Server $script:udpServer, 'turn://bad' -Credential $script:credential -ErrorAction SilentlyContinue -ErrorVariable errors)
        $results | Should -HaveCount 1
        $results[0].Status | Should -Be 'Succeeded'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be $script:invalidServerId
        $errors[0].TargetObject | Should -Be 'turn://bad'
    }

    It 'returns a TelnyxNet.Engine.Probes.TurnAllocationResult shown in the table view of the format file' {
        $result = Test-TelnyxTurn -Server $script:udpServer -Credential $script:credential
        $result | Should -BeOfType 'TelnyxNet.Engine.Probes.TurnAllocationResult'
        $table = $result | Format-Table | Out-String -Width 80
        foreach ($column in 'Server', 'Proto', 'Status', 'FailureReason', 'RelayedAddress') {
            $table | Should -Match $column
        }

        $table | Should -Match 'Succeeded'
    }

    It 'keeps Server, Status, RelayVerified and CredentialSource through Export-Csv and Import-Csv' {
        $path = Join-Path -Path $TestDrive -ChildPath 'turn.csv'
        Test-TelnyxTurn -Server $script:udpServer -Credential $script:credential | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount 1
        $rows[0].Server | Should -Be '127.0.0.1'
        $rows[0].Status | Should -Be 'Succeeded'
        $rows[0].RelayVerified | Should -Be 'True'
        $rows[0].CredentialSource | Should -Be 'Credential'
    }

    It 'converts to JSON' {
        $json = Test-TelnyxTurn -Server $script:udpServer -Credential $script:credential | ConvertTo-Json | ConvertFrom-Json
        $json.Server | Should -Be '127.0.0.1'
        $json.RelayedAddress | Should -Be '127.0.0.1'
        $json.RelayVerified | Should -BeTrue
    }

    It 'shows neither the password nor its key in any stream, object, CSV or JSON of a <Case>' -ForEach @(
        @{ Case = 'success'; Password = 'pester-Turn-7Hq2'; Status = 'Succeeded' }
        @{ Case = 'wrong password'; Password = 'wrong-Turn-9Xv4'; Status = 'Failed' }
    ) {
        $credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $script:user, (ConvertTo-SecureString -String $Password -AsPlainText -Force)
        $run = Invoke-CapturedTurnTest -ManifestPath $script:manifestPath -Parameters @{ Server = @($script:udpServer, $script:tcpServer); Credential = $credential }
        @($run.Objects | Where-Object { [string]$_.Status -eq $Status }) | Should -HaveCount 2
        $run.VerboseCount | Should -BeGreaterThan 0
        $run.ProgressCount | Should -BeGreaterThan 0
        $run.Text | Should -Match 'alice'
        Find-Secret -Text $run.Text -Secret (Get-TurnSecretForm -Username $script:user -Realm $script:realm -Password $Password) | Should -BeNullOrEmpty
    }

    It 'leaves coturn with no allocation' {
        @(Get-Content -Path $script:coturn.LogPath | Select-String -Pattern 'session \d+: new,') | Should -Not -BeNullOrEmpty
        $left = Get-UndeletedCoturnSession -Coturn $script:coturn
        for ($attempt = 1; $attempt -le 50 -and $left.Count -gt 0; $attempt++) {
            Start-Sleep -Milliseconds 200
            $left = Get-UndeletedCoturnSession -Coturn $script:coturn
        }

        $left | Should -BeNullOrEmpty -Because 'every allocation the tests made must be deleted (coturn logs "session N: delete:")'
    }
}

Describe 'Test-TelnyxTurn with a TURN REST API shared secret' -Skip:$coturnMissing {
    BeforeAll {
        $script:secretText = 'pester-Secret-4Kd8'
        $script:secret = ConvertTo-SecureString -String $script:secretText -AsPlainText -Force
        $script:restCoturn = Start-TestCoturn -ArgumentList @(
            '-v', '--lt-cred-mech', '--use-auth-secret', ('--static-auth-secret=' + $script:secretText), ('--realm=' + $script:realm), '--allow-loopback-peers'
        )
        $script:restServer = 'turn:127.0.0.1:{0}?transport=udp' -f $script:restCoturn.Port
    }

    AfterAll {
        if ($null -ne $script:restCoturn) {
            Stop-TestCoturn -Coturn $script:restCoturn
        }
    }

    It 'relays with the credential derived for -Username, valid for one hour' {
        $before = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $result = Test-TelnyxTurn -Server $script:restServer -SharedSecret $script:secret -Username 'monitor'
        $result.Status | Should -Be 'Succeeded'
        $result.RelayVerified | Should -BeTrue
        $result.CredentialSource | Should -Be 'SharedSecret'
        $result.Username | Should -Match '^\d+:monitor$'
        $expiry = [long]($result.Username -split ':')[0]
        $expiry | Should -BeGreaterOrEqual ($before + 3600 - 5)
        $expiry | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 3600 + 5)
    }

    It 'names the user telnyxnet without -Username' {
        $result = Test-TelnyxTurn -Server $script:restServer -SharedSecret $script:secret
        $result.Status | Should -Be 'Succeeded'
        $result.Username | Should -Match '^\d+:telnyxnet$'
    }

    It 'reports a wrong secret as AuthenticationFailed' {
        $wrong = ConvertTo-SecureString -String 'not-the-secret' -AsPlainText -Force
        $result = Test-TelnyxTurn -Server $script:restServer -SharedSecret $wrong
        $result.FailureReason | Should -Be 'AuthenticationFailed'
        $result.ServerReachable | Should -BeTrue
        $result.CredentialSource | Should -Be 'SharedSecret'
    }

    It 'shows neither the secret, nor the derived password, nor its key anywhere' {
        $run = Invoke-CapturedTurnTest -ManifestPath $script:manifestPath -Parameters @{ Server = $script:restServer; SharedSecret = $script:secret }
        $run.Objects | Should -HaveCount 1
        $username = $run.Objects[0].Username
        $derived = Get-TurnRestPassword -Secret $script:secretText -Username $username
        $forms = @($script:secretText) + (Get-TurnSecretForm -Username $username -Realm $script:realm -Password $derived)
        Find-Secret -Text $run.Text -Secret $forms | Should -BeNullOrEmpty
        $run.Text | Should -Match ([regex]::Escape($username))
    }

    It 'leaves coturn with no allocation' {
        $left = Get-UndeletedCoturnSession -Coturn $script:restCoturn
        for ($attempt = 1; $attempt -le 50 -and $left.Count -gt 0; $attempt++) {
            Start-Sleep -Milliseconds 200
            $left = Get-UndeletedCoturnSession -Coturn $script:restCoturn
        }

        $left | Should -BeNullOrEmpty -Because 'every allocation the tests made must be deleted'
    }
}
