namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>Labs for the tests: each test builds its own, so tests in different classes run side by side.</summary>
internal static class LabStart
{
    /// <summary>A new lab with coturn running and <paramref name="scenario"/> applied; removed again if that fails.</summary>
    public static async Task<NetworkLab> WithCoturnAsync(Scenario scenario)
    {
        var lab = await NetworkLab.StartAsync();
        try
        {
            await lab.StartCoturnAsync();
            await lab.ApplyAsync(scenario);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }
}
