namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one TURN test needs; built by the cmdlet or the CLI, read by <see cref="TurnAllocationProbe"/>.</summary>
public sealed class TurnAllocationOptions : RelayProbeOptions
{
    /// <summary>
    /// Options with the default timeout of 10 s for the whole test (resolution, allocation, relay
    /// check); the allocation's deletion gets <see cref="RelayProbeOptions.CleanupTimeout"/> on top.
    /// </summary>
    public TurnAllocationOptions()
        : base(TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>Options that take the shared settings of <paramref name="shared"/> (see <see cref="ProbeOptions(ProbeOptions)"/>) and this probe's defaults for the rest.</summary>
    internal TurnAllocationOptions(ProbeOptions shared)
        : base(shared)
    {
    }

    /// <summary>Allocate only; do not prove the relay forwards data.</summary>
    public bool SkipRelayCheck { get; init; }
}
