using System.Net;

namespace TelnyxNet.Engine.Turn;

/// <summary>What a successful Allocate response grants (RFC 8656 §7.3).</summary>
internal sealed class TurnAllocation
{
    public TurnAllocation(IPEndPoint relayed, IPEndPoint? mapped, uint lifetimeSeconds)
    {
        Relayed = relayed;
        Mapped = mapped;
        LifetimeSeconds = lifetimeSeconds;
    }

    /// <summary>XOR-RELAYED-ADDRESS: where peers send to reach the client.</summary>
    public IPEndPoint Relayed { get; }

    /// <summary>XOR-MAPPED-ADDRESS: the client as the server sees it.</summary>
    public IPEndPoint? Mapped { get; }

    /// <summary>LIFETIME granted.</summary>
    public uint LifetimeSeconds { get; }
}
