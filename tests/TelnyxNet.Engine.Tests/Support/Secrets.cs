using System.Security;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>Test passwords as the SecureString the engine takes.</summary>
internal static class Secrets
{
    public static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
