using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one STUN binding test needs; built by the cmdlet or the CLI, read by <see cref="StunBindingProbe"/>.</summary>
public sealed class StunBindingOptions : ProbeOptions
{
    /// <summary>Options with the default timeout of 5 s, the SDK's ICE gathering timeout.</summary>
    public StunBindingOptions()
        : base(TimeSpan.FromSeconds(5))
    {
    }

    /// <summary>Options that take the shared settings of <paramref name="shared"/> (see <see cref="ProbeOptions(ProbeOptions)"/>) and this probe's defaults for the rest.</summary>
    internal StunBindingOptions(ProbeOptions shared)
        : base(shared)
    {
    }

    /// <summary>The servers; at least one. Front ends that test the SDK's servers pass <see cref="TelnyxEndpoints.DefaultStunServers"/>.</summary>
    public IReadOnlyList<StunServerAddress> Servers { get; init; } = Array.Empty<StunServerAddress>();

    /// <summary>Binding transactions per address (RTT statistics when above 1).</summary>
    public int Count { get; init; } = 1;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Count < 1 || Count > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count must be 1 to 1000.");
        }

        if (Servers is null || Servers.Count == 0)
        {
            throw new ArgumentException("At least one server is required.", nameof(Servers));
        }
    }
}
