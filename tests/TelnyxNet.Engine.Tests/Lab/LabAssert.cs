using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>Checks of lab results with failure messages that show the whole run.</summary>
internal static class LabAssert
{
    /// <summary>Asserts a success seen from 10.0.0.2 through the NAT: mapped to the NAT's public address.</summary>
    public static void SucceededBehindNat(LabStunResult result, LabStunRun run)
    {
        Assert.True(result.Status == ProbeStatus.Succeeded && result.FailureReason == FailureReason.None, "Expected Succeeded; " + run);
        Assert.Equal(NetworkLab.ClientAddress, result.LocalAddress);
        Assert.Equal(NetworkLab.NatPublicAddress, result.MappedAddress);
        Assert.True(result.BehindNat == true, "behindNat should be true; " + run);
        Assert.Equal(1, result.Received);
    }

    /// <summary>Asserts a failure for <paramref name="reason"/> that comes with a message and a fix.</summary>
    public static void Failed(LabStunResult result, FailureReason reason, LabStunRun run)
    {
        Assert.True(result.Status == ProbeStatus.Failed && result.FailureReason == reason, "Expected Failed/" + reason + "; " + run);
        Assert.Equal(0, result.Received);
        Assert.NotEmpty(result.Message);
        Assert.NotEmpty(result.Remediation);
        Assert.Empty(result.MappedAddress);
    }
}
