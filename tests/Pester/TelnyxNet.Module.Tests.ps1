#Requires -Version 5.1
<#
Pester 5 tests of the built TelnyxNet module as it ships: what it exports, its help (the MAML that
build.ps1 -Task Docs generates) and its package.
The module comes from $env:TELNYXNET_MODULE_PATH (build.ps1 -Task Test sets it), else <repo>/out/TelnyxNet.
Run: ./build.ps1 -Task Test, or Invoke-Pester -Path tests/Pester after ./build.ps1 -Task Package.
#>

BeforeDiscovery {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Support/TestSupport.ps1')
    $moduleDirectory = Get-TelnyxNetModuleDirectory
    $manifestData = Import-PowerShellDataFile -Path (Join-Path -Path $moduleDirectory -ChildPath 'TelnyxNet.psd1')
    $cmdlets = @($manifestData.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
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

    It 'loads its format file, with the view of each type also for its Deserialized twin' {
        Get-FormatData -TypeName 'TelnyxNet.Engine.Probes.StunBindingResult' | Should -Not -BeNullOrEmpty
        Get-FormatData -TypeName 'Deserialized.TelnyxNet.Engine.Probes.StunBindingResult' | Should -Not -BeNullOrEmpty
    }

    It 'ships under the license its manifest points to' {
        $script:manifest.PrivateData.PSData.LicenseUri | Should -Match '/LICENSE$'
        $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
        Get-Content -Path (Join-Path -Path $repoRoot -ChildPath 'LICENSE') -Raw | Should -Match 'MIT License'
    }
}

Describe 'A fresh process of this PowerShell' {
    It 'is started the way build.ps1 starts its Pester run, also under a .NET tool host' {
        $run = Invoke-FreshPowerShell -Command '$PSVersionTable.PSVersion.ToString(); $PSVersionTable.PSEdition'
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Be @($PSVersionTable.PSVersion.ToString(), $PSVersionTable.PSEdition)
    }
}

Describe 'The package' {
    BeforeAll {
        $script:package = Get-TelnyxNetPackagePath
        $script:emptyHome = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('telnyxnet-package-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:emptyHome | Out-Null
    }

    AfterAll {
        Remove-Item -LiteralPath $script:emptyHome -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'was written by build.ps1 -Task Package' {
        $script:package | Should -Exist
    }

    It 'installs from a local file repository in a fresh PowerShell, imports, and shows full help' {
        $folder = (Split-Path -Path $script:package -Parent).Replace("'", "''")
        $command = @(
            '$ErrorActionPreference = "Stop"'
            ('Register-PSResourceRepository -Name TelnyxNetLocal -Uri ''{0}'' -Trusted' -f $folder)
            'Install-PSResource -Name TelnyxNet -Repository TelnyxNetLocal -TrustRepository -Scope CurrentUser -Quiet'
            'Import-Module -Name TelnyxNet'
            '(Get-Module -Name TelnyxNet).ModuleBase'
            '(Get-Command -Module TelnyxNet | Sort-Object -Property Name | ForEach-Object -MemberName Name) -join ","'
            '(Get-Help -Name Test-TelnyxStun -Full).Synopsis'
            '@((Get-Help -Name Test-TelnyxStun).syntax.syntaxItem).Count'
        ) -join '; '
        # An empty home (the XDG folders follow it): the package installs for that user only, and
        # nothing is left behind once the folder is removed.
        $environment = @{
            HOME            = $script:emptyHome
            XDG_DATA_HOME   = $null
            XDG_CONFIG_HOME = $null
            XDG_CACHE_HOME  = $null
            PSModulePath    = $null
        }
        $run = Invoke-FreshPowerShell -Command $command -Environment $environment -WorkingDirectory $script:emptyHome
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join [Environment]::NewLine)
        $run.Output[0] | Should -BeLike ((Resolve-Path -Path $script:emptyHome).ProviderPath + '*')
        $run.Output[1] | Should -Be ((@($script:manifest.CmdletsToExport) | Sort-Object) -join ',')
        $run.Output[2] | Should -Match 'STUN'
        $run.Output[3] | Should -Be '2'
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:help = Get-Help -Name $Name -Full
    }

    It 'comes from the generated MAML file' {
        Join-Path -Path $script:moduleDirectory -ChildPath 'en-US/TelnyxNet.dll-Help.xml' | Should -Exist
        $script:help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has one SYNTAX entry per parameter set' {
        @($script:help.syntax.syntaxItem).Count | Should -Be @((Get-Command -Name $Name).ParameterSets).Count
    }

    It 'renders every bullet of its description on a line of its own' {
        $text = ($script:help.Description | Out-String -Width 4000)
        $text | Should -Not -Match '\S[ \t]+- `'
        @($text -split "`r?`n" | Where-Object { $_ -match '^\s*- ' }).Count | Should -BeGreaterThan 0
    }

    It 'has a written synopsis' {
        $script:help.Synopsis | Should -Not -BeNullOrEmpty
        $script:help.Synopsis | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        ($script:help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least three examples' {
        @($script:help.Examples.Example).Count | Should -BeGreaterOrEqual 3
    }

    It 'describes every parameter' {
        $undocumented = @($script:help.Parameters.Parameter | Where-Object { -not ($_.Description | Out-String).Trim() } | ForEach-Object { $_.Name })
        $undocumented | Should -HaveCount 0
    }
}

Describe 'The about topic' {
    It 'is installed as en-US/about_TelnyxNet.help.txt' {
        Join-Path -Path $script:moduleDirectory -ChildPath 'en-US/about_TelnyxNet.help.txt' | Should -Exist
    }

    It 'names every cmdlet of the module' {
        $topic = Get-Content -Path (Join-Path -Path $script:moduleDirectory -ChildPath 'en-US/about_TelnyxNet.help.txt') -Raw
        foreach ($name in $script:manifest.CmdletsToExport) {
            $topic | Should -Match $name
        }
    }
}
