using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace TelnyxNet.Engine.Tests.Ice;

/// <summary>One candidate attribute as RFC 8839 §5.1's grammar reads it.</summary>
internal sealed record ParsedCandidate(string Foundation, int Component, string Transport, long Priority, string Address, int Port, string Type, string? RelatedAddress, int? RelatedPort, IReadOnlyList<(string Name, string Value)> Extensions);

/// <summary>
/// An independent reader of RFC 8839 §5.1 candidate attributes, written from the ABNF (not from
/// the engine's writer): foundation = 1*32 ice-char; component-id = 1*3 DIGIT; transport = "UDP" /
/// token; priority = 1*10 DIGIT; connection-address; port; "typ" SP cand-type; then optional
/// "raddr" / "rport" and extensions.
/// </summary>
internal static class CandidateLineParser
{
    private static readonly Regex Grammar = new(
        @"^candidate:(?<foundation>[A-Za-z0-9+/]{1,32}) (?<component>[0-9]{1,3}) (?<transport>[!#$%&'*+\-.^_`{|}~A-Za-z0-9]+) (?<priority>[0-9]{1,10}) (?<address>\S+) (?<port>[0-9]{1,5}) typ (?<type>host|srflx|prflx|relay|[!#$%&'*+\-.^_`{|}~A-Za-z0-9]+)(?: raddr (?<raddr>\S+))?(?: rport (?<rport>[0-9]{1,5}))?(?<ext>(?: [!#$%&'*+\-.^_`{|}~A-Za-z0-9]+ [^ ]+)*)$",
        RegexOptions.CultureInvariant);

    public static ParsedCandidate Parse(string line)
    {
        var match = Grammar.Match(line);
        Assert.True(match.Success, "Not an RFC 8839 candidate attribute: '" + line + "'");
        var address = match.Groups["address"].Value;
        Assert.True(IPAddress.TryParse(address, out _), "connection-address '" + address + "' is not an IP address");
        Assert.DoesNotContain('[', address);
        var raddr = match.Groups["raddr"].Success ? match.Groups["raddr"].Value : null;
        if (raddr != null)
        {
            Assert.True(IPAddress.TryParse(raddr, out _), "raddr '" + raddr + "' is not an IP address");
        }

        var extensions = match.Groups["ext"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pairs = Enumerable.Range(0, extensions.Length / 2).Select(i => (extensions[2 * i], extensions[(2 * i) + 1])).ToList();
        var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(port, 0, 65535);
        return new ParsedCandidate(
            match.Groups["foundation"].Value,
            int.Parse(match.Groups["component"].Value, CultureInfo.InvariantCulture),
            match.Groups["transport"].Value,
            long.Parse(match.Groups["priority"].Value, CultureInfo.InvariantCulture),
            address,
            port,
            match.Groups["type"].Value,
            raddr,
            match.Groups["rport"].Success ? int.Parse(match.Groups["rport"].Value, CultureInfo.InvariantCulture) : null,
            pairs);
    }

    /// <summary>Parses the candidate's line and checks that every field is the candidate's own.</summary>
    public static void AssertRoundTrips(TelnyxNet.Engine.Ice.IceCandidate candidate)
    {
        var parsed = Parse(candidate.CandidateLine);
        Assert.Equal(candidate.Foundation, parsed.Foundation);
        Assert.Equal(candidate.Component, parsed.Component);
        Assert.Equal(candidate.Protocol, parsed.Transport);
        Assert.Equal(candidate.Priority, parsed.Priority);
        Assert.InRange(parsed.Priority, 1, int.MaxValue);
        Assert.Equal(candidate.Address, parsed.Address);
        Assert.Equal(candidate.Port, parsed.Port);
        Assert.Equal(candidate.Type, parsed.Type);
        Assert.Equal(candidate.RelatedAddress.Length > 0 ? candidate.RelatedAddress : null, parsed.RelatedAddress);
        Assert.Equal(candidate.RelatedPort, parsed.RelatedPort);
        Assert.Empty(parsed.Extensions);
    }
}
