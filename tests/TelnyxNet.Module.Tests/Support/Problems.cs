namespace TelnyxNet.Module.Tests.Support;

/// <summary>Contract tests collect every violation, then fail once, listing all of them in full.</summary>
internal static class Problems
{
    public static void None(IEnumerable<string?> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0)
        {
            Assert.Fail(list.Count + " problem(s):" + Environment.NewLine + string.Join(Environment.NewLine, list));
        }
    }
}
