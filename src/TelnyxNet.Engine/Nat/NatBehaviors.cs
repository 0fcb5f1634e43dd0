namespace TelnyxNet.Engine.Nat;

/// <summary>Mapping behaviour, RFC 4787 §4.1 as RFC 5780 §4.3 tests it.</summary>
internal enum NatMappingBehavior
{
    /// <summary>Not determined: one server only, answers that disagree, or a test without an answer (the evidence says which).</summary>
    Inconclusive,

    /// <summary>The mapped address is the local one: no NAT.</summary>
    NoNat,

    /// <summary>One mapping per local address and port, whatever the destination: srflx candidates work for every peer.</summary>
    EndpointIndependent,

    /// <summary>A new mapping per destination address.</summary>
    AddressDependent,

    /// <summary>A new mapping per destination address and port ("symmetric NAT"): TURN is required.</summary>
    AddressAndPortDependent,
}

/// <summary>Filtering behaviour, RFC 4787 §5 as RFC 5780 §4.4 tests it.</summary>
internal enum NatFilteringBehavior
{
    /// <summary>Not testable (the evidence says why).</summary>
    Unknown,

    /// <summary>Anyone may send to the mapping.</summary>
    EndpointIndependent,

    /// <summary>Only addresses this side sent to may send, from any port.</summary>
    AddressDependent,

    /// <summary>Only the exact address and port this side sent to may send.</summary>
    AddressAndPortDependent,
}

/// <summary>How the mapping behaviour was determined.</summary>
internal enum NatMethod
{
    /// <summary>RFC 5780 §4.3 and §4.4 against a server that gives OTHER-ADDRESS.</summary>
    Rfc5780,

    /// <summary>The mapped address two different servers see from the same socket (tailscale's MappingVariesByDestIP).</summary>
    TwoServerComparison,
}
