using System.Globalization;
using System.Text;

namespace TelnyxNet.Module.Tests.Support;

/// <summary>
/// Reads the subset of PowerShell data-file syntax (.psd1) that module manifests use: a hashtable
/// <c>@{ Key = value }</c> whose values are '' or "" strings, numbers, $true / $false / $null,
/// arrays (<c>@(…)</c> or <c>a, b</c>) and nested hashtables; entries separated by new lines or
/// ';', array items by ',' or new lines; <c>#</c> and <c>&lt;# … #&gt;</c> comments.
/// Strings become <see cref="string"/>, arrays <see cref="IReadOnlyList{T}"/>, hashtables
/// case-insensitive <see cref="IReadOnlyDictionary{TKey, TValue}"/>, numbers <see cref="decimal"/>.
/// Anything else (expressions, variables, sub-expressions) is rejected, as Import-PowerShellDataFile does.
/// </summary>
public sealed class PowerShellDataFile
{
    private readonly string _text;
    private int _at;

    private PowerShellDataFile(string text) => _text = text;

    public static IReadOnlyDictionary<string, object?> Load(string path) => Parse(File.ReadAllText(path));

    public static IReadOnlyDictionary<string, object?> Parse(string text)
    {
        var reader = new PowerShellDataFile(text);
        reader.SkipBlank(newLines: true);
        var table = reader.ReadHashtable();
        reader.SkipBlank(newLines: true);
        if (reader._at < text.Length)
        {
            throw reader.Error("text after the closing '}'");
        }

        return table;
    }

    private IReadOnlyDictionary<string, object?> ReadHashtable()
    {
        Expect("@{");
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipBlank(newLines: true);
            if (TryTake('}'))
            {
                return table;
            }

            if (TryTake(';'))
            {
                continue;
            }

            var key = Peek() is '\'' or '"' ? ReadString() : ReadBareword();
            SkipBlank(newLines: false);
            Expect("=");
            SkipBlank(newLines: true);
            if (!table.TryAdd(key, ReadValue()))
            {
                throw Error("duplicate key '" + key + "'");
            }

            SkipBlank(newLines: false);
            if (Peek() is not ('\n' or '\r' or ';' or '}'))
            {
                throw Error("expected a new line, ';' or '}' after the value of '" + key + "'");
            }
        }
    }

    /// <summary>A value, or several separated by ',' (an array without @()).</summary>
    private object? ReadValue()
    {
        var first = ReadSingleValue();
        SkipBlank(newLines: false);
        if (Peek() != ',')
        {
            return first;
        }

        var items = new List<object?> { first };
        while (TryTake(','))
        {
            SkipBlank(newLines: true);
            items.Add(ReadSingleValue());
            SkipBlank(newLines: false);
        }

        return items;
    }

    private object? ReadSingleValue()
    {
        if (At("@{"))
        {
            return ReadHashtable();
        }

        if (At("@("))
        {
            return ReadArray();
        }

        var c = Peek();
        if (c is '\'' or '"')
        {
            return ReadString();
        }

        if (c == '$')
        {
            _at++;
            var name = ReadBareword().ToLowerInvariant();
            return name switch
            {
                "true" => true,
                "false" => false,
                "null" => null,
                _ => throw Error("variables are not allowed in a data file ($" + name + ")"),
            };
        }

        if (c is '-' or '+' or '.' || char.IsDigit(c))
        {
            var start = _at;
            while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '-' or '+'))
            {
                _at++;
            }

            var token = _text.Substring(start, _at - start);
            return decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw Error("'" + token + "' is not a number");
        }

        throw Error("expected a value");
    }

    private IReadOnlyList<object?> ReadArray()
    {
        Expect("@(");
        var items = new List<object?>();
        while (true)
        {
            SkipBlank(newLines: true);
            if (TryTake(')'))
            {
                return items;
            }

            items.Add(ReadSingleValue());
            SkipBlank(newLines: false);
            if (TryTake(','))
            {
                continue;
            }

            if (Peek() is not ('\n' or '\r' or ')' or ';'))
            {
                throw Error("expected ',', a new line or ')' in an array");
            }

            TryTake(';');
        }
    }

    /// <summary>'…' with '' for a quote; "…" with `` ` `` escapes and "" for a quote, no variable expansion allowed.</summary>
    private string ReadString()
    {
        var quote = _text[_at++];
        var value = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_at++];
            if (c == quote)
            {
                if (_at < _text.Length && _text[_at] == quote)
                {
                    value.Append(quote);
                    _at++;
                    continue;
                }

                return value.ToString();
            }

            if (quote == '"' && c == '$')
            {
                throw Error("variable expansion is not allowed in a data file");
            }

            if (quote == '"' && c == '`' && _at < _text.Length)
            {
                var escaped = _text[_at++];
                value.Append(escaped switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '0' => '\0', _ => escaped });
                continue;
            }

            value.Append(c);
        }
    }

    private string ReadBareword()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '_' or '-'))
        {
            _at++;
        }

        return _at > start ? _text.Substring(start, _at - start) : throw Error("expected a name");
    }

    /// <summary>Skips spaces, tabs and comments, and new lines too when <paramref name="newLines"/> is set.</summary>
    private void SkipBlank(bool newLines)
    {
        while (_at < _text.Length)
        {
            var c = _text[_at];
            if (c is ' ' or '\t' || (newLines && c is '\r' or '\n'))
            {
                _at++;
            }
            else if (At("<#"))
            {
                var end = _text.IndexOf("#>", _at + 2, StringComparison.Ordinal);
                _at = end < 0 ? throw Error("unterminated <# comment") : end + 2;
            }
            else if (c == '#')
            {
                while (_at < _text.Length && _text[_at] != '\n')
                {
                    _at++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private bool At(string token) => string.CompareOrdinal(_text, _at, token, 0, token.Length) == 0;

    private bool TryTake(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _at++;
        return true;
    }

    private void Expect(string token)
    {
        if (!At(token))
        {
            throw Error("expected '" + token + "'");
        }

        _at += token.Length;
    }

    private FormatException Error(string what)
    {
        var line = 1 + _text.Take(Math.Min(_at, _text.Length)).Count(c => c == '\n');
        return new FormatException("Line " + line + ": " + what + ".");
    }
}
