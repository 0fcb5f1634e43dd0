#Requires -Version 5.1
<#
Pester 5 tests of Get-TelnyxNatBehavior over the built module, against a private coturn on
loopback that the tests start and stop (no NAT on loopback: the mapping is NoNat).
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
The tests that need coturn are skipped only where turnserver is not installed (for example on Windows).
#>

BeforeDiscovery {
    $coturnMissing = $null -eq (Get-Command -Name 'turnserver' -CommandType Application -ErrorAction SilentlyContinue)
    if ($coturnMissing) {
        Write-Warning 'Skipping the Get-TelnyxNatBehavior tests against coturn: turnserver (coturn) is not on PATH here (for example on Windows). Install coturn to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    $script:manifestPath = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
    Import-Module -Name $script:manifestPath -Force
    $script:invalidServerId = 'InvalidServer,TelnyxNet.Commands.GetTelnyxNatBehaviorCommand'
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Get-TelnyxNatBehavior without a server' {
    It 'stops on an invalid -Server value with -ErrorAction Stop, naming the InvalidServer error id' {
        { Get-TelnyxNatBehavior -Server 'bad host!' -ErrorAction Stop } | Should -Throw -ErrorId $script:invalidServerId
    }

    It 'reports a stuns: server as TransportConflict: NAT behaviour is a UDP matter' {
        Get-TelnyxNatBehavior -Server 'stuns:127.0.0.1' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'TransportConflict,TelnyxNet.Commands.GetTelnyxNatBehaviorCommand'
        $errors[0].TargetObject | Should -Be 'stuns:127.0.0.1'
    }

    It 'returns $false with -Quiet when no -Server value is valid' {
        Get-TelnyxNatBehavior -Server 'bad host!' -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'rejects -LifetimeSeconds and -TimeoutSeconds outside 1 to 600' {
        { Get-TelnyxNatBehavior -Server '127.0.0.1' -LifetimeSeconds 601 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.GetTelnyxNatBehaviorCommand'
        { Get-TelnyxNatBehavior -Server '127.0.0.1' -TimeoutSeconds 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.GetTelnyxNatBehaviorCommand'
    }

    It 'returns a Failed result with the reason for a silent server, and $false with -Quiet' {
        $silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try {
            $server = '127.0.0.1:{0}' -f $silent.Client.LocalEndPoint.Port
            $result = Get-TelnyxNatBehavior -Server $server -TimeoutSeconds 2
            $quiet = Get-TelnyxNatBehavior -Server $server -TimeoutSeconds 2 -Quiet
        }
        finally {
            $silent.Close()
        }

        $result.Status | Should -Be 'Failed'
        $result.FailureReason | Should -Be 'Timeout'
        $result.Remediation | Should -Not -BeNullOrEmpty
        $quiet | Should -BeFalse
        $lines = @((Format-Table -InputObject $result | Out-String -Width 80) -split "`r?`n")
        $lines[1] | Should -Match '^Status +FailureReason +MappingBehavior +FilteringBehavior +Hairpin$'
        @($lines | Where-Object { $_ -match '^Failed +Timeout +Inconclusive +Unknown' }) | Should -HaveCount 1
    }
}

Describe 'Get-TelnyxNatBehavior against coturn on loopback' -Skip:$coturnMissing {
    BeforeAll {
        $script:coturn = Start-TestCoturn
        $script:server = '127.0.0.1:{0}' -f $script:coturn.Port
        $script:result = Get-TelnyxNatBehavior -Server $script:server, $script:server -TimeoutSeconds 3
    }

    AfterAll {
        if ($null -ne $script:coturn) {
            Stop-TestCoturn -Coturn $script:coturn
        }
    }

    It 'returns one TelnyxNet.Engine.Probes.NatBehaviorResult that finds no NAT on loopback' {
        $script:result | Should -HaveCount 1
        $script:result | Should -BeOfType 'TelnyxNet.Engine.Probes.NatBehaviorResult'
        $script:result.Status | Should -Be 'Succeeded'
        $script:result.MappingBehavior | Should -Be 'NoNat'
        $script:result.PublicAddress | Should -Be '127.0.0.1'
        $script:result.PortPreserved | Should -BeTrue
        $script:result.Server | Should -Be '127.0.0.1'
        $script:result.Port | Should -Be $script:coturn.Port
        @($script:result.Evidence).Count | Should -BeGreaterThan 0
        $script:result.Evidence[0].Test | Should -Match '^Mapping I '
    }

    It 'returns only $true with -Quiet when there is no NAT' {
        $answer = Get-TelnyxNatBehavior -Server $script:server -TimeoutSeconds 3 -Quiet
        $answer | Should -BeOfType [bool]
        $answer | Should -BeTrue
    }

    It 'takes servers from the pipeline: strings and Test-TelnyxStun results' {
        (Test-TelnyxStun -Server $script:server | Get-TelnyxNatBehavior -TimeoutSeconds 3).MappingBehavior | Should -Be 'NoNat'
        ($script:server | Get-TelnyxNatBehavior -TimeoutSeconds 3).Status | Should -Be 'Succeeded'
    }

    It 'keeps the behaviours as names through Export-Csv and ConvertTo-Json' {
        $path = Join-Path -Path $TestDrive -ChildPath 'nat.csv'
        $script:result | Export-Csv -Path $path -NoTypeInformation
        $row = @(Import-Csv -Path $path)[0]
        $row.MappingBehavior | Should -Be 'NoNat'
        $row.Method | Should -Be $script:result.Method
        ($script:result | ConvertTo-Json -Depth 3 | ConvertFrom-Json).MappingBehavior | Should -Be 'NoNat'
    }

    It 'formats results that come back from Start-Job (deserialized) with the same table view' {
        $job = Start-Job -ArgumentList $script:manifestPath, $script:server -ScriptBlock {
            param($ManifestPath, $Server)
            Import-Module -Name $ManifestPath
            Get-TelnyxNatBehavior -Server $Server -TimeoutSeconds 3
        }
        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $result = Receive-Job -Job $job
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $result.PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Probes.NatBehaviorResult'
        $table = $result | Format-Table | Out-String -Width 80
        $table | Should -Match 'MappingBehavior'
        $table | Should -Match 'Succeeded +NoNat'
    }

    It 'narrates every test with -Verbose' {
        $verbose = @(Get-TelnyxNatBehavior -Server $script:server -TimeoutSeconds 3 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($verbose | Where-Object { $_.Message -like 'Mapping I *' }).Count | Should -BeGreaterThan 0
    }
}
