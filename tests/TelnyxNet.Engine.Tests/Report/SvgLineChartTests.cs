using System.Xml.Linq;
using TelnyxNet.Engine.Report;

namespace TelnyxNet.Engine.Tests.Report;

public sealed class SvgLineChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Draws_each_series_as_a_polyline_scaled_to_the_plot()
    {
        var rtt = new ChartSeries("RTT ms", "#1565c0", new[] { (0.0, 0.0), (1.0, 50.0), (2.0, 100.0) });

        var svg = XElement.Parse(SvgLineChart.Render(new[] { rtt }, Array.Empty<double>(), "seconds", "ms", width: 348, height: 144));

        var line = Assert.Single(svg.Elements(Svg + "polyline"));
        Assert.Equal("#1565c0", (string?)line.Attribute("stroke"));
        // Plot: x 48..336 for 0..2 s; y 12..112 for 100..0 ms (100 is already a round maximum).
        Assert.Equal("48,112 192,62 336,12", (string?)line.Attribute("points"));
        Assert.Equal("RTT ms", line.Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Marks_the_seconds_with_trouble_and_draws_no_line_for_an_empty_series()
    {
        var svg = XElement.Parse(SvgLineChart.Render(new[] { new ChartSeries("jitter", "green", Array.Empty<(double, double)>()), new ChartSeries("rtt", "blue", new[] { (0.0, 1.0), (4.0, 2.0) }) }, new[] { 2.0 }, "s", "ms"));

        Assert.Single(svg.Elements(Svg + "polyline"));
        var mark = Assert.Single(svg.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "mark");
        Assert.Equal((string?)mark.Attribute("x1"), (string?)mark.Attribute("x2"));
    }

    [Fact]
    public void Escapes_names_so_a_hostile_label_stays_text()
    {
        var text = SvgLineChart.Render(new[] { new ChartSeries("<script>alert(1)</script>", "red\"><script>", new[] { (0.0, 1.0) }) }, Array.Empty<double>(), "x & y", "<y>");

        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", text, StringComparison.Ordinal);
        XElement.Parse(text);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.4, 1)]
    [InlineData(1.2, 2)]
    [InlineData(2.1, 2.5)]
    [InlineData(37, 50)]
    [InlineData(100, 100)]
    [InlineData(101, 200)]
    [InlineData(730, 1000)]
    [InlineData(double.NaN, 1)]
    public void Rounds_the_y_axis_up_to_1_2_2_5_or_5_times_a_power_of_ten(double value, double expected) =>
        Assert.Equal(expected, SvgLineChart.NiceCeiling(value), 6);

    [Theory]
    [InlineData("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;")]
    [InlineData("line\nnext\ttab", "line\nnext\ttab")]
    [InlineData("bell\u0007nul\u0000", "bellnul")]
    [InlineData(null, "")]
    public void Html_escapes_markup_and_drops_control_characters(string? text, string expected) =>
        Assert.Equal(expected, Html.Escape(text));
}
