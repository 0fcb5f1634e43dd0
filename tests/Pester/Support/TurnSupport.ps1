# Helpers for the Test-TelnyxTurn tests, dot-sourced in BeforeAll. They run in Windows PowerShell 5.1 and PowerShell 7.

function Get-TurnSecretForm {
    <#
    .SYNOPSIS
    Every form in which a TURN password could leak: the password itself and its long-term keys
    (RFC 8489 section 9.2.2: MD5 and SHA-256 of "user:realm:password"), as hex and as base64.
    #>
    param(
        [Parameter(Mandatory)][string]$Username,
        [Parameter(Mandatory)][string]$Realm,
        [Parameter(Mandatory)][string]$Password
    )

    $material = [System.Text.Encoding]::UTF8.GetBytes(('{0}:{1}:{2}' -f $Username, $Realm, $Password))
    $forms = @($Password)
    foreach ($algorithm in @([System.Security.Cryptography.MD5]::Create(), [System.Security.Cryptography.SHA256]::Create())) {
        try {
            $key = $algorithm.ComputeHash($material)
            $forms += ([System.BitConverter]::ToString($key) -replace '-', '')
            $forms += [System.Convert]::ToBase64String($key)
        }
        finally {
            $algorithm.Dispose()
        }
    }

    return $forms
}

function Get-TurnRestPassword {
    <#
    .SYNOPSIS
    The password of a TURN REST API credential: base64(HMAC-SHA1(secret, user name)).
    #>
    param(
        [Parameter(Mandatory)][string]$Secret,
        [Parameter(Mandatory)][string]$Username
    )

    $hmac = New-Object -TypeName System.Security.Cryptography.HMACSHA1 -ArgumentList (, [System.Text.Encoding]::UTF8.GetBytes($Secret))
    try {
        return [System.Convert]::ToBase64String($hmac.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Username)))
    }
    finally {
        $hmac.Dispose()
    }
}

function Invoke-CapturedTurnTest {
    <#
    .SYNOPSIS
    Runs Command (default Test-TelnyxTurn) with Parameters in a fresh runspace with verbose, debug and information
    output on, and returns the result objects (Objects), how many verbose and progress records
    there were, and, as one string (Text), everything a user or a log could see: every stream
    (verbose, debug, warning, information, error, progress) and the objects as Format-List *,
    CSV, JSON and ToString().
    #>
    param(
        [Parameter(Mandatory)][string]$ManifestPath,
        [Parameter(Mandatory)][hashtable]$Parameters,
        [string]$Command = 'Test-TelnyxTurn'
    )

    $body = {
        param($ManifestPath, $Parameters, $Command)
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $InformationPreference = 'Continue'
        $ProgressPreference = 'Continue'
        Import-Module -Name $ManifestPath
        & $Command @Parameters
    }
    $shell = [powershell]::Create()
    try {
        [void]$shell.AddScript($body.ToString()).AddParameter('ManifestPath', $ManifestPath).AddParameter('Parameters', $Parameters).AddParameter('Command', $Command)
        $objects = @($shell.Invoke())
        $texts = @(
            ($objects | Format-List -Property * | Out-String -Width 500)
            ($objects | ConvertTo-Csv -NoTypeInformation | Out-String)
            ($objects | ConvertTo-Json -Depth 3 | Out-String)
            ($objects | ForEach-Object { $_.ToString() } | Out-String)
            ($shell.Streams.Verbose | ForEach-Object { $_.Message })
            ($shell.Streams.Debug | ForEach-Object { $_.Message })
            ($shell.Streams.Warning | ForEach-Object { $_.Message })
            ($shell.Streams.Information | ForEach-Object { [string]$_.MessageData })
            ($shell.Streams.Error | ForEach-Object { $_.ToString(); $_.Exception.Message; $_.FullyQualifiedErrorId; [string]$_.TargetObject })
            ($shell.Streams.Progress | ForEach-Object { $_.Activity; $_.StatusDescription; $_.CurrentOperation })
        )
        return [pscustomobject]@{
            Objects       = $objects
            VerboseCount  = $shell.Streams.Verbose.Count
            ProgressCount = $shell.Streams.Progress.Count
            Text          = ($texts -join [Environment]::NewLine)
        }
    }
    finally {
        $shell.Dispose()
    }
}

function Find-Secret {
    <#
    .SYNOPSIS
    The forms in Secret that occur in Text (case-insensitively, so that upper- and lower-case hex both count).
    #>
    param(
        [Parameter(Mandatory)][AllowEmptyString()][string]$Text,
        [Parameter(Mandatory)][string[]]$Secret
    )

    return @($Secret | Where-Object { $Text.IndexOf($_, [System.StringComparison]::OrdinalIgnoreCase) -ge 0 })
}
