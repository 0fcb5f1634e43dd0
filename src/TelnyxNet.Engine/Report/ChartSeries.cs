namespace TelnyxNet.Engine.Report;

/// <summary>One line of a chart: a name for the legend, a CSS color, and its points (x ascending).</summary>
internal sealed class ChartSeries
{
    public ChartSeries(string name, string color, IReadOnlyList<(double X, double Y)> points)
    {
        Name = name;
        Color = color;
        Points = points;
    }

    public string Name { get; }

    public string Color { get; }

    public IReadOnlyList<(double X, double Y)> Points { get; }
}
