#Requires -Version 5.1
<#
Pester 5 tests of Get-TelnyxEndpoint over the built module: the catalog, its filters, the shapes
it exports in, and -Catalog files read back. Nothing is sent over the network.
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
#>

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/SignalingSupport.ps1')
    Get-Module -Name TelnyxNet | Remove-Module -Force
    Import-Module -Name (Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1') -Force
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'Get-TelnyxEndpoint' {
    It 'lists the production catalog with the four minimum rules as Required' {
        $rows = @(Get-TelnyxEndpoint)
        $rows | Should -HaveCount 42
        $rows[0] | Should -BeOfType 'TelnyxNet.Engine.Diagnosis.TelnyxEndpoint'
        @($rows | Where-Object Required | ForEach-Object Rule) | Should -Be @(
            'Allow outbound TCP (WSS) 443 to rtc.telnyx.com'
            'Allow outbound UDP 3478 to stun.telnyx.com'
            'Allow outbound UDP 3478 to turn.telnyx.com'
            'Allow outbound TCP 443 to turn.telnyx.com')
        @(Get-TelnyxEndpoint -RequiredOnly) | Should -HaveCount 4
    }

    It 'filters by service and environment' {
        @(Get-TelnyxEndpoint -Service Stun | ForEach-Object Host) | Should -Be @('stun.telnyx.com', 'stun.l.google.com')
        @(Get-TelnyxEndpoint Media | ForEach-Object PortRange) | Should -Be @('16384-32768', '49152-65535')
        @(Get-TelnyxEndpoint -Environment Development | ForEach-Object Host) | Should -Be @('rtcdev.telnyx.com', 'stundev.telnyx.com', 'turndev.telnyx.com', 'turndev.telnyx.com')
    }

    It 'exports a firewall change request with Export-Csv' {
        $path = Join-Path -Path $TestDrive -ChildPath 'request.csv'
        Get-TelnyxEndpoint -RequiredOnly | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount 4
        ($rows[0].PSObject.Properties.Name -join ',') | Should -Be 'Service,Host,Port,PortRange,Protocol,Direction,Required,Purpose,Source,Environment,Rule'
        $rows[1].Rule | Should -Be 'Allow outbound UDP 3478 to stun.telnyx.com'
    }

    It 'reads back what ConvertTo-Json writes, as a -Catalog file' {
        $path = Join-Path -Path $TestDrive -ChildPath 'catalog.json'
        Get-TelnyxEndpoint -Service Turn, Media | ConvertTo-Json | Set-Content -Path $path -Encoding UTF8
        @(Get-TelnyxEndpoint -Catalog $path | ForEach-Object Rule) | Should -Be @(Get-TelnyxEndpoint -Service Turn, Media | ForEach-Object Rule)
        $single = Join-Path -Path $TestDrive -ChildPath 'one.json'
        Get-TelnyxEndpoint -RequiredOnly | Select-Object -First 1 | ConvertTo-Json | Set-Content -Path $single -Encoding UTF8
        (Get-TelnyxEndpoint -Catalog $single).Host | Should -Be 'rtc.telnyx.com'
    }

    It 'stops on a bad catalog file with InvalidCatalog, naming the file, the row and the field' {
        $path = New-TestCatalogFile -Directory $TestDrive -Rows @(@{ Service = 'Stun'; Host = '127.0.0.1'; Port = 3478; Protocol = 'Http' })
        { Get-TelnyxEndpoint -Catalog $path -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidCatalog,TelnyxNet.Commands.GetTelnyxEndpointCommand'
        try {
            Get-TelnyxEndpoint -Catalog $path -ErrorAction Stop
        }
        catch {
            $_.Exception.Message | Should -Match ([regex]::Escape($path) + ': row 1 \(line \d+, column \d+\): Protocol is ''Http'', not one of Udp, Tcp, Tls, Wss\.')
            $_.CategoryInfo.Category | Should -Be 'InvalidData'
        }

        { Get-TelnyxEndpoint -Catalog (Join-Path -Path $TestDrive -ChildPath 'missing.json') } | Should -Throw -ErrorId 'InvalidCatalog,TelnyxNet.Commands.GetTelnyxEndpointCommand'
    }

    It 'shows its rows in an 80-column table, also deserialized from Start-Job' {
        $lines = @((Get-TelnyxEndpoint -RequiredOnly | Format-Table | Out-String -Width 80) -split "`r?`n")
        $lines[1] | Should -Match '^Service +Protocol +Port +Host +Required +Purpose$'
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -HaveCount 0
        $manifest = Join-Path -Path (Get-TelnyxNetModuleDirectory) -ChildPath 'TelnyxNet.psd1'
        $job = Start-Job -ArgumentList $manifest -ScriptBlock {
            param($ManifestPath)
            Import-Module -Name $ManifestPath
            Get-TelnyxEndpoint -Service Media
        }
        try {
            Wait-Job -Job $job -Timeout 60 | Should -Not -BeNullOrEmpty
            $rows = Receive-Job -Job $job
        }
        finally {
            Remove-Job -Job $job -Force
        }

        $rows[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.TelnyxNet.Engine.Diagnosis.TelnyxEndpoint'
        ($rows | Format-Table | Out-String -Width 80) | Should -Match '16384-32768'
    }
}
