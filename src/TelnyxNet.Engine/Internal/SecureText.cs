using System.Runtime.InteropServices;
using System.Security;

namespace TelnyxNet.Engine.Internal;

/// <summary>The few things the engine does with a <see cref="SecureString"/>: keep a read-only copy, and reveal it only for the moment a key or header is made.</summary>
internal static class SecureText
{
    /// <summary>A read-only copy of <paramref name="value"/>, independent of the caller's.</summary>
    public static SecureString Copy(SecureString value)
    {
        var copy = value.Copy();
        copy.MakeReadOnly();
        return copy;
    }

    /// <summary>A read-only secure copy of a value that is public anyway (a published default).</summary>
    public static SecureString ReadOnly(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>The plain text, for the caller to use at once and drop.</summary>
    public static string Reveal(SecureString value)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
        try
        {
            return Marshal.PtrToStringUni(pointer, value.Length);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
