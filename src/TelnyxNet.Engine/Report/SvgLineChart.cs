using System.Text;

namespace TelnyxNet.Engine.Report;

/// <summary>
/// A small inline SVG line chart (SVG 1.1 §9.7 polyline) for the report: series over a shared
/// x axis from 0, a y axis from 0 to a rounded maximum with gridlines, and marks (vertical red
/// ticks) at the x values where something went wrong, such as seconds with packet loss. Self
/// contained: no script, no external font or stylesheet.
/// </summary>
internal static class SvgLineChart
{
    private const double Left = 48;
    private const double Right = 12;
    private const double Top = 12;
    private const double Bottom = 32;

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element of <paramref name="width"/> by <paramref name="height"/> pixels.</summary>
    public static string Render(IReadOnlyList<ChartSeries> series, IReadOnlyList<double> marks, string xLabel, string yLabel, double width = 640, double height = 220)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        var xMax = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.X));
        var yMax = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Y));
        var plotWidth = width - Left - Right;
        var plotHeight = height - Top - Bottom;
        double X(double x) => Left + (x / xMax * plotWidth);
        double Y(double y) => Top + plotHeight - (Math.Max(0, y) / yMax * plotHeight);

        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(Html.Number(width)).Append("\" height=\"").Append(Html.Number(height))
            .Append("\" viewBox=\"0 0 ").Append(Html.Number(width)).Append(' ').Append(Html.Number(height)).Append("\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append("<title>").Append(Html.Escape(string.Join(", ", series.Select(s => s.Name)) + " over " + xLabel)).Append("</title>");
        for (var i = 0; i <= 4; i++)
        {
            var value = yMax * i / 4;
            svg.Append("<line x1=\"").Append(Html.Number(Left)).Append("\" x2=\"").Append(Html.Number(width - Right)).Append("\" y1=\"").Append(Html.Number(Y(value))).Append("\" y2=\"").Append(Html.Number(Y(value)))
                .Append("\" stroke=\"#ddd\"/><text x=\"").Append(Html.Number(Left - 6)).Append("\" y=\"").Append(Html.Number(Y(value) + 4)).Append("\" text-anchor=\"end\">").Append(Html.Number(value)).Append("</text>");
        }

        foreach (var mark in marks)
        {
            svg.Append("<line class=\"mark\" x1=\"").Append(Html.Number(X(mark))).Append("\" x2=\"").Append(Html.Number(X(mark))).Append("\" y1=\"").Append(Html.Number(Top)).Append("\" y2=\"").Append(Html.Number(Top + plotHeight))
                .Append("\" stroke=\"#c62828\" stroke-dasharray=\"3 3\"/>");
        }

        foreach (var line in series.Where(s => s.Points.Count > 0))
        {
            svg.Append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").Append(Html.Escape(line.Color)).Append("\" points=\"")
                .Append(string.Join(" ", line.Points.Select(p => Html.Number(X(p.X)) + "," + Html.Number(Y(p.Y))))).Append("\"><title>").Append(Html.Escape(line.Name)).Append("</title></polyline>");
        }

        var legendX = Left;
        foreach (var line in series)
        {
            svg.Append("<rect x=\"").Append(Html.Number(legendX)).Append("\" y=\"").Append(Html.Number(height - 12)).Append("\" width=\"10\" height=\"10\" fill=\"").Append(Html.Escape(line.Color)).Append("\"/>")
                .Append("<text x=\"").Append(Html.Number(legendX + 14)).Append("\" y=\"").Append(Html.Number(height - 3)).Append("\">").Append(Html.Escape(line.Name)).Append("</text>");
            legendX += 24 + (line.Name.Length * 6.5);
        }

        svg.Append("<text x=\"").Append(Html.Number(width - Right)).Append("\" y=\"").Append(Html.Number(height - 3)).Append("\" text-anchor=\"end\">").Append(Html.Escape(xLabel)).Append("</text>")
            .Append("<text x=\"4\" y=\"").Append(Html.Number(Top - 2)).Append("\">").Append(Html.Escape(yLabel)).Append("</text>")
            .Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least <paramref name="value"/> (at least 1).</summary>
    internal static double NiceCeiling(double value)
    {
        if (value <= 1 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }
}
