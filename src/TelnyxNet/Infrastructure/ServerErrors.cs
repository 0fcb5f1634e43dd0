using System.Management.Automation;
using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Infrastructure;

/// <summary>The error records of -Server values that cannot be tested, by the engine's kind of problem.</summary>
internal static class ServerErrors
{
    private static readonly IReadOnlyDictionary<ServerInputErrorKind, string> Ids = new Dictionary<ServerInputErrorKind, string>
    {
        [ServerInputErrorKind.Invalid] = ErrorIds.InvalidServer,
        [ServerInputErrorKind.TransportConflict] = ErrorIds.TransportConflict,
    };

    /// <summary>A non-terminating error for <paramref name="target"/>: the id for the kind, the engine's message.</summary>
    public static ErrorRecord Record(ServerInputError problem, object target) =>
        new(new ArgumentException(problem.Message), Ids[problem.Kind], ErrorCategory.InvalidArgument, target);
}
