#Requires -Version 5.1
<#
Pester 5 tests of Measure-TelnyxMediaPath over the built module, against a private coturn on
loopback that the tests start and stop. The module comes from $env:TELNYXNET_MODULE_PATH
(build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet. The tests that need coturn are skipped
only where turnserver is not installed (for example on Windows).
How good loopback is depends on the machine's load, so the tests assert counts, names and
shapes, never a quality or a time.
#>

BeforeDiscovery {
    $coturnMissing = $null -eq (Get-Command -Name 'turnserver' -CommandType Application -ErrorAction SilentlyContinue)
    if ($coturnMissing) {
        Write-Warning 'Skipping the Measure-TelnyxMediaPath tests against coturn: turnserver (coturn) is not on PATH here (for example on Windows). Install coturn to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TurnSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    $script:manifestPath = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
    Import-Module -Name $script:manifestPath -Force
    $script:commandClass = 'TelnyxNet.Commands.MeasureTelnyxMediaPathCommand'
    $script:user = 'alice'
    $script:realm = 'test.local'
    $script:password = 'pester-Media-3Rw8'
    $script:credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $script:user, (ConvertTo-SecureString -String $script:password -AsPlainText -Force)
    $script:wrongCredential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $script:user, (ConvertTo-SecureString -String 'wrong-Media-1Zq5' -AsPlainText -Force)
    $script:headers = 'Server', 'Via', 'Status', 'FailureReason', 'Quality', 'RttMs', 'Jitter', 'Loss%'
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Measure-TelnyxMediaPath without a TURN server' {
    It 'stops on an invalid -Server value with -ErrorAction Stop, naming the InvalidServer error id' {
        { Measure-TelnyxMediaPath -Server 'bad host!' -ErrorAction Stop } | Should -Throw -ErrorId ('InvalidServer,' + $script:commandClass)
    }

    It 'returns $false with -Quiet when no -Server value is valid' {
        Measure-TelnyxMediaPath -Server 'bad host!' -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'refuses -Credential together with -SharedSecret, and -Username alone, as ConflictingCredentials' {
        $secret = ConvertTo-SecureString -String 'not-used' -AsPlainText -Force
        { Measure-TelnyxMediaPath -Server '127.0.0.1' -Credential $script:credential -SharedSecret $secret } | Should -Throw -ErrorId ('ConflictingCredentials,' + $script:commandClass)
        { Measure-TelnyxMediaPath -Server '127.0.0.1' -Username 'monitor' } | Should -Throw -ErrorId ('ConflictingCredentials,' + $script:commandClass)
    }

    It 'refuses a user name of 509 bytes or more as InvalidCredential' {
        $long = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList ('a' * 600), (ConvertTo-SecureString -String 'x' -AsPlainText -Force)
        { Measure-TelnyxMediaPath -Server '127.0.0.1' -Credential $long } | Should -Throw -ErrorId ('InvalidCredential,' + $script:commandClass)
    }

    It 'rejects -DurationSeconds outside 1 to 120, -TimeoutSeconds outside 1 to 600 and -ThrottleLimit outside 1 to 1024' {
        { Measure-TelnyxMediaPath -Server '127.0.0.1' -DurationSeconds 0 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,' + $script:commandClass)
        { Measure-TelnyxMediaPath -Server '127.0.0.1' -DurationSeconds 121 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,' + $script:commandClass)
        { Measure-TelnyxMediaPath -Server '127.0.0.1' -TimeoutSeconds 601 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,' + $script:commandClass)
        { Measure-TelnyxMediaPath -Server '127.0.0.1' -ThrottleLimit 0 } | Should -Throw -ErrorId ('ParameterArgumentValidationError,' + $script:commandClass)
    }

    It 'reports a refused port as Refused with an Unknown quality and no figures' {
        $closedPort = Get-FreeLoopbackPort
        $result = Measure-TelnyxMediaPath -Server ('turn:127.0.0.1:{0}?transport=udp' -f $closedPort) -TimeoutSeconds 3
        $result.Status | Should -Be 'Failed'
        $result.FailureReason | Should -Be 'Refused'
        $result.Quality | Should -Be 'Unknown'
        $result.RoundTripTimeMs | Should -BeNullOrEmpty
        $result.Remediation | Should -Not -BeNullOrEmpty
        Measure-TelnyxMediaPath -Server ('turn:127.0.0.1:{0}?transport=udp' -f $closedPort) -TimeoutSeconds 3 -Quiet | Should -BeFalse
    }
}

Describe 'Measure-TelnyxMediaPath against coturn on loopback' -Skip:$coturnMissing {
    BeforeAll {
        $script:coturn = Start-TestCoturn -ArgumentList @(
            '-v', '--lt-cred-mech', ('--user={0}:{1}' -f $script:user, $script:password), ('--realm=' + $script:realm), '--allow-loopback-peers'
        )
        $script:hostPort = '127.0.0.1:{0}' -f $script:coturn.Port
        $script:udpServer = 'turn:{0}?transport=udp' -f $script:hostPort
        $script:tcpServer = 'turn:{0}?transport=tcp' -f $script:hostPort
        $script:measured = Measure-TelnyxMediaPath -Server $script:udpServer -Credential $script:credential -DurationSeconds 1
    }

    AfterAll {
        if ($null -ne $script:coturn) {
            Stop-TestCoturn -Coturn $script:coturn
        }
    }

    It 'streams a second of PCMU through the relay over UDP and gets every packet back' {
        $result = $script:measured
        $result | Should -HaveCount 1
        $result | Should -BeOfType 'TelnyxNet.Engine.Probes.MediaPathQuality'
        $result.Status | Should -Be 'Succeeded'
        $result.FailureReason | Should -Be 'None'
        $result.Transport | Should -Be 'Udp'
        $result.Peer | Should -Be 'LocalUdp'
        $result.PacketsSent | Should -Be 50
        $result.PacketsReceived | Should -Be 50
        $result.LossPercent | Should -Be 0
        $result.Codec | Should -Be 'PCMU'
        $result.PacketIntervalMs | Should -Be 20
        $result.PayloadBytes | Should -Be 160
        $result.Quality | Should -BeIn @('Good', 'Fair', 'Poor')
        $result.MosQuality | Should -BeIn @('Excellent', 'Good', 'Fair', 'Poor', 'Bad')
        $result.EstimatedMos | Should -BeGreaterOrEqual 1
        $result.RoundTripTimeMs | Should -Not -BeNullOrEmpty
        $result.JitterMs | Should -Not -BeNullOrEmpty
        $result.Deallocated | Should -BeTrue
        @($result.Samples) | Should -HaveCount 1
        $result.Samples[0].Sent | Should -Be 50
        @($result.Outbound, $result.Inbound, $result.RoundTrip | ForEach-Object { $_.Leg }) | Should -Be @('Outbound', 'Inbound', 'RoundTrip')
        $result.RoundTrip.Received | Should -Be 50
        $result.FindingCodes | Should -Be (@($result.Findings | ForEach-Object { $_.Code }) -join ', ')
    }

    It 'measures a plain host once, over UDP, the transport calls prefer' {
        $results = @(Measure-TelnyxMediaPath -Server $script:hostPort -Credential $script:credential -DurationSeconds 1)
        $results | Should -HaveCount 1
        $results[0].Transport | Should -Be 'Udp'
        $results[0].Attempts | Should -Be ('Udp {0}: Succeeded' -f $script:coturn.Port)
    }

    It 'falls back to TCP when UDP is refused and says so in Attempts and Message' {
        $closedPort = Get-FreeLoopbackPort
        $result = Measure-TelnyxMediaPath -Server ('turn:127.0.0.1:{0}?transport=udp' -f $closedPort), $script:tcpServer -Credential $script:credential -DurationSeconds 1
        $result.Status | Should -Be 'Succeeded'
        $result.Transport | Should -Be 'Tcp'
        $result.Attempts | Should -Be ('Udp {0}: Refused, Tcp {1}: Succeeded' -f $closedPort, $script:coturn.Port)
        $result.Message | Should -Match 'Media went over TCP'
    }

    It 'returns a bool with -Quiet: $false for a refused credential' {
        $answer = Measure-TelnyxMediaPath -Server $script:udpServer -Credential $script:wrongCredential -DurationSeconds 1 -Quiet
        $answer | Should -BeOfType [bool]
        $answer | Should -BeFalse
    }

    It 'reports a wrong password as AuthenticationFailed, with no media finding' {
        $result = Measure-TelnyxMediaPath -Server $script:udpServer -Credential $script:wrongCredential -DurationSeconds 1
        $result.Status | Should -Be 'Failed'
        $result.FailureReason | Should -Be 'AuthenticationFailed'
        $result.Quality | Should -Be 'Unknown'
        @($result.Findings) | Should -HaveCount 0
        $result.Deallocated | Should -BeNullOrEmpty
    }

    It 'takes servers from the pipeline by value and by property name' {
        $byValue = @($script:tcpServer | Measure-TelnyxMediaPath -Credential $script:credential -DurationSeconds 1)
        $byValue | Should -HaveCount 1
        $byValue[0].Transport | Should -Be 'Tcp'
        $byName = [pscustomobject]@{ Urls = $script:udpServer } | Measure-TelnyxMediaPath -Credential $script:credential -DurationSeconds 1
        $byName.Status | Should -Be 'Succeeded'
    }

    It 'shows the table view within 80 columns' {
        $table = $script:measured | Format-Table | Out-String -Width 80
        foreach ($header in $script:headers) {
            $table | Should -Match ([regex]::Escape($header))
        }

        $table | Should -Match 'Succeeded'
        @($table -split "`r?`n" | Where-Object { $_.Length -gt 80 }) | Should -HaveCount 0
    }

    It 'keeps its view and its figures when it comes back deserialized from a job' {
        $job = Start-Job -ArgumentList $script:manifestPath, $script:udpServer, $script:user, $script:password -ScriptBlock {
            param($ManifestPath, $Server, $Username, $Password)
            Import-Module -Name $ManifestPath
            $credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $Username, (ConvertTo-SecureString -String $Password -AsPlainText -Force)
            Measure-TelnyxMediaPath -Server $Server -Credential $credential -DurationSeconds 1
        }
        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $result = Receive-Job -Job $job
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $result.PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Probes.MediaPathQuality'
        $result.Status | Should -Be 'Succeeded'
        $result.PacketsReceived | Should -Be 50
        $result.Outbound.Received | Should -Be 50
        $result.RoundTrip.Leg | Should -Be 'RoundTrip'
        @($result.Samples) | Should -HaveCount 1
        $result.Samples[0].Sent | Should -Be 50
        $table = $result | Format-Table | Out-String -Width 80
        foreach ($header in $script:headers) {
            $table | Should -Match ([regex]::Escape($header))
        }
    }

    It 'keeps the flat figures through Export-Csv and Import-Csv' {
        $path = Join-Path -Path $TestDrive -ChildPath 'media.csv'
        $script:measured | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount 1
        $rows[0].Status | Should -Be 'Succeeded'
        $rows[0].Quality | Should -Be $script:measured.Quality
        $rows[0].PacketsReceived | Should -Be '50'
        $rows[0].Attempts | Should -Be $script:measured.Attempts
        $rows[0].PSObject.Properties.Name[0] | Should -Be 'ComputerName'
    }

    It 'converts to JSON with names as strings and the legs, samples and findings nested' {
        $json = $script:measured | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Status | Should -Be 'Succeeded'
        $json.Quality | Should -Be $script:measured.Quality
        $json.Outbound.Leg | Should -Be 'Outbound'
        @($json.Samples) | Should -HaveCount 1
        $json.Samples[0].Second | Should -Be 1
    }

    It 'shows neither the password nor its key in any stream, object, CSV or JSON' {
        $run = Invoke-CapturedTurnTest -ManifestPath $script:manifestPath -Command 'Measure-TelnyxMediaPath' -Parameters @{ Server = $script:udpServer; Credential = $script:credential; DurationSeconds = 1 }
        @($run.Objects | Where-Object { [string]$_.Status -eq 'Succeeded' }) | Should -HaveCount 1
        $run.VerboseCount | Should -BeGreaterThan 0
        $run.ProgressCount | Should -BeGreaterThan 0
        Find-Secret -Text $run.Text -Secret (Get-TurnSecretForm -Username $script:user -Realm $script:realm -Password $script:password) | Should -BeNullOrEmpty
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
