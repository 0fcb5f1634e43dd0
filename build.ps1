<#
.SYNOPSIS
Builds, documents, tests and packages the TelnyxNet module.

.DESCRIPTION
Runs the tasks given, in the order given, and stops at the first failure (a failed dotnet call,
PowerShell child process or Pester run included). Runs in Windows PowerShell 5.1 and in
PowerShell 7 on Windows, Linux and macOS.

Build    dotnet publish src/TelnyxNet: the module lands in out/TelnyxNet.
Docs     New-ExternalHelp from docs/en-US into out/TelnyxNet/en-US (TelnyxNet.dll-Help.xml and
         about_TelnyxNet.help.txt); installs platyPS for the current user when it is missing, and
         builds first when out/TelnyxNet is missing.
Test     dotnet test TelnyxNet.sln, then the Pester 5 tests in tests/Pester, in a fresh child
         process of this same PowerShell, against out/TelnyxNet; installs Pester 5 for the current
         user when it is missing.
Package  Build and Docs, then a PowerShell Gallery package: out/package/TelnyxNet.<version>.nupkg.

.PARAMETER Task
The tasks to run: Build (default), Docs, Test, Package.

.PARAMETER Configuration
The build configuration: Release (default) or Debug.

.EXAMPLE
./build.ps1

Builds the module into out/TelnyxNet.

.EXAMPLE
./build.ps1 -Task Build, Docs, Test

Builds the module and its help, then runs the xunit and the Pester tests, help tests included.

.EXAMPLE
powershell.exe -NoProfile -File .\build.ps1 -Task Test -Configuration Debug

Runs every test in Windows PowerShell 5.1, so that Pester runs in 5.1 too.

.EXAMPLE
./build.ps1 -Task Package

Writes out/package/TelnyxNet.<version>.nupkg, ready for the PowerShell Gallery.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Docs', 'Test', 'Package')]
    [string[]]$Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string]$Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$RepoRoot = $PSScriptRoot
$OutDirectory = Join-Path -Path $RepoRoot -ChildPath 'out'
$ModuleDirectory = Join-Path -Path $OutDirectory -ChildPath 'TelnyxNet'
$PackageDirectory = Join-Path -Path $OutDirectory -ChildPath 'package'

function Invoke-Native {
    # Runs a program and throws when its exit code is not 0.
    param(
        [Parameter(Mandatory = $true)][string]$FilePath,
        [string[]]$ArgumentList = @()
    )

    Write-Host ('> {0} {1}' -f $FilePath, ($ArgumentList -join ' '))
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw ('{0} failed with exit code {1}.' -f $FilePath, $LASTEXITCODE)
    }
}

function Install-ModuleWhenMissing {
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][version]$MinimumVersion
    )

    $installed = @(Get-Module -ListAvailable -Name $Name | Where-Object { $_.Version -ge $MinimumVersion })
    if ($installed.Count -eq 0) {
        Write-Host ('Installing {0} {1} or later for the current user.' -f $Name, $MinimumVersion)
        Install-Module -Name $Name -MinimumVersion $MinimumVersion -Scope CurrentUser -Force -SkipPublisherCheck
    }
}

function Invoke-TaskBuild {
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('publish', (Join-Path -Path $RepoRoot -ChildPath 'src/TelnyxNet'), '-c', $Configuration)
}

function Invoke-TaskDocs {
    if (-not (Test-Path -Path (Join-Path -Path $ModuleDirectory -ChildPath 'TelnyxNet.psd1'))) {
        Invoke-TaskBuild
    }

    Install-ModuleWhenMissing -Name 'platyPS' -MinimumVersion '0.14.0'
    Import-Module -Name 'platyPS'
    $helpDirectory = Join-Path -Path $ModuleDirectory -ChildPath 'en-US'
    New-ExternalHelp -Path (Join-Path -Path $RepoRoot -ChildPath 'docs/en-US') -OutputPath $helpDirectory -Force | Out-Null
    Write-Host ('Help written to {0}' -f $helpDirectory)
}

function Invoke-TaskTest {
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('test', (Join-Path -Path $RepoRoot -ChildPath 'TelnyxNet.sln'), '-c', $Configuration)

    Install-ModuleWhenMissing -Name 'Pester' -MinimumVersion '5.0'
    $pesterPath = (Join-Path -Path $RepoRoot -ChildPath 'tests/Pester').Replace("'", "''")
    $command = @(
        'Import-Module -Name Pester -MinimumVersion 5.0 -ErrorAction Stop'
        '$configuration = New-PesterConfiguration'
        ('$configuration.Run.Path = ''{0}''' -f $pesterPath)
        '$configuration.Run.Exit = $true'
        '$configuration.Output.Verbosity = ''Detailed'''
        'Invoke-Pester -Configuration $configuration'
    ) -join '; '

    # A fresh process of this same PowerShell (powershell.exe or pwsh): the module loads into a
    # clean session, and this session never holds its assemblies.
    $shell = [System.Diagnostics.Process]::GetCurrentProcess().Path
    $previous = $env:TELNYXNET_MODULE_PATH
    $env:TELNYXNET_MODULE_PATH = $ModuleDirectory
    try {
        Invoke-Native -FilePath $shell -ArgumentList @('-NoProfile', '-NonInteractive', '-Command', $command)
    }
    finally {
        $env:TELNYXNET_MODULE_PATH = $previous
    }
}

function Invoke-TaskPackage {
    Invoke-TaskBuild
    Invoke-TaskDocs

    $version = (Import-PowerShellDataFile -Path (Join-Path -Path $ModuleDirectory -ChildPath 'TelnyxNet.psd1')).ModuleVersion
    $package = Join-Path -Path $PackageDirectory -ChildPath ('TelnyxNet.{0}.nupkg' -f $version)
    New-Item -ItemType Directory -Path $PackageDirectory -Force | Out-Null
    if (Test-Path -Path $package) {
        Remove-Item -LiteralPath $package -Force
    }

    $repository = 'TelnyxNetBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSRepository -Name $repository -SourceLocation $PackageDirectory -PublishLocation $PackageDirectory -InstallationPolicy Trusted
    try {
        Publish-Module -Path $ModuleDirectory -Repository $repository -Force
    }
    finally {
        Unregister-PSRepository -Name $repository
    }

    if (-not (Test-Path -Path $package)) {
        throw ('Publish-Module did not write {0}.' -f $package)
    }

    Write-Host ('Package written to {0}' -f $package)
}

foreach ($name in $Task) {
    Write-Host ('== {0} ({1}) ==' -f $name, $Configuration)
    switch ($name) {
        'Build' { Invoke-TaskBuild }
        'Docs' { Invoke-TaskDocs }
        'Test' { Invoke-TaskTest }
        'Package' { Invoke-TaskPackage }
    }
}
