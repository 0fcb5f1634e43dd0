namespace TelnyxNet.Cli.Output;

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    /// <summary>An aligned table of the key columns, then the message and fix of each failure.</summary>
    Table,

    /// <summary>A JSON array; property names are the result's names in camelCase.</summary>
    Json,

    /// <summary>CSV with every scalar property, headers as Export-Csv writes them.</summary>
    Csv,
}
