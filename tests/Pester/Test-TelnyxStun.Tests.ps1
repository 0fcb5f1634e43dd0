#Requires -Version 5.1
<#
Pester 5 tests of Test-TelnyxStun over the built module, against a private coturn on loopback.
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
The tests that need coturn are skipped only where turnserver is not installed (for example on Windows).
#>

BeforeDiscovery {
    $coturnMissing = $null -eq (Get-Command -Name 'turnserver' -CommandType Application -ErrorAction SilentlyContinue)
    if ($coturnMissing) {
        Write-Warning 'Skipping the Test-TelnyxStun tests against coturn: turnserver (coturn) is not on PATH here (for example on Windows). Install coturn to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    Import-Module -Name (Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1') -Force
    $script:invalidServerId = 'InvalidServer,TelnyxNet.Commands.TestTelnyxStunCommand'
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Test-TelnyxStun without a server' {
    It 'stops on an invalid -Server value with -ErrorAction Stop, naming the InvalidServer error id' {
        { Test-TelnyxStun -Server 'bad host!' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidServer,TelnyxNet.Commands.TestTelnyxStunCommand'
    }

    It 'reports the invalid value as the target of the error' {
        Test-TelnyxStun -Server 'bad host!' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be $script:invalidServerId
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject | Should -Be 'bad host!'
    }

    It 'returns $false with -Quiet when no -Server value is valid' {
        Test-TelnyxStun -Server 'bad host!' -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'rejects -TimeoutSeconds outside 1 to 600' {
        { Test-TelnyxStun -Server '127.0.0.1' -TimeoutSeconds 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxStunCommand'
        { Test-TelnyxStun -Server '127.0.0.1' -TimeoutSeconds 601 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxStunCommand'
    }

    It 'rejects -Count outside 1 to 1000' {
        { Test-TelnyxStun -Server '127.0.0.1' -Count 1001 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxStunCommand'
    }

    It 'rejects -ThrottleLimit outside 1 to 1024' {
        { Test-TelnyxStun -Server '127.0.0.1' -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxStunCommand'
        { Test-TelnyxStun -Server '127.0.0.1' -ThrottleLimit 1025 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxStunCommand'
    }

    It 'returns $false with -Quiet for a refused port' {
        $closedPort = Get-FreeLoopbackPort
        Test-TelnyxStun -Server ('127.0.0.1:{0}' -f $closedPort) -Quiet -TimeoutSeconds 2 | Should -BeFalse
    }

    It 'shows the FailureReason of a closed port in an 80-column table, and IPv6 in brackets' {
        $closedPort = Get-FreeLoopbackPort
        $results = Test-TelnyxStun -Server ('127.0.0.1:{0}' -f $closedPort), ('[::1]:{0}' -f $closedPort) -TimeoutSeconds 2
        $lines = @((Format-Table -InputObject $results | Out-String -Width 80) -split "`r?`n")
        $lines[1] | Should -Match '^Server +Status +FailureReason +MappedAddress +RttMs$'
        @($lines | Where-Object { $_ -match ('^127\.0\.0\.1:{0} +Failed +Refused' -f $closedPort) }) | Should -HaveCount 1
        @($lines | Where-Object { $_ -match ('^\[::1\]:{0} +Failed +Refused' -f $closedPort) }) | Should -HaveCount 1
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -HaveCount 0
    }

    It 'formats results that come back from Start-Job (deserialized) with the same table view' {
        $closedPort = Get-FreeLoopbackPort
        $manifest = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
        $job = Start-Job -ArgumentList $manifest, ('127.0.0.1:{0}' -f $closedPort) -ScriptBlock {
            param($ManifestPath, $Server)
            Import-Module -Name $ManifestPath
            Test-TelnyxStun -Server $Server -TimeoutSeconds 2
        }
        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $result = Receive-Job -Job $job
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $result.PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Probes.StunBindingResult'
        $table = $result | Format-Table | Out-String -Width 80
        $table | Should -Match 'Server +Status +FailureReason +MappedAddress +RttMs'
        $table | Should -Match ('127\.0\.0\.1:{0} +Failed +Refused' -f $closedPort)
    }

    It 'writes names, not numbers, for Status, FailureReason and Transport in JSON, and the machine in ComputerName' {
        $closedPort = Get-FreeLoopbackPort
        $json = Test-TelnyxStun -Server ('127.0.0.1:{0}' -f $closedPort) -TimeoutSeconds 2 | ConvertTo-Json
        $json | Should -Match '"Status":\s*"Failed"'
        $json | Should -Match '"FailureReason":\s*"Refused"'
        $json | Should -Match '"Transport":\s*"Udp"'
        ($json | ConvertFrom-Json).ComputerName | Should -Be ([Environment]::MachineName)
    }

    It 'puts the columns every result shares first, in the same order' {
        $closedPort = Get-FreeLoopbackPort
        $names = @((Test-TelnyxStun -Server ('127.0.0.1:{0}' -f $closedPort) -TimeoutSeconds 2).PSObject.Properties.Name)
        $names[0..5] | Should -Be @('ComputerName', 'Server', 'Port', 'Transport', 'Status', 'FailureReason')
        $names[-3..-1] | Should -Be @('Message', 'Remediation', 'Timestamp')
    }

    It 'refuses an unbracketed IPv6 address ending in a port, saying to write [address]:port' {
        Test-TelnyxStun -Server '::1:3479' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be $script:invalidServerId
        $errors[0].Exception.Message | Should -Match ([regex]::Escape('write [::1]:3479'))
    }

    It 'reports a URI whose transport differs from -Transport as TransportConflict, not silently' {
        Test-TelnyxStun -Server 'stuns:127.0.0.1' -Transport Udp -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'TransportConflict,TelnyxNet.Commands.TestTelnyxStunCommand'
        $errors[0].TargetObject | Should -Be 'stuns:127.0.0.1'
    }

    It 'completes -Server with the Telnyx STUN servers' {
        $line = 'Test-TelnyxStun -Server stun.te'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        @($completion.CompletionMatches | ForEach-Object { $_.ListItemText }) | Should -Contain 'stun:stun.telnyx.com:3478'
    }
}

Describe 'Test-TelnyxStun against coturn on loopback' -Skip:$coturnMissing {
    BeforeAll {
        $script:coturn = Start-TestCoturn
        $script:server = '127.0.0.1:{0}' -f $script:coturn.Port
    }

    AfterAll {
        if ($null -ne $script:coturn) {
            Stop-TestCoturn -Coturn $script:coturn
        }
    }

    It 'gets the mapped address over <Transport>' -ForEach @(@{ Transport = 'Udp' }, @{ Transport = 'Tcp' }) {
        $result = Test-TelnyxStun -Server $script:server -Transport $Transport
        $result | Should -HaveCount 1
        $result.Transport | Should -Be $Transport
        $result.Status | Should -Be 'Succeeded'
        $result.FailureReason | Should -Be 'None'
        $result.Server | Should -Be '127.0.0.1'
        $result.Port | Should -Be $script:coturn.Port
        $result.MappedAddress | Should -Be '127.0.0.1'
        $result.MappedPort | Should -Be $result.LocalPort
        $result.BehindNat | Should -BeFalse
        $result.RoundTripTimeMs | Should -Not -BeNullOrEmpty
    }

    It 'returns a TelnyxNet.Engine.Probes.StunBindingResult' {
        $result = Test-TelnyxStun -Server $script:server
        $result | Should -BeOfType 'TelnyxNet.Engine.Probes.StunBindingResult'
        $result.PSObject.TypeNames[0] | Should -Be 'TelnyxNet.Engine.Probes.StunBindingResult'
    }

    It 'shows results in the table view of the format file' {
        $table = Test-TelnyxStun -Server $script:server | Format-Table | Out-String
        $table | Should -Match 'MappedAddress'
        $table | Should -Match 'Succeeded'
    }

    It 'sends -Count requests and reports their round trips' {
        $result = Test-TelnyxStun -Server $script:server -Count 3
        $result.Sent | Should -Be 3
        $result.Received | Should -Be 3
        $result.MinRoundTripTimeMs | Should -BeLessOrEqual $result.MaxRoundTripTimeMs
    }

    It 'keeps Server, Status and MappedAddress through Export-Csv and Import-Csv' {
        $path = Join-Path -Path $TestDrive -ChildPath 'stun.csv'
        Test-TelnyxStun -Server $script:server | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount 1
        $rows[0].Server | Should -Be '127.0.0.1'
        $rows[0].Status | Should -Be 'Succeeded'
        $rows[0].MappedAddress | Should -Be '127.0.0.1'
    }

    It 'converts to JSON' {
        $json = Test-TelnyxStun -Server $script:server | ConvertTo-Json | ConvertFrom-Json
        $json.Server | Should -Be '127.0.0.1'
        $json.MappedAddress | Should -Be '127.0.0.1'
    }

    It 'returns only $true with -Quiet when the server answers' {
        $answer = Test-TelnyxStun -Server $script:server -Quiet
        $answer | Should -BeOfType [bool]
        $answer | Should -Be $true
    }

    It 'still tests the valid server when another -Server value is invalid' {
        $results = @(Test-TelnyxStun -Server $script:server, 'bad host!' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $results | Should -HaveCount 1
        $results[0].Status | Should -Be 'Succeeded'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be $script:invalidServerId
    }

    It 'tests a long list -ThrottleLimit at a time, every server with its verdict, in the order given' {
        $servers = @(1..20 | ForEach-Object { $script:server })
        $results = @(Test-TelnyxStun -Server $servers -ThrottleLimit 3)
        $results | Should -HaveCount 20
        @($results | Where-Object Status -eq 'Succeeded') | Should -HaveCount 20
    }

    It 'takes servers from the pipeline by value' {
        $result = $script:server | Test-TelnyxStun
        $result.Status | Should -Be 'Succeeded'
        $result.Port | Should -Be $script:coturn.Port
    }

    It 'takes WebRTC iceServers entries from the pipeline: their stun: URLs, leaving turn: URLs to Test-TelnyxTurn' {
        $json = '[{{"urls":["stun:127.0.0.1:{0}","turn:127.0.0.1:{0}?transport=udp"],"username":"u","credential":"p"}}]' -f $script:coturn.Port
        $output = @($json | ConvertFrom-Json | Test-TelnyxStun -Verbose 4>&1)
        $results = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $results | Should -HaveCount 1
        $results[0].Status | Should -Be 'Succeeded'
        $results[0].Port | Should -Be $script:coturn.Port
        (@($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }) -join ' ') | Should -Match 'is a TURN URL: Test-TelnyxTurn tests it'
        $fromHashtable = @{ urls = ('stun:127.0.0.1:{0}' -f $script:coturn.Port) } | Test-TelnyxStun
        $fromHashtable.Status | Should -Be 'Succeeded'
    }

    It 'tests again the servers of results piped back into it (Server and Port)' {
        $again = Test-TelnyxStun -Server $script:server | Test-TelnyxStun -Count 2
        $again.Status | Should -Be 'Succeeded'
        $again.Port | Should -Be $script:coturn.Port
        $again.Sent | Should -Be 2
    }

    It 'narrates its steps with -Verbose' {
        $verbose = @(Test-TelnyxStun -Server $script:server -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Count | Should -BeGreaterThan 0
    }
}
