using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TelnyxNet.Cli.Output;

/// <summary>
/// Prints engine results as a table, JSON or CSV. JSON and CSV read the result type's metadata
/// from <see cref="CliJsonContext"/> (generated at compile time): no reflection, so the native
/// build prints exactly what the JIT build does.
/// </summary>
internal static class ResultWriter
{
    /// <summary>Writes <paramref name="results"/>; <paramref name="columns"/> are the table's columns.</summary>
    public static void Write<T>(TextWriter output, IReadOnlyList<T> results, OutputFormat format, IReadOnlyList<TableColumn<T>> columns, Func<T, string?> footnote)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(JsonSerializer.Serialize(results, TypeInfo<IReadOnlyList<T>>(JsonOptions())));
                break;
            case OutputFormat.Csv:
                WriteCsv(output, results);
                break;
            default:
                WriteTable(output, results, columns, footnote);
                break;
        }
    }

    /// <summary>Built only for --json: camelCase names over the generated metadata.</summary>
    private static JsonSerializerOptions JsonOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CliJsonContext.Default,
    };

    /// <summary>The generated metadata of <typeparamref name="TValue"/>; a type not registered in <see cref="CliJsonContext"/> is a bug, said plainly.</summary>
    private static JsonTypeInfo<TValue> TypeInfo<TValue>(JsonSerializerOptions options) =>
        options.GetTypeInfo(typeof(TValue)) as JsonTypeInfo<TValue>
        ?? throw new InvalidOperationException(typeof(TValue) + " is not registered in CliJsonContext.");

    private static void WriteTable<T>(TextWriter output, IReadOnlyList<T> results, IReadOnlyList<TableColumn<T>> columns, Func<T, string?> footnote)
    {
        var cells = results.Select(r => columns.Select(c => c.Value(r) ?? string.Empty).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Header.Length, cells.Count == 0 ? 0 : cells.Max(row => row[i].Length))).ToArray();
        output.WriteLine(FormatRow(columns.Select(c => c.Header).ToArray(), widths, columns));
        output.WriteLine(FormatRow(widths.Select(w => new string('-', w)).ToArray(), widths, columns));
        foreach (var row in cells)
        {
            output.WriteLine(FormatRow(row, widths, columns));
        }

        var notes = results.Select(footnote).Where(n => !string.IsNullOrEmpty(n)).ToList();
        if (notes.Count > 0)
        {
            output.WriteLine();
            foreach (var note in notes)
            {
                output.WriteLine(note);
            }
        }
    }

    private static string FormatRow<T>(string[] values, int[] widths, IReadOnlyList<TableColumn<T>> columns)
    {
        var line = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(columns[i].RightAlign ? values[i].PadLeft(widths[i]) : values[i].PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>Every public property in declaration order, headers as Export-Csv writes them (the property names), values quoted.</summary>
    private static void WriteCsv<T>(TextWriter output, IReadOnlyList<T> results)
    {
        var properties = TypeInfo<T>(CliJsonContext.Default.Options).Properties.Where(p => p.Get != null).ToList();
        output.WriteLine(string.Join(",", properties.Select(p => Quote(p.Name))));
        foreach (var result in results)
        {
            output.WriteLine(string.Join(",", properties.Select(p => Quote(Format(p.Get!(result!))))));
        }
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
}

/// <summary>One column of a table: a header and how to get the cell.</summary>
internal sealed record TableColumn<T>(string Header, Func<T, string?> Value, bool RightAlign = false);
