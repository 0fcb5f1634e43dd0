using System.Reflection;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Every finding code the engine reports, in one table: the Telnyx WebRTC SDK's codes with the
/// effect its pre-call diagnostic gives them (<c>PreCallDiagnostic/modules/verdict.ts</c>; see
/// shared/reference/telnyx-facts.md), and TelnyxNet's own for what the SDK cannot see. The table is
/// this partial class: one file per source (<c>FindingCodes.Ice.cs</c>, …), one public static
/// readonly field per code, so that the verdict, the docs (about_TelnyxNet) and the tests read
/// the same list.
/// </summary>
public static partial class FindingCodes
{
    private static readonly Lazy<IReadOnlyList<FindingCode>> Table = new(() =>
        typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(FindingCode))
            .Select(f => (FindingCode)f.GetValue(null)!)
            .OrderBy(c => c.Source, StringComparer.Ordinal)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList());

    /// <summary>Every code, ordered by source, then code.</summary>
    public static IReadOnlyList<FindingCode> All => Table.Value;

    /// <summary>The code named <paramref name="code"/>, or null.</summary>
    public static FindingCode? Find(string code) => All.FirstOrDefault(c => c.Code == code);

    /// <summary>A code of the Telnyx WebRTC SDK.</summary>
    private static FindingCode Sdk(string code, FindingEffect effect, string source, string remediation) => new(code, effect, source, remediation, fromSdk: true);

    /// <summary>A TelnyxNet code for what the SDK cannot see.</summary>
    private static FindingCode Own(string code, FindingEffect effect, string source, string remediation) => new(code, effect, source, remediation, fromSdk: false);
}
