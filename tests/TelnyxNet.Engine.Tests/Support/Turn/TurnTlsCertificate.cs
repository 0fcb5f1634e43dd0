namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>What a launched coturn presents on its TLS port.</summary>
public enum TurnTlsCertificate
{
    /// <summary>No TLS (nor DTLS) listener.</summary>
    None,

    /// <summary>A server certificate signed by the test CA (<see cref="TestCertificates"/>): trusted by <c>TrustTestCa</c>.</summary>
    TestCa,

    /// <summary>A self-signed certificate that nothing trusts: the TLS failure case.</summary>
    SelfSigned,
}
