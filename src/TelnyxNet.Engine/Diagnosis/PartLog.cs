namespace TelnyxNet.Engine.Diagnosis;

/// <summary>A part's narration in the readiness check: every line led by the part's name ("turn: …"), since all parts narrate at once.</summary>
internal sealed class PartLog : IEngineLog
{
    private readonly IEngineLog _log;
    private readonly string _prefix;

    public PartLog(IEngineLog log, string part)
    {
        _log = log;
        _prefix = part + ": ";
    }

    public void Verbose(string message) => _log.Verbose(_prefix + message);
}
