<#
.SYNOPSIS
Builds, documents, tests and packages the TelnyxNet module.

.DESCRIPTION
Runs the tasks given, in the order given, and stops at the first failure (a failed dotnet call,
PowerShell child process or Pester run included). Runs in Windows PowerShell 5.1 and in
PowerShell 7 on Windows, Linux and macOS, installed normally or as a .NET tool (dotnet pwsh).

Build    dotnet publish src/TelnyxNet: the module lands in out/TelnyxNet.

Docs     New-ExternalHelp from docs/en-US into out/TelnyxNet/en-US (TelnyxNet.dll-Help.xml and
         about_TelnyxNet.help.txt). Uses platyPS 0.14 when it is installed, else the copy in
         ../shared/psmodules beside the clone, else installs it for the current user from the
         PowerShell Gallery. Builds first when out/TelnyxNet is missing.

Test     The whole suite, as CI runs it: Package (so Build and Docs), then the native telnyxnet
         (dotnet publish src/TelnyxNet.Cli: NativeAOT, into out/cli), which the CLI tests run
         through TELNYXNET_CLI, then every xunit test
         (dotnet test TelnyxNet.sln), then the Pester 5 tests in tests/Pester in a fresh child
         process of this same PowerShell against out/TelnyxNet and out/package. Uses Pester 5 when it is installed, else the
         Pester NuGet package (dotnet restore build/PowerShellModules.proj), else installs it for
         the current user from the PowerShell Gallery. Ends with the line
         "N passed, N failed" (xunit and Pester together) and fails when a test failed or was
         skipped.

Package  Build and Docs, then out/package/TelnyxNet.<version>.nupkg, installable with
         Install-PSResource (or Install-Module) from a repository registered on that folder.

.PARAMETER Task
The tasks to run: Build (default), Docs, Test, Package.

.PARAMETER Configuration
The build configuration: Release (default) or Debug.

.EXAMPLE
./build.ps1

Builds the module into out/TelnyxNet.

.EXAMPLE
dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test

Runs every test the way CI does, with the PowerShell that .config/dotnet-tools.json pins.

.EXAMPLE
powershell.exe -NoProfile -File .\build.ps1 -Task Test -Configuration Debug

Runs every test in Windows PowerShell 5.1, so that Pester runs in 5.1 too.

.EXAMPLE
./build.ps1 -Task Package

Writes out/package/TelnyxNet.<version>.nupkg; then, to install it:
Register-PSResourceRepository -Name Local -Uri ./out/package -Trusted; Install-PSResource TelnyxNet -Repository Local
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
$TestResultsDirectory = Join-Path -Path $OutDirectory -ChildPath 'test-results'
$SharedModules = Join-Path -Path (Split-Path -Path $RepoRoot -Parent) -ChildPath 'shared/psmodules'
$ToolsProject = Join-Path -Path $RepoRoot -ChildPath 'build/PowerShellModules.proj'
$PesterVersion = '5.9.1'
. (Join-Path -Path $RepoRoot -ChildPath 'build/PowerShellHost.ps1')

function Invoke-Native {
    # Runs a program and throws when its exit code is not 0; with -ReturnExitCode, returns the exit code instead.
    param(
        [Parameter(Mandatory = $true)][string]$FilePath,
        [string[]]$ArgumentList = @(),
        [switch]$ReturnExitCode,
        [switch]$Quiet
    )

    if (-not $Quiet) {
        Write-Host ('> {0} {1}' -f $FilePath, ($ArgumentList -join ' '))
    }

    & $FilePath @ArgumentList | Out-Host
    $exitCode = $LASTEXITCODE
    if ($ReturnExitCode) {
        return $exitCode
    }

    if ($exitCode -ne 0) {
        throw ('{0} failed with exit code {1}.' -f $FilePath, $exitCode)
    }
}

function Find-ModuleVersion {
    # The newest installed version of module Name from Minimum up to (not including) Below, or $null.
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][version]$Minimum,
        [Parameter(Mandatory = $true)][version]$Below
    )

    return Get-Module -ListAvailable -Name $Name |
        Where-Object { $_.Version -ge $Minimum -and $_.Version -lt $Below } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
}

function Install-FromGallery {
    # Installs module Name (Minimum up to Below) for the current user from the PowerShell Gallery,
    # or throws one line that names what is missing.
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][version]$Minimum,
        [Parameter(Mandatory = $true)][version]$Below,
        [Parameter(Mandatory = $true)][string]$Missing
    )

    Write-Host ('Installing {0} {1} or later (below {2}) for the current user from the PowerShell Gallery.' -f $Name, $Minimum, $Below)
    try {
        $maximum = '{0}.{1}.9999' -f $Below.Major, ($Below.Minor - 1)
        if ($Below.Minor -eq 0) {
            $maximum = '{0}.9999' -f ($Below.Major - 1)
        }

        Install-Module -Name $Name -MinimumVersion $Minimum -MaximumVersion $maximum -Scope CurrentUser -Force -SkipPublisherCheck -ErrorAction Stop
    }
    catch {
        throw ('{0} Installing it from the PowerShell Gallery failed: {1}' -f $Missing, $_.Exception.Message)
    }

    $found = Find-ModuleVersion -Name $Name -Minimum $Minimum -Below $Below
    if ($null -eq $found) {
        throw $Missing
    }

    return $found.Path
}

function Resolve-PlatyPS {
    # The platyPS 0.14 module to import: installed, else ../shared/psmodules/platyPS, else from the Gallery.
    $installed = Find-ModuleVersion -Name 'platyPS' -Minimum '0.14.0' -Below '0.15'
    if ($null -ne $installed) {
        return $installed.Path
    }

    $shared = Join-Path -Path $SharedModules -ChildPath 'platyPS/platyPS.psd1'
    if (Test-Path -Path $shared) {
        return $shared
    }

    return Install-FromGallery -Name 'platyPS' -Minimum '0.14.0' -Below '0.15' -Missing ('platyPS 0.14 is missing: it is not installed, not in {0}, and the Gallery could not provide it.' -f $SharedModules)
}

function Resolve-Pester {
    # The Pester 5 module to import: installed, else the Pester NuGet package, else from the Gallery.
    $installed = Find-ModuleVersion -Name 'Pester' -Minimum '5.0' -Below '6.0'
    if ($null -ne $installed) {
        return $installed.Path
    }

    $restored = Invoke-Native -FilePath 'dotnet' -ArgumentList @('restore', $ToolsProject, '--verbosity', 'quiet') -ReturnExitCode
    if ($restored -eq 0) {
        $manifest = Join-Path -Path (Get-NuGetPackageFolder) -ChildPath ('pester/{0}/tools/Pester.psd1' -f $PesterVersion)
        if (Test-Path -Path $manifest) {
            return $manifest
        }
    }

    return Install-FromGallery -Name 'Pester' -Minimum '5.0' -Below '6.0' -Missing ('Pester 5 is missing: it is not installed, the NuGet package Pester {0} could not be restored, and the Gallery could not provide it.' -f $PesterVersion)
}

function Get-NuGetPackageFolder {
    # Where restored NuGet packages live: NUGET_PACKAGES, else ~/.nuget/packages.
    if ($env:NUGET_PACKAGES) {
        return $env:NUGET_PACKAGES
    }

    return Join-Path -Path ([Environment]::GetFolderPath('UserProfile')) -ChildPath '.nuget/packages'
}

function Invoke-TaskBuild {
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('publish', (Join-Path -Path $RepoRoot -ChildPath 'src/TelnyxNet'), '-c', $Configuration)
}

function Invoke-TaskDocs {
    if (-not (Test-Path -Path (Join-Path -Path $ModuleDirectory -ChildPath 'TelnyxNet.psd1'))) {
        Invoke-TaskBuild
    }

    Import-Module -Name (Resolve-PlatyPS) -Force
    $helpDirectory = Join-Path -Path $ModuleDirectory -ChildPath 'en-US'
    New-ExternalHelp -Path (Join-Path -Path $RepoRoot -ChildPath 'docs/en-US') -OutputPath $helpDirectory -Force | Out-Null
    Write-Host ('Help written to {0}' -f $helpDirectory)
}

function Read-TrxCounts {
    # Passed, failed and skipped tests of the TRX files in Directory (one per test project).
    param([Parameter(Mandatory = $true)][string]$Directory)

    $totals = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem -Path $Directory -Filter '*.trx' -File) {
        [xml]$trx = Get-Content -Path $file.FullName -Raw
        $counters = $trx.TestRun.ResultSummary.Counters
        $totals.Passed += [int]$counters.passed
        $totals.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $totals.Skipped += [int]$counters.notExecuted
    }

    return $totals
}

function Invoke-Pester5 {
    # Runs tests/Pester in a fresh process of this PowerShell against out/TelnyxNet; returns its counts.
    $resultPath = Join-Path -Path $TestResultsDirectory -ChildPath 'pester.json'
    $command = @(
        ('Import-Module -Name ''{0}'' -ErrorAction Stop' -f (Resolve-Pester).Replace("'", "''"))
        '$configuration = New-PesterConfiguration'
        ('$configuration.Run.Path = ''{0}''' -f (Join-Path -Path $RepoRoot -ChildPath 'tests/Pester').Replace("'", "''"))
        '$configuration.Run.PassThru = $true'
        '$configuration.Output.Verbosity = ''Detailed'''
        '$run = Invoke-Pester -Configuration $configuration'
        ('@{{ Passed = $run.PassedCount; Failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount; Skipped = $run.SkippedCount + $run.NotRunCount }} | ConvertTo-Json | Set-Content -Path ''{0}''' -f $resultPath.Replace("'", "''"))
    ) -join '; '

    # A fresh process: the module loads into a clean session, and this session never holds its assemblies.
    $shell = Get-PowerShellCommand
    $previous = $env:TELNYXNET_MODULE_PATH
    $env:TELNYXNET_MODULE_PATH = $ModuleDirectory
    try {
        Remove-Item -LiteralPath $resultPath -Force -ErrorAction SilentlyContinue
        Write-Host ('> {0} {1} -NoProfile -NonInteractive -Command <Invoke-Pester tests/Pester>' -f $shell.FilePath, ($shell.ArgumentList -join ' '))
        $exitCode = Invoke-Native -FilePath $shell.FilePath -ArgumentList @($shell.ArgumentList + @('-NoProfile', '-NonInteractive', '-Command', $command)) -ReturnExitCode -Quiet
    }
    finally {
        $env:TELNYXNET_MODULE_PATH = $previous
    }

    if (-not (Test-Path -Path $resultPath)) {
        throw ('The Pester process ended (exit code {0}) without reporting its results.' -f $exitCode)
    }

    return Get-Content -Path $resultPath -Raw | ConvertFrom-Json
}

function Invoke-CliPublish {
    # The native telnyxnet (NativeAOT for this machine's runtime identifier) in out/cli; returns its path.
    Invoke-Native -FilePath 'dotnet' -ArgumentList @('publish', (Join-Path -Path $RepoRoot -ChildPath 'src/TelnyxNet.Cli'), '-c', 'Release')
    $name = 'telnyxnet'
    if ([System.IO.Path]::DirectorySeparatorChar -eq '\') {
        $name = 'telnyxnet.exe'
    }

    return Join-Path -Path $OutDirectory -ChildPath ('cli/{0}' -f $name)
}

function Invoke-TaskTest {
    # Package builds the module and its help first; the Pester suite installs the package.
    Invoke-TaskPackage
    $cli = Invoke-CliPublish
    Remove-Item -LiteralPath $TestResultsDirectory -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Path $TestResultsDirectory -Force | Out-Null

    # The CLI tests run the native program just published (tests/TelnyxNet.Engine.Tests/Integration/TelnyxCli.cs).
    $previousCli = $env:TELNYXNET_CLI
    $env:TELNYXNET_CLI = $cli
    try {
        $xunitExit = Invoke-Native -FilePath 'dotnet' -ArgumentList @('test', (Join-Path -Path $RepoRoot -ChildPath 'TelnyxNet.sln'), '-c', $Configuration, '--logger', 'trx', '--results-directory', $TestResultsDirectory) -ReturnExitCode
    }
    finally {
        $env:TELNYXNET_CLI = $previousCli
    }

    $xunit = Read-TrxCounts -Directory $TestResultsDirectory
    $pester = Invoke-Pester5

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host ('xunit: {0} passed, {1} failed, {2} skipped; Pester: {3} passed, {4} failed, {5} skipped' -f $xunit.Passed, $xunit.Failed, $xunit.Skipped, $pester.Passed, $pester.Failed, $pester.Skipped)
    Write-Host ('{0} passed, {1} failed' -f $passed, $failed)
    if ($failed -gt 0 -or ($xunitExit -ne 0)) {
        throw ('Tests failed: {0} failed (dotnet test exit code {1}).' -f $failed, $xunitExit)
    }

    if ($xunit.Skipped + $pester.Skipped -gt 0) {
        throw ('{0} test(s) were skipped; the suite runs with none skipped (install what their skip message names).' -f ($xunit.Skipped + $pester.Skipped))
    }
}

function Invoke-TaskPackage {
    Invoke-TaskBuild
    Invoke-TaskDocs

    $version = (Import-PowerShellDataFile -Path (Join-Path -Path $ModuleDirectory -ChildPath 'TelnyxNet.psd1')).ModuleVersion
    $package = Join-Path -Path $PackageDirectory -ChildPath ('TelnyxNet.{0}.nupkg' -f $version)
    New-Item -ItemType Directory -Path $PackageDirectory -Force | Out-Null
    Remove-Item -LiteralPath $package -Force -ErrorAction SilentlyContinue

    # PSResourceGet 1.1+ (inbox in PowerShell 7.5+) packs without registering a repository or any
    # .NET SDK project; PowerShellGet 2's Publish-Module is the fallback for Windows PowerShell 5.1.
    if (Get-Command -Name 'Compress-PSResource' -ErrorAction SilentlyContinue) {
        Compress-PSResource -Path $ModuleDirectory -DestinationPath $PackageDirectory
    }
    else {
        $repository = 'TelnyxNetBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSRepository -Name $repository -SourceLocation $PackageDirectory -PublishLocation $PackageDirectory -InstallationPolicy Trusted
        try {
            Publish-Module -Path $ModuleDirectory -Repository $repository -Force
        }
        finally {
            Unregister-PSRepository -Name $repository
        }
    }

    if (-not (Test-Path -Path $package)) {
        throw ('Publishing did not write {0}.' -f $package)
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
