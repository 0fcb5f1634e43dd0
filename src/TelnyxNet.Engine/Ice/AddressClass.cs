namespace TelnyxNet.Engine.Ice;

/// <summary>The kind of address a candidate carries (see <see cref="AddressClassification"/>).</summary>
internal enum AddressClass
{
    /// <summary>A public, globally routable address.</summary>
    Global,

    /// <summary>RFC 1918 private IPv4 (10/8, 172.16/12, 192.168/16).</summary>
    Private,

    /// <summary>RFC 6598 shared address space (100.64.0.0/10): carrier-grade NAT, or a Tailscale-style overlay.</summary>
    Cgnat,

    /// <summary>Link-local: 169.254.0.0/16 (RFC 3927) or fe80::/10 (RFC 4291).</summary>
    LinkLocal,

    /// <summary>IPv6 unique local address, fc00::/7 (RFC 4193).</summary>
    Ula,

    /// <summary>Loopback: 127.0.0.0/8 or ::1.</summary>
    Loopback,
}
