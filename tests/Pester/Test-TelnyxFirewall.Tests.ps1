#Requires -Version 5.1
<#
Pester 5 tests of Test-TelnyxFirewall over the built module, driven by catalog files of loopback
rows: a private coturn (STUN and TURN), the Kestrel WebSocket test server over TLS, closed ports,
and rows no probe can prove. The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task
Test sets it), else <repo>/out/TelnyxNet. The tests that need coturn are skipped only where
turnserver is not installed (for example on Windows).
#>

BeforeDiscovery {
    $coturnMissing = $null -eq (Get-Command -Name 'turnserver' -CommandType Application -ErrorAction SilentlyContinue)
    if ($coturnMissing) {
        Write-Warning 'Skipping the Test-TelnyxFirewall tests against coturn: turnserver (coturn) is not on PATH here (for example on Windows). Install coturn to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/SignalingSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    Import-Module -Name (Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1') -Force
    $script:class = 'TelnyxNet.Commands.TestTelnyxFirewallCommand'
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Test-TelnyxFirewall without servers' {
    It 'stops on a bad catalog file with InvalidCatalog naming the field' {
        $path = New-TestCatalogFile -Directory $TestDrive -Rows @(@{ Service = 'Turn'; Host = '127.0.0.1'; Protocol = 'Udp' })
        { Test-TelnyxFirewall -Catalog $path } | Should -Throw -ErrorId ('InvalidCatalog,{0}' -f $script:class)
        try {
            Test-TelnyxFirewall -Catalog $path
        }
        catch {
            $_.Exception.Message | Should -Match 'has neither a Port nor a PortRange'
        }
    }

    It 'stops when catalog rows come both from the pipeline and from -Catalog (ConflictingCatalog)' {
        $path = New-TestCatalogFile -Directory $TestDrive -Rows @(@{ Service = 'Media'; Host = '*'; PortRange = '16384-32768'; Protocol = 'Udp' })
        { Get-TelnyxEndpoint -Service Media | Test-TelnyxFirewall -Catalog $path } | Should -Throw -ErrorId ('ConflictingCatalog,{0}' -f $script:class)
    }

    It 'stops on -NoProxy with -Proxy (ConflictingProxySettings) and a proxy it cannot speak to (InvalidProxy)' {
        { Test-TelnyxFirewall -Service Media -NoProxy -Proxy '127.0.0.1:3128' } | Should -Throw -ErrorId ('ConflictingProxySettings,{0}' -f $script:class)
        { Test-TelnyxFirewall -Service Media -Proxy 'https://127.0.0.1:3128' } | Should -Throw -ErrorId ('InvalidProxy,{0}' -f $script:class)
    }

    It 'says what would prove the rules no probe can test, without sending anything' {
        $results = @(Get-TelnyxEndpoint -Service Media | Test-TelnyxFirewall)
        $results | Should -HaveCount 2
        $results.Verdict | Should -Be @('NotTestable', 'NotTestable')
        $results.Status | Should -Be @('Skipped', 'Skipped')
        $results[0].Evidence | Should -Match 'a working TURN rule over UDP'
        Test-TelnyxFirewall -Service Media -Quiet | Should -BeTrue
        Test-TelnyxFirewall -Service Media -RequiredOnly -Quiet | Should -BeFalse
    }
}

Describe 'Test-TelnyxFirewall with a catalog of loopback rows' -Skip:$coturnMissing {
    BeforeAll {
        $script:coturn = Start-TestCoturn
        $script:wss = Start-TestWssServer -Tls
        $script:closedPort = Get-FreeLoopbackPort
        $script:catalog = New-TestCatalogFile -Directory ([System.IO.Path]::GetTempPath()) -Rows @(
            @{ Service = 'Signaling'; Host = '127.0.0.1'; Port = $script:wss.Port; Protocol = 'Wss'; Required = $true; Purpose = 'lab signaling' }
            @{ Service = 'Stun'; Host = '127.0.0.1'; Port = $script:coturn.Port; Protocol = 'Udp'; Required = $true }
            @{ Service = 'Turn'; Host = '127.0.0.1'; Port = $script:coturn.Port; Protocol = 'Udp'; Required = $true }
            @{ Service = 'Turn'; Host = '127.0.0.1'; Port = $script:coturn.Port; Protocol = 'Tcp'; Required = $false }
            @{ Service = 'Turn'; Host = '127.0.0.1'; Port = $script:closedPort; Protocol = 'Tcp'; Required = $false }
            @{ Service = 'Sip'; Host = '127.0.0.1'; Port = $script:closedPort; Protocol = 'Udp'; Required = $false }
            @{ Service = 'Media'; Host = '*'; PortRange = '16384-32768'; Protocol = 'Udp'; Direction = 'Bidirectional'; Required = $false }
        )
    }

    AfterAll {
        if ($null -ne $script:catalog) {
            Remove-Item -LiteralPath $script:catalog -Force -ErrorAction SilentlyContinue
        }

        if ($null -ne $script:wss) {
            Stop-TestWssServer -Server $script:wss
        }

        if ($null -ne $script:coturn) {
            Stop-TestCoturn -Coturn $script:coturn
        }
    }

    It 'gives every rule the verdict its server or port makes, with the request for the network team' {
        $results = @(Test-TelnyxFirewall -Catalog $script:catalog -SkipCertificateCheck -NoProxy -TimeoutSeconds 5)
        $results | Should -HaveCount 7
        $results[0] | Should -BeOfType 'TelnyxNet.Engine.Diagnosis.FirewallRuleResult'
        $results.Verdict | Should -Be @('Allowed', 'Allowed', 'Allowed', 'Allowed', 'Rejected', 'Rejected', 'NotTestable')
        $results.Probe | Should -Be @('WebSocket upgrade (WSS)', 'STUN Binding', 'TURN Allocate', 'TURN Allocate', 'TURN Allocate', 'SIP OPTIONS', 'none from this machine')
        $results[4].FailureReason | Should -Be 'Refused'
        $results[4].Remediation | Should -Be ('Allow outbound TCP {0} to 127.0.0.1 (a firewall rejects it now).' -f $script:closedPort)
        $results[0].Remediation | Should -BeNullOrEmpty
    }

    It 'returns $true with -Quiet when every required rule is allowed, and $false when one is not' {
        Test-TelnyxFirewall -Catalog $script:catalog -SkipCertificateCheck -NoProxy -TimeoutSeconds 5 -Quiet | Should -BeTrue
        Test-TelnyxFirewall -Catalog $script:catalog -NoProxy -TimeoutSeconds 5 -RequiredOnly -Quiet | Should -BeFalse
    }

    It 'tests catalog rows piped from Get-TelnyxEndpoint' {
        $results = @(Get-TelnyxEndpoint -Catalog $script:catalog -Service Stun | Test-TelnyxFirewall -TimeoutSeconds 5)
        $results | Should -HaveCount 1
        $results[0].Verdict | Should -Be 'Allowed'
        $results[0].Evidence | Should -Match '^STUN Binding answered in'
    }

    It 'shows Status and FailureReason in an 80-column table, also deserialized from Start-Job, and exports to CSV' {
        $results = Test-TelnyxFirewall -Catalog $script:catalog -Service Turn -TimeoutSeconds 5
        $lines = @((Format-Table -InputObject $results | Out-String -Width 80) -split "`r?`n")
        $lines[1] | Should -Match '^Service +Rule +Server +Verdict +Status +FailureReason$'
        @($lines | Where-Object { $_ -match ('^Turn +TCP {0} +127\.0\.0\.1 +Rejected +Failed +Refused' -f $script:closedPort) }) | Should -HaveCount 1
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -HaveCount 0
        $path = Join-Path -Path $TestDrive -ChildPath 'rules.csv'
        $results | Export-Csv -Path $path -NoTypeInformation
        @(Import-Csv -Path $path | ForEach-Object Verdict) | Should -Be @('Allowed', 'Allowed', 'Rejected')
        $manifest = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
        $job = Start-Job -ArgumentList $manifest, $script:catalog -ScriptBlock {
            param($ManifestPath, $Catalog)
            Import-Module -Name $ManifestPath
            Test-TelnyxFirewall -Catalog $Catalog -Service Turn -TimeoutSeconds 5
        }
        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $deserialized = Receive-Job -Job $job
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $deserialized[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Diagnosis.FirewallRuleResult'
        ($deserialized | Format-Table | Out-String -Width 80) | Should -Match 'Rejected +Failed +Refused'
    }
}
