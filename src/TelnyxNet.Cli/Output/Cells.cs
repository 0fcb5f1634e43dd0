using System.Globalization;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Cli.Output;

/// <summary>How the table cells and footnotes of every probe command are written.</summary>
internal static class Cells
{
    /// <summary><c>host:port</c>, followed by the address tested when that differs from the host.</summary>
    public static string Server(string host, int port, string remoteAddress) =>
        remoteAddress.Length > 0 && remoteAddress != host
            ? StunServerAddress.FormatHostPort(host, port) + " (" + remoteAddress + ")"
            : StunServerAddress.FormatHostPort(host, port);

    /// <summary><c>address:port</c> ([IPv6]:port), or empty when there is no address.</summary>
    public static string Address(string address, int? port) =>
        address.Length > 0 ? StunServerAddress.FormatHostPort(address, port ?? 0) : string.Empty;

    /// <summary>Milliseconds with one decimal, or nothing.</summary>
    public static string? Milliseconds(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The failure reason, or empty for None.</summary>
    public static string Reason(string reason) => reason == nameof(FailureReason.None) ? string.Empty : reason;

    /// <summary>The note under the table for a failed probe: where, what happened, and the fix; null for a success.</summary>
    public static string? Footnote(string status, string where, string message, string remediation) =>
        status == nameof(ProbeStatus.Succeeded) ? null : where + ": " + message + Environment.NewLine + "  Fix: " + remediation;
}
