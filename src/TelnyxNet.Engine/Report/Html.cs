using System.Globalization;
using System.Text;

namespace TelnyxNet.Engine.Report;

/// <summary>
/// Text into HTML, safely: every value the report shows (server names, SOFTWARE attributes,
/// reason phrases, interface names) comes from the network or the machine and is escaped, so a
/// hostile server cannot inject markup or script into the page (HTML Living Standard §13.1.2.3:
/// in text and in double-quoted attributes, escape &amp; &lt; &gt; and &quot;).
/// </summary>
internal static class Html
{
    /// <summary><paramref name="text"/> as HTML text or a double-quoted attribute value; control characters other than tab and newline are dropped.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(text!.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&#39;"); break;
                case '\t':
                case '\n':
                    escaped.Append(c);
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>A number for SVG coordinates: invariant culture, at most two decimals.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
