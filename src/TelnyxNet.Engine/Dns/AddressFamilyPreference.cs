namespace TelnyxNet.Engine.Dns;

/// <summary>Which resolved addresses a probe uses.</summary>
public enum AddressFamilyPreference
{
    /// <summary>Every address, IPv4 and IPv6.</summary>
    Any,

    /// <summary>IPv4 addresses only.</summary>
    IPv4,

    /// <summary>IPv6 addresses only.</summary>
    IPv6,
}
