#Requires -Version 5.1
<#
Pester 5 tests of the built TelnyxNet module as it ships: what it exports and its help.
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
Run: Invoke-Pester -Path tests/Pester (after ./build.ps1 -Task Build, Docs for the help tests).
#>

BeforeDiscovery {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    $moduleDirectory = Get-TelnyxNetModuleDirectory
    $manifestData = Import-PowerShellDataFile -Path (Join-Path -Path $moduleDirectory -ChildPath 'TelnyxNet.psd1')
    $cmdlets = @($manifestData.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    $helpMissing = -not (Test-Path -Path (Join-Path -Path $moduleDirectory -ChildPath 'en-US/TelnyxNet.dll-Help.xml'))
    if ($helpMissing) {
        Write-Warning "Skipping the help tests: $moduleDirectory has no en-US/TelnyxNet.dll-Help.xml. Run ./build.ps1 -Task Docs to generate it."
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    $script:moduleDirectory = Get-TelnyxNetModuleDirectory
    $script:manifestPath = Join-Path -Path $script:moduleDirectory -ChildPath 'TelnyxNet.psd1'
    $script:manifest = Import-PowerShellDataFile -Path $script:manifestPath
    Get-Module -Name TelnyxNet | Remove-Module -Force
    $script:module = Import-Module -Name $script:manifestPath -Force -PassThru -WarningVariable importWarnings -WarningAction SilentlyContinue
    $script:importWarnings = @($importWarnings)
}

AfterAll {
    Get-Module -Name TelnyxNet | Remove-Module -Force
}

Describe 'The TelnyxNet module' {
    It 'has a valid manifest' {
        Test-ModuleManifest -Path $script:manifestPath -ErrorAction Stop | Should -Not -BeNullOrEmpty
    }

    It 'is loaded from the module folder under test' {
        $expected = (Resolve-Path -Path $script:moduleDirectory).ProviderPath.TrimEnd('\', '/')
        $script:module.ModuleBase.TrimEnd('\', '/') | Should -Be $expected
    }

    It 'imports without warnings (such as unapproved verbs)' {
        $script:importWarnings | Should -HaveCount 0
    }

    It 'has the version of its manifest' {
        $script:module.Version | Should -Be ([version]$script:manifest.ModuleVersion)
    }

    It 'exports exactly the cmdlets of its manifest' {
        $exported = @($script:module.ExportedCmdlets.Keys | Sort-Object)
        $exported | Should -Be @($script:manifest.CmdletsToExport | Sort-Object)
        @(Get-Command -Module TelnyxNet | Where-Object CommandType -ne 'Cmdlet') | Should -HaveCount 0
    }

    It 'exports no functions, aliases or variables' {
        $script:module.ExportedFunctions.Count | Should -Be 0
        $script:module.ExportedAliases.Count | Should -Be 0
        $script:module.ExportedVariables.Count | Should -Be 0
    }

    It 'loads its format file' {
        Get-FormatData -TypeName 'TelnyxNet.Engine.Probes.StunBindingResult' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:help = Get-Help -Name $Name -Full
    }

    It 'has a written synopsis' -Skip:$helpMissing {
        $script:help.Synopsis | Should -Not -BeNullOrEmpty
        $script:help.Synopsis | Should -Not -BeLike "$Name *"
    }

    It 'has a description' -Skip:$helpMissing {
        ($script:help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least three examples' -Skip:$helpMissing {
        @($script:help.Examples.Example).Count | Should -BeGreaterOrEqual 3
    }

    It 'describes every parameter' -Skip:$helpMissing {
        $undocumented = @($script:help.Parameters.Parameter | Where-Object { -not ($_.Description | Out-String).Trim() } | ForEach-Object { $_.Name })
        $undocumented | Should -HaveCount 0
    }
}

Describe 'The about topic' {
    It 'is installed as en-US/about_TelnyxNet.help.txt' -Skip:$helpMissing {
        Join-Path -Path $script:moduleDirectory -ChildPath 'en-US/about_TelnyxNet.help.txt' | Should -Exist
    }
}
