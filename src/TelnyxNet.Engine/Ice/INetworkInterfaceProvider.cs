namespace TelnyxNet.Engine.Ice;

/// <summary>The seam to the operating system's interface list: the system's by default, a fixed list in tests.</summary>
public interface INetworkInterfaceProvider
{
    /// <summary>Every interface, up or not, in the system's order.</summary>
    IReadOnlyList<LocalInterface> GetInterfaces();
}
