#Requires -Version 5.1
<#
Pester 5 tests of Get-TelnyxIceCandidate over the built module, against a private coturn on
loopback (long-term credentials) that the tests start and stop. Host candidates come from this
machine's own interfaces; every server the tests ask is on 127.0.0.1, so no packet leaves the machine.
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
The tests that need coturn are skipped only where turnserver is not installed (for example on Windows).
#>

BeforeDiscovery {
    $coturnMissing = $null -eq (Get-Command -Name 'turnserver' -CommandType Application -ErrorAction SilentlyContinue)
    if ($coturnMissing) {
        Write-Warning 'Skipping the Get-TelnyxIceCandidate tests against coturn: turnserver (coturn) is not on PATH here (for example on Windows). Install coturn to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    $script:manifestPath = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
    Import-Module -Name $script:manifestPath -Force
    $script:invalidServerId = 'InvalidServer,TelnyxNet.Commands.GetTelnyxIceCandidateCommand'
    $script:password = 'pester-Ice-4Kd8'
    $script:credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList 'alice', (ConvertTo-SecureString -String $script:password -AsPlainText -Force)
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Get-TelnyxIceCandidate without a server' {
    It 'stops on a -Server value that is not an ICE server URL, naming the InvalidServer error id' {
        { Get-TelnyxIceCandidate -Server 'stun.example.net' -ErrorAction Stop } | Should -Throw -ErrorId $script:invalidServerId
    }

    It 'reports every invalid value as the target of its error and still gathers host candidates' {
        $closedPort = Get-FreeLoopbackPort
        $results = @(Get-TelnyxIceCandidate -Server 'bad host!', 'stuns:127.0.0.1', ('stun:127.0.0.1:{0}' -f $closedPort) -TimeoutSeconds 1 -ErrorAction SilentlyContinue -ErrorVariable errors)
        $errors | Should -HaveCount 2
        $errors[0].FullyQualifiedErrorId | Should -Be $script:invalidServerId
        $errors[0].TargetObject | Should -Be 'bad host!'
        $errors[1].TargetObject | Should -Be 'stuns:127.0.0.1'
        @($results | Where-Object { $_.Type -ne 'host' }) | Should -HaveCount 0
    }

    It 'refuses -Credential together with -SharedSecret as ConflictingCredentials' {
        $secret = ConvertTo-SecureString -String 's3cret' -AsPlainText -Force
        { Get-TelnyxIceCandidate -Credential $script:credential -SharedSecret $secret } | Should -Throw -ErrorId 'ConflictingCredentials,TelnyxNet.Commands.GetTelnyxIceCandidateCommand'
    }

    It 'rejects -TimeoutSeconds outside 1 to 600' {
        { Get-TelnyxIceCandidate -Server 'stun:127.0.0.1' -TimeoutSeconds 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.GetTelnyxIceCandidateCommand'
    }

    It 'allows only one of -AsSdp, -Summary and -Quiet' {
        { Get-TelnyxIceCandidate -Server 'stun:127.0.0.1' -AsSdp -Summary } | Should -Throw -ErrorId 'AmbiguousParameterSet,TelnyxNet.Commands.GetTelnyxIceCandidateCommand'
    }
}

Describe 'Get-TelnyxIceCandidate against coturn on loopback' -Skip:$coturnMissing {
    BeforeAll {
        $script:coturn = Start-TestCoturn -ArgumentList @('--lt-cred-mech', ('--user=alice:' + $script:password), '--realm=test.local', '--allow-loopback-peers', '-v')
        $script:stun = 'stun:127.0.0.1:{0}' -f $script:coturn.Port
        $script:turnUdp = 'turn:127.0.0.1:{0}?transport=udp' -f $script:coturn.Port
        $script:turnTcp = 'turn:127.0.0.1:{0}?transport=tcp' -f $script:coturn.Port
        $script:candidates = @(Get-TelnyxIceCandidate -Server $script:stun, $script:turnUdp, $script:turnTcp -Credential $script:credential -TimeoutSeconds 3)
    }

    AfterAll {
        if ($null -ne $script:coturn) {
            Stop-TestCoturn -Coturn $script:coturn
        }
    }

    It 'writes TelnyxNet.Engine.Ice.IceCandidate objects, host and relay over UDP and TCP' {
        $script:candidates | Should -Not -BeNullOrEmpty
        $script:candidates[0] | Should -BeOfType 'TelnyxNet.Engine.Ice.IceCandidate'
        @($script:candidates | Where-Object Type -eq 'host').Count | Should -BeGreaterThan 0
        $relays = @($script:candidates | Where-Object Type -eq 'relay')
        @($relays | Where-Object RelayProtocol -eq 'udp').Count | Should -BeGreaterThan 0
        @($relays | Where-Object RelayProtocol -eq 'tcp').Count | Should -BeGreaterThan 0
        foreach ($relay in $relays) {
            $relay.Address | Should -Be '127.0.0.1'
            $relay.Protocol | Should -Be 'udp'
            $relay.CandidateLine | Should -Match ('^candidate:\d+ 1 udp {0} 127\.0\.0\.1 {1} typ relay raddr \S+ rport \d+$' -f $relay.Priority, $relay.Port)
        }
    }

    It 'names each candidate''s interface, adapter kind and address class as strings' {
        foreach ($candidate in $script:candidates) {
            $candidate.Interface | Should -Not -BeNullOrEmpty
            $candidate.AdapterKind | Should -BeOfType [string]
            $candidate.AdapterKind | Should -BeIn @('Physical', 'Vpn', 'ContainerBridge', 'VirtualSwitch', 'Loopback', 'Unknown')
            $candidate.AddressClass | Should -BeIn @('Global', 'Private', 'Cgnat', 'LinkLocal', 'Ula', 'Loopback')
            $candidate.ComputerName | Should -Be ([Environment]::MachineName)
        }
    }

    It 'deletes every allocation it made' {
        $deadline = [DateTime]::UtcNow.AddSeconds(5)
        while ((Get-UndeletedCoturnSession -Coturn $script:coturn).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 100
        }

        Get-UndeletedCoturnSession -Coturn $script:coturn | Should -BeNullOrEmpty
    }

    It 'writes the a=candidate: SDP lines with -AsSdp' {
        $lines = @(Get-TelnyxIceCandidate -Server $script:turnUdp -Credential $script:credential -TimeoutSeconds 3 -AsSdp)
        $lines | Should -Not -BeNullOrEmpty
        $lines[0] | Should -BeOfType [string]
        @($lines | Where-Object { $_ -notmatch '^a=candidate:\d+ 1 udp \d+ \S+ \d+ typ (host|srflx|relay)( raddr \S+ rport \d+)?$' }) | Should -HaveCount 0
        @($lines | Where-Object { $_ -match ' typ relay ' }).Count | Should -BeGreaterThan 0
    }

    It 'writes one IceGatheringSummary with the counts and the findings with -Summary' {
        $closedPort = Get-FreeLoopbackPort
        $summary = Get-TelnyxIceCandidate -Server ('stun:127.0.0.1:{0}' -f $closedPort), $script:turnUdp -Credential $script:credential -TimeoutSeconds 2 -Summary
        $summary | Should -HaveCount 1
        $summary | Should -BeOfType 'TelnyxNet.Engine.Ice.IceGatheringSummary'
        $summary.RelayCount | Should -BeGreaterThan 0
        $summary.HostCount | Should -Be @($summary.Candidates | Where-Object Type -eq 'host').Count
        @($summary.Findings | Where-Object Code -eq 'ice_turn_required') | Should -HaveCount 1
        $summary.FindingCodes | Should -Match 'ice_turn_required'
        $summary.Findings[0].Effect | Should -BeIn @('Blocked', 'Degraded', 'Inconclusive', 'Warning')
    }

    It 'returns only $true with -Quiet when a relay candidate is gathered' {
        $answer = Get-TelnyxIceCandidate -Server $script:turnUdp -Credential $script:credential -TimeoutSeconds 3 -Quiet
        $answer | Should -BeOfType [bool]
        $answer | Should -BeTrue
    }

    It 'streams: the first candidate reaches the pipeline long before a 30 s gathering would end' {
        $silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $first = Get-TelnyxIceCandidate -Server ('stun:127.0.0.1:{0}' -f $silent.Client.LocalEndPoint.Port) -TimeoutSeconds 30 | Select-Object -First 1
            $watch.Stop()
        }
        finally {
            $silent.Close()
        }

        $first.Type | Should -Be 'host'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
    }

    It 'takes a WebRTC iceServers entry from the pipeline, with its own username and credential' {
        $entry = [pscustomobject]@{ urls = @($script:turnUdp); username = 'alice'; credential = $script:password }
        $relays = @($entry | Get-TelnyxIceCandidate -TimeoutSeconds 3 | Where-Object Type -eq 'relay')
        $relays.Count | Should -BeGreaterThan 0
    }

    It 'keeps Type, Address and CandidateLine through Export-Csv and Import-Csv' {
        $path = Join-Path -Path $TestDrive -ChildPath 'ice.csv'
        $script:candidates | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount $script:candidates.Count
        $rows[0].Type | Should -Be $script:candidates[0].Type
        $rows[0].AdapterKind | Should -Be $script:candidates[0].AdapterKind
        $rows[0].CandidateLine | Should -Be $script:candidates[0].CandidateLine
    }

    It 'converts to JSON with names, not numbers' {
        $json = $script:candidates | ConvertTo-Json | ConvertFrom-Json
        $json[0].Type | Should -Be $script:candidates[0].Type
        $json[0].AdapterKind | Should -BeOfType [string]
    }

    It 'shows candidates in an 80-column table view, IPv6 in brackets' {
        $lines = @((Format-Table -InputObject $script:candidates | Out-String -Width 80) -split "`r?`n")
        $lines[1] | Should -Match '^Type +Address +Interface +AdapterKind +Priority +Via$'
        @($lines | Where-Object { $_ -match '^relay +127\.0\.0\.1:\d+ ' }).Count | Should -BeGreaterThan 0
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -HaveCount 0
        @($lines | Where-Object { $_ -match '^host +[0-9a-f]*:[0-9a-f:]*:\d+ ' }) | Should -HaveCount 0
    }

    It 'formats candidates and summaries that come back from Start-Job (deserialized) with the same table views' {
        $job = Start-Job -ArgumentList $script:manifestPath, $script:turnUdp, $script:password -ScriptBlock {
            param($ManifestPath, $Server, $Password)
            Import-Module -Name $ManifestPath
            $credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList 'alice', (ConvertTo-SecureString -String $Password -AsPlainText -Force)
            Get-TelnyxIceCandidate -Server $Server -Credential $credential -TimeoutSeconds 3
            Get-TelnyxIceCandidate -Server $Server -Credential $credential -TimeoutSeconds 3 -Summary
        }
        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $results = @(Receive-Job -Job $job)
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $results[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Ice.IceCandidate'
        $results[-1].PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Ice.IceGatheringSummary'
        ($results[0] | Format-Table | Out-String -Width 80) | Should -Match 'AdapterKind'
        ($results[-1] | Format-Table | Out-String -Width 80) | Should -Match 'FindingCodes'
    }

    It 'narrates every candidate with -Verbose' {
        $verbose = @(Get-TelnyxIceCandidate -Server $script:turnUdp -Credential $script:credential -TimeoutSeconds 3 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($verbose | Where-Object { $_.Message -like 'Candidate: candidate:*' }).Count | Should -BeGreaterThan 0
    }
}
