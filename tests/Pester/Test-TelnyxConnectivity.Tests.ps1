#Requires -Version 5.1
<#
Pester 5 tests of Test-TelnyxConnectivity over the built module, driven by catalog files of
loopback rows: a private coturn (STUN and TURN over UDP, TCP and TLS), the Kestrel WebSocket test
server over TLS, a silent UDP port and a closed TCP port. The module comes from
$env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet. The tests
that need coturn are skipped only where turnserver is not installed (for example on Windows).
#>

BeforeDiscovery {
    $coturnMissing = $null -eq (Get-Command -Name 'turnserver' -CommandType Application -ErrorAction SilentlyContinue)
    if ($coturnMissing) {
        Write-Warning 'Skipping the Test-TelnyxConnectivity tests against coturn: turnserver (coturn) is not on PATH here (for example on Windows). Install coturn to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/SignalingSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/ConnectivitySupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    $script:manifestPath = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
    Import-Module -Name $script:manifestPath -Force
    $script:class = 'TelnyxNet.Commands.TestTelnyxConnectivityCommand'
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Test-TelnyxConnectivity without servers' {
    It 'stops on a bad catalog file with InvalidCatalog' {
        $path = New-TestCatalogFile -Directory $TestDrive -Rows @(@{ Service = 'Turn'; Host = '127.0.0.1'; Protocol = 'Udp' })
        { Test-TelnyxConnectivity -Catalog $path } | Should -Throw -ErrorId ('InvalidCatalog,{0}' -f $script:class)
    }

    It 'stops on conflicting proxy settings and conflicting credentials before testing anything' {
        $credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList 'alice', (ConvertTo-SecureString -String 'pw' -AsPlainText -Force)
        $secret = ConvertTo-SecureString -String 'secret' -AsPlainText -Force
        { Test-TelnyxConnectivity -NoProxy -Proxy '127.0.0.1:3128' } | Should -Throw -ErrorId ('ConflictingProxySettings,{0}' -f $script:class)
        { Test-TelnyxConnectivity -Proxy 'socks5://127.0.0.1:1080' } | Should -Throw -ErrorId ('InvalidProxy,{0}' -f $script:class)
        { Test-TelnyxConnectivity -Credential $credential -SharedSecret $secret } | Should -Throw -ErrorId ('ConflictingCredentials,{0}' -f $script:class)
    }

    It 'takes -AllowDegraded only with -Quiet, and the SDK regions only' {
        $parameters = (Get-Command -Name Test-TelnyxConnectivity).Parameters
        @($parameters['AllowDegraded'].ParameterSets.Keys) | Should -Be @('Quiet')
        { Test-TelnyxConnectivity -Region 'mars' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TelnyxNet.Commands.TestTelnyxConnectivityCommand'
    }
}

Describe 'Test-TelnyxConnectivity with a catalog of loopback rows' -Skip:$coturnMissing {
    BeforeAll {
        $script:servers = Start-TestReadinessServers -Directory ([System.IO.Path]::GetTempPath())
        $script:common = @{ Credential = $script:servers.Credential; SkipCertificateCheck = $true; NoProxy = $true; TimeoutSeconds = 12; MediaDurationSeconds = 1 }
        $script:ready = Test-TelnyxConnectivity -Catalog $script:servers.Ready @script:common
        $script:blocked = Test-TelnyxConnectivity -Catalog $script:servers.Blocked @script:common
    }

    AfterAll {
        if ($null -ne $script:servers) {
            foreach ($catalog in @($script:servers.Ready, $script:servers.Blocked, $script:servers.Degraded)) {
                if ($null -ne $catalog) {
                    Remove-Item -LiteralPath $catalog -Force -ErrorAction SilentlyContinue
                }
            }

            Stop-TestReadinessServers -Servers $script:servers
        }
    }

    It 'returns one Ready report that leads with the machine, the verdict and flat columns' {
        $script:ready | Should -HaveCount 1
        $script:ready | Should -BeOfType 'TelnyxNet.Engine.Diagnosis.TelnyxReadinessReport'
        $script:ready.Verdict | Should -Be 'Ready'
        @($script:ready.Reasons) | Should -HaveCount 0
        @($script:ready.PSObject.Properties.Name)[0..7] | Should -Be @('ComputerName', 'UserName', 'OS', 'Timestamp', 'Verdict', 'ReasonCodes', 'WarningCodes', 'Summary')
        $script:ready.ComputerName | Should -Be ([Environment]::MachineName)
        $script:ready.Summary | Should -BeLike 'Ready | *'
        $script:ready.Summary.Length | Should -BeLessOrEqual 2048
        $script:ready.SignalingConnected | Should -BeTrue
        $script:ready.RelayTransport | Should -Be 'Udp'
        $script:ready.SipReachable | Should -BeNullOrEmpty
        @($script:ready.Stun)[0].Status | Should -Be 'Succeeded'
        @($script:ready.Firewall).Count | Should -Be 5
        $script:ready.Media.Status | Should -Be 'Succeeded'
        $script:ready.MediaQuality | Should -Be 'Good'
        ($script:ready | Out-String -Width 80) | Should -Match 'Media +: Good \(MOS '
    }

    It 'names signaling_blocked with its fix when the signaling port is closed' {
        $script:blocked.Verdict | Should -Be 'Blocked'
        $script:blocked.ReasonCodes | Should -Be 'signaling_blocked'
        $reason = @($script:blocked.Reasons)[0]
        $reason.Effect | Should -Be 'Blocked'
        $reason.Source | Should -Be 'signaling'
        $reason.Remediation | Should -Not -BeNullOrEmpty
        $script:blocked.Summary | Should -BeLike 'Blocked: signaling_blocked | *'
    }

    It 'returns $true with -Quiet only for Ready, and for Degraded with -AllowDegraded' {
        Test-TelnyxConnectivity -Catalog $script:servers.Ready @script:common -Quiet | Should -BeTrue
        Test-TelnyxConnectivity -Catalog $script:servers.Blocked @script:common -Quiet -AllowDegraded | Should -BeFalse
        $degraded = Test-TelnyxConnectivity -Catalog $script:servers.Degraded @script:common
        $degraded.Verdict | Should -Be 'Degraded'
        $degraded.ReasonCodes | Should -Be 'ice_turn_required'
        Test-TelnyxConnectivity -Catalog $script:servers.Degraded @script:common -Quiet | Should -BeFalse
        Test-TelnyxConnectivity -Catalog $script:servers.Degraded @script:common -Quiet -AllowDegraded | Should -BeTrue
    }

    It 'shows a one-screen summary by default and one 80-column row per machine in a table' {
        $summary = $script:blocked | Out-String -Width 80
        $summary | Should -Match 'Verdict +: Blocked'
        $summary | Should -Match 'Reasons +: signaling_blocked: '
        $summary | Should -Match 'Fix: '
        $lines = @(($script:ready, $script:blocked) | Format-Table | Out-String -Width 80) -split "`r?`n"
        $lines[1] | Should -Match '^ComputerName +Verdict +Relay +Secs ReasonCodes$'
        @($lines | Where-Object { $_ -match ' Blocked +Udp +[0-9.]+ signaling_blocked$' }) | Should -HaveCount 1
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -HaveCount 0
    }

    It 'keeps its views, its detail and its CSV shape when it comes back deserialized from a job' {
        $deserialized = Receive-TestJobResult -ArgumentList $script:manifestPath, $script:servers.Blocked, 'secret123' -ScriptBlock {
            param($ManifestPath, $Catalog, $Password)
            Import-Module -Name $ManifestPath
            $credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList 'alice', (ConvertTo-SecureString -String $Password -AsPlainText -Force)
            Test-TelnyxConnectivity -Catalog $Catalog -Credential $credential -SkipCertificateCheck -NoProxy -TimeoutSeconds 12 -MediaDurationSeconds 1
        }

        $deserialized.PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Diagnosis.TelnyxReadinessReport'
        $deserialized.Verdict | Should -Be 'Blocked'
        @($deserialized.Reasons)[0].Code | Should -Be 'signaling_blocked'
        @($deserialized.Signaling)[0].FailureReason | Should -Be 'Refused'
        ($deserialized | Out-String -Width 80) | Should -Match 'Reasons +: signaling_blocked: '
        ($deserialized | Format-Table | Out-String -Width 80) | Should -Match ' Blocked +Udp +[0-9.]+ signaling_blocked'
        $live = @($script:blocked | ConvertTo-Csv -NoTypeInformation)
        # A job, like Invoke-Command, adds PSComputerName, RunspaceId and PSShowComputerName; the report's own columns are the same.
        $remote = @($deserialized | Select-Object -Property * -ExcludeProperty PSComputerName, RunspaceId, PSShowComputerName | ConvertTo-Csv -NoTypeInformation)
        $remote[0] | Should -Be $live[0]
        $columns = @('ComputerName', 'Verdict', 'ReasonCodes', 'SignalingConnected', 'RelayTransport', 'FirewallRulesBlocked')
        ($deserialized | Select-Object -Property $columns | ConvertTo-Csv -NoTypeInformation)[1] | Should -Be (($script:blocked | Select-Object -Property $columns | ConvertTo-Csv -NoTypeInformation)[1])
    }

    It 'keeps its detail through an out-of-process runspace, as Invoke-Command does' {
        $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateOutOfProcessRunspace($null)
        $shell = [System.Management.Automation.PowerShell]::Create()
        try {
            $runspace.Open()
            $shell.Runspace = $runspace
            [void]$shell.AddScript('param($ManifestPath, $Catalog) Import-Module -Name $ManifestPath; $c = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList alice, (ConvertTo-SecureString -String secret123 -AsPlainText -Force); Test-TelnyxConnectivity -Catalog $Catalog -Credential $c -SkipCertificateCheck -NoProxy -TimeoutSeconds 12 -MediaDurationSeconds 1').AddArgument($script:manifestPath).AddArgument($script:servers.Ready)
            $result = @($shell.Invoke())
        }
        finally {
            $shell.Dispose()
            $runspace.Dispose()
        }

        $result | Should -HaveCount 1
        $result[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Diagnosis.TelnyxReadinessReport'
        $result[0].Verdict | Should -Be 'Ready'
        @($result[0].Ice.Candidates).Count | Should -BeGreaterThan 0
        @($result[0].Ice.Candidates)[0].Type | Should -Be 'host'
    }

    It 'writes names, not numbers, to JSON and one row per machine to CSV' {
        $json = $script:blocked | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Verdict | Should -Be 'Blocked'
        $json.Reasons[0].Code | Should -Be 'signaling_blocked'
        $path = Join-Path -Path $TestDrive -ChildPath 'fleet.csv'
        $script:ready, $script:blocked | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount 2
        $rows.Verdict | Should -Be @('Ready', 'Blocked')
        $rows[1].ReasonCodes | Should -Be 'signaling_blocked'
    }
}
