using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Turn;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Gathers ICE candidates (RFC 8445) from every interface as a browser would, and says why a candidate type is missing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TelnyxIceCandidate", DefaultParameterSetName = CandidateSet)]
[OutputType(typeof(IceCandidate), ParameterSetName = new[] { CandidateSet })]
[OutputType(typeof(string), ParameterSetName = new[] { SdpSet })]
[OutputType(typeof(IceGatheringSummary), ParameterSetName = new[] { SummarySet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class GetTelnyxIceCandidateCommand : TurnCredentialCmdlet
{
    private const string CandidateSet = "Candidate";
    private const string SdpSet = "Sdp";
    private const string SummarySet = "Summary";
    private const string QuietSet = "Quiet";
    private readonly List<StunServerAddress> _stun = new();
    private readonly List<TurnServerAddress> _turn = new();
    private bool _serverGiven;

    /// <summary>
    /// ICE server URLs (stun:, turn: and turns: URIs) or WebRTC iceServers entries (their URLs,
    /// the TURN ones with the entry's own username and credential). Default: the Telnyx WebRTC
    /// SDK's six default ICE servers.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("Uri", "Urls")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which interface addresses and server addresses to use.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The bound on the whole gathering, in seconds (1 to 600). Default 5, the SDK's gathering timeout.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Writes the a=candidate: SDP lines (strings) instead of candidate objects.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SdpSet)]
    public SwitchParameter AsSdp { get; set; }

    /// <summary>Writes one IceGatheringSummary (counts, timings, findings, candidates) instead of the candidates.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
    public SwitchParameter Summary { get; set; }

    /// <summary>Returns only $true when a srflx or relay candidate was gathered, else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var argument in (Server ?? Array.Empty<object>()).Select(ServerArgument.Read).OfType<ServerArgument>())
        {
            _serverGiven = true;
            var own = argument.HasCredential ? TurnCredential.FromIceServer(argument.Username!, argument.SecurePassword()) : null;
            foreach (var url in argument.Urls)
            {
                if (!Add(url, own, out var problem))
                {
                    WriteError(ServerErrors.Record(problem!, argument.Target));
                }
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (!_serverGiven)
        {
            foreach (var url in TelnyxEndpoints.DefaultIceServers)
            {
                Add(url, null, out _);
            }
        }

        var options = new IceGatheringOptions
        {
            StunServers = _stun,
            TurnServers = _turn,
            Credential = TurnCredential,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        };
        var streams = ParameterSetName == CandidateSet || ParameterSetName == SdpSet;
        var summary = RunEngineStreaming<IceCandidate, IceGatheringSummary>(
            (log, progress, gathered, token) => IceGatheringProbe.RunAsync(options, log, progress, streams ? gathered : null, token),
            candidate => WriteObject(AsSdp ? candidate.ToSdpLine() : candidate));
        if (Quiet)
        {
            WriteObject(IceGatheringProbe.Passed(summary));
        }
        else if (Summary)
        {
            WriteObject(summary);
        }
    }

    private bool Add(string url, TurnCredential? own, out ServerInputError? problem)
    {
        if (!IceServerUri.TryParse(url, out var stun, out var turn, out problem))
        {
            return false;
        }

        if (stun != null)
        {
            _stun.Add(stun);
        }
        else
        {
            _turn.Add(own is null ? turn! : turn!.WithCredential(own));
        }

        return true;
    }
}
