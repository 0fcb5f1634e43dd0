namespace TelnyxNet.Lab;

/// <summary>The firewall scenarios that NAT behaviour discovery (RFC 5780 §4.4) is proven against.</summary>
public abstract partial record Scenario
{
    /// <summary>
    /// No NAT, and a stateful firewall with RFC 4787 §5 address-dependent filtering: from outside,
    /// only addresses the client has sent to may send in, from any port. Built with the
    /// <c>recent</c> match: every outbound packet records its destination address, inbound packets
    /// pass when their source address is recorded (or they belong to a tracked flow).
    /// </summary>
    public static Scenario AddressDependentFirewall { get; } = new AddressFiltering();

    /// <summary><see cref="AddressDependentFirewall"/>.</summary>
    public sealed record AddressFiltering : Scenario
    {
        /// <inheritdoc />
        public override string ToString() => "AddressDependentFirewall";
    }
}
