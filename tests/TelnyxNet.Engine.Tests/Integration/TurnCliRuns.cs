using System.Text.Json;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>What the <c>telnyxnet turn</c> process tests share: the child's environment, its JSON, and the forms a leaked secret could take.</summary>
internal static class TurnCliRuns
{
    /// <summary>
    /// The environment of one run: <c>TELNYXNET_TURN_PASSWORD</c> and <c>TELNYXNET_TURN_SECRET</c>
    /// set, or removed when null (so that nothing inherited leaks in), and <c>SSL_CERT_FILE</c>
    /// when given (.NET on Linux then trusts only that CA file).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(string? password = null, string? secret = null, string? caFile = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["TELNYXNET_TURN_PASSWORD"] = password,
            ["TELNYXNET_TURN_SECRET"] = secret,
        };
        if (caFile != null)
        {
            environment["SSL_CERT_FILE"] = caFile;
        }

        return environment;
    }

    /// <summary>The results of a <c>--json</c> run, checking the exit code first.</summary>
    public static IReadOnlyList<JsonElement> Json(CliRun run, int exitCode)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>
    /// Every form in which a TURN password could leak: the password, and its long-term keys
    /// (RFC 8489 §9.2.2, MD5 and SHA-256) in hex and in base64.
    /// </summary>
    public static IReadOnlyList<string> SecretForms(string username, string realm, string password)
    {
        var forms = new List<string> { password };
        foreach (var algorithm in new[] { StunPasswordAlgorithm.Md5, StunPasswordAlgorithm.Sha256 })
        {
            var key = StunCredentials.LongTermKey(username, realm, password, algorithm);
            forms.Add(Convert.ToHexString(key));
            forms.Add(Convert.ToBase64String(key));
        }

        return forms;
    }

    /// <summary>Asserts that no form appears in standard output or standard error (hex in either case).</summary>
    public static void AssertNoSecret(CliRun run, IEnumerable<string> forms)
    {
        foreach (var form in forms)
        {
            Assert.False(run.StandardOutput.Contains(form, StringComparison.OrdinalIgnoreCase), "A secret (" + form.Length + " characters) appears on standard output.");
            Assert.False(run.StandardError.Contains(form, StringComparison.OrdinalIgnoreCase), "A secret (" + form.Length + " characters) appears on standard error.");
        }
    }
}
