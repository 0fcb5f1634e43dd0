#Requires -Version 5.1
<#
Pester 5 tests of Export-TelnyxReport over the built module: the page of a live report, of one
deserialized by a job (the same page), of several machines, and its errors. The reports come from
Test-TelnyxConnectivity against loopback servers (see Test-TelnyxConnectivity.Tests.ps1).
#>

BeforeDiscovery {
    $coturnMissing = $null -eq (Get-Command -Name 'turnserver' -CommandType Application -ErrorAction SilentlyContinue)
    if ($coturnMissing) {
        Write-Warning 'Skipping the Export-TelnyxReport tests against coturn: turnserver (coturn) is not on PATH here (for example on Windows). Install coturn to run them.'
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/SignalingSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/ConnectivitySupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    $script:manifestPath = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
    Import-Module -Name $script:manifestPath -Force
    $script:class = 'TelnyxNet.Commands.ExportTelnyxReportCommand'

    # The page without its footer, which says when it was made.
    function Get-PageBody([string]$Path) {
        $text = Get-Content -LiteralPath $Path -Raw
        return $text.Substring(0, $text.IndexOf('<footer>'))
    }
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Export-TelnyxReport without a report' {
    It 'writes no file for an object that is not a report (InvalidReport), then stops with NoReport' {
        $path = Join-Path -Path $TestDrive -ChildPath 'none.html'
        { 'not a report' | Export-TelnyxReport -Path $path -ErrorAction SilentlyContinue } | Should -Throw -ErrorId ('NoReport,{0}' -f $script:class)
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'says InvalidReport for each object that is not a report' {
        $path = Join-Path -Path $TestDrive -ChildPath 'none.html'
        { Get-Date | Export-TelnyxReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId ('InvalidReport,{0}' -f $script:class)
    }
}

Describe 'Export-TelnyxReport with reports of loopback servers' -Skip:$coturnMissing {
    BeforeAll {
        $script:servers = Start-TestReadinessServers -Directory ([System.IO.Path]::GetTempPath())
        $common = @{ Credential = $script:servers.Credential; SkipCertificateCheck = $true; NoProxy = $true; TimeoutSeconds = 12; MediaDurationSeconds = 1 }
        $script:ready = Test-TelnyxConnectivity -Catalog $script:servers.Ready @common
        $script:blocked = Test-TelnyxConnectivity -Catalog $script:servers.Blocked @common
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

    It 'writes one self-contained page with the verdict banner, the reasons, the firewall table and the candidates' {
        $path = Join-Path -Path $TestDrive -ChildPath 'blocked.html'
        $script:blocked | Export-TelnyxReport -Path $path | Should -BeNullOrEmpty
        $page = Get-Content -LiteralPath $path -Raw
        $page | Should -Match '<div class="banner blocked"><div class="verdict">Blocked</div>'
        $page | Should -Match '<td class="code">signaling_blocked</td>'
        $page | Should -Match '<h2>Firewall rules</h2>'
        $page | Should -Match '<h2>ICE candidates</h2>'
        $page | Should -Match "default-src 'none'"
        $page | Should -Not -Match '<script'
    }

    It 'writes the same page for a report deserialized by a job' {
        $live = Join-Path -Path $TestDrive -ChildPath 'live.html'
        $remote = Join-Path -Path $TestDrive -ChildPath 'remote.html'
        $script:ready | Export-TelnyxReport -Path $live
        $deserialized = Receive-TestJobResult -ArgumentList $script:ready -ScriptBlock { param($Report) $Report }
        $deserialized.PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Diagnosis.TelnyxReadinessReport'
        $deserialized | Export-TelnyxReport -Path $remote
        Get-PageBody -Path $remote | Should -Be (Get-PageBody -Path $live)
    }

    It 'puts several machines in one page with an overview, and hands them on with -PassThru' {
        $path = Join-Path -Path $TestDrive -ChildPath 'fleet.html'
        $passed = @($script:ready, $script:blocked | Export-TelnyxReport -Path $path -PassThru)
        $passed | Should -HaveCount 2
        $passed[1].Verdict | Should -Be 'Blocked'
        $page = Get-Content -LiteralPath $path -Raw
        $page | Should -Match '<title>Telnyx readiness: 2 machines</title>'
        $page | Should -Match '<span class="pill ready">Ready</span>'
        $page | Should -Match 'id="machine-2"'
    }

    It 'keeps an existing file with -NoClobber (ReportFileExists) and says ReportNotWritten for a missing folder' {
        $path = Join-Path -Path $TestDrive -ChildPath 'kept.html'
        Set-Content -LiteralPath $path -Value 'kept'
        { $script:ready | Export-TelnyxReport -Path $path -NoClobber } | Should -Throw -ErrorId ('ReportFileExists,{0}' -f $script:class)
        (Get-Content -LiteralPath $path -Raw).Trim() | Should -Be 'kept'
        { $script:ready | Export-TelnyxReport -Path (Join-Path -Path $TestDrive -ChildPath 'no-such-folder/report.html') } | Should -Throw -ErrorId ('ReportNotWritten,{0}' -f $script:class)
    }
}
