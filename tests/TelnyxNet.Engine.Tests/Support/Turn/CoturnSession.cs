namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>One session (an allocation) as coturn's admin CLI lists it with <c>ps</c>.</summary>
/// <param name="Id">coturn's session id, e.g. <c>000000000000000001</c>.</param>
/// <param name="User">The user name that authenticated the allocation.</param>
/// <param name="ClientProtocol">UDP, TCP, TLS or DTLS.</param>
/// <param name="ClientAddress">The client's transport address as coturn saw it, e.g. <c>127.0.0.1:48124</c>.</param>
/// <param name="RelayAddresses">The relayed transport addresses (one per address family allocated).</param>
/// <param name="Peers">The peers with permissions as coturn lists them: an IP address each (permissions are per address, RFC 8656 §9), with a port where coturn adds one.</param>
public sealed record CoturnSession(string Id, string User, string ClientProtocol, string ClientAddress, IReadOnlyList<string> RelayAddresses, IReadOnlyList<string> Peers);
