# How to start a fresh process of the PowerShell that runs this script; dot-sourced by build.ps1
# and by the Pester tests. Runs in Windows PowerShell 5.1 and PowerShell 7.

function Get-PowerShellCommand {
    <#
    .SYNOPSIS
    The program and first arguments that start a fresh process of this same PowerShell: the running
    executable (pwsh, pwsh.exe or powershell.exe), or, under a .NET tool host (dotnet pwsh), where
    the process is dotnet itself, dotnet with PSHOME's pwsh.dll.
    #>
    $path = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $name = [System.IO.Path]::GetFileNameWithoutExtension($path)
    if ($name -eq 'dotnet') {
        return [pscustomobject]@{ FilePath = $path; ArgumentList = @((Join-Path -Path $PSHOME -ChildPath 'pwsh.dll')) }
    }

    return [pscustomobject]@{ FilePath = $path; ArgumentList = @() }
}
