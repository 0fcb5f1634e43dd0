using System.Globalization;
using System.Text;

namespace TelnyxNet.Engine.Internal;

/// <summary>A JSON value (RFC 8259) with the line and column where it starts, for error messages that point into a file.</summary>
internal abstract class JsonNode
{
    protected JsonNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>1-based column of the value's first character.</summary>
    public int Column { get; }

    /// <summary>What kind of value this is, as an error message names it.</summary>
    public abstract string Kind { get; }

    /// <summary>"line L, column C".</summary>
    public string Where => "line " + Line.ToString(CultureInfo.InvariantCulture) + ", column " + Column.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An object: its members in file order; names are unique ignoring case, as PowerShell reads them.</summary>
internal sealed class JsonObject : JsonNode
{
    public JsonObject(IReadOnlyList<KeyValuePair<string, JsonNode>> members, int line, int column)
        : base(line, column) => Members = members;

    public IReadOnlyList<KeyValuePair<string, JsonNode>> Members { get; }

    public override string Kind => "an object";

    /// <summary>The member named <paramref name="name"/> (ignoring case), or null.</summary>
    public JsonNode? Get(string name) =>
        Members.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>An array.</summary>
internal sealed class JsonArray : JsonNode
{
    public JsonArray(IReadOnlyList<JsonNode> items, int line, int column)
        : base(line, column) => Items = items;

    public IReadOnlyList<JsonNode> Items { get; }

    public override string Kind => "an array";
}

/// <summary>A string.</summary>
internal sealed class JsonString : JsonNode
{
    public JsonString(string value, int line, int column)
        : base(line, column) => Value = value;

    public string Value { get; }

    public override string Kind => "a string";
}

/// <summary>A number, kept as its text (RFC 8259 §6).</summary>
internal sealed class JsonNumber : JsonNode
{
    public JsonNumber(string text, int line, int column)
        : base(line, column) => Text = text;

    public string Text { get; }

    public override string Kind => "a number";

    /// <summary>The number as an integer, when it is one (no fraction or exponent) and fits.</summary>
    public bool TryGetInt32(out int value) => int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}

/// <summary>true or false.</summary>
internal sealed class JsonBoolean : JsonNode
{
    public JsonBoolean(bool value, int line, int column)
        : base(line, column) => Value = value;

    public bool Value { get; }

    public override string Kind => Value ? "true" : "false";
}

/// <summary>null.</summary>
internal sealed class JsonNull : JsonNode
{
    public JsonNull(int line, int column)
        : base(line, column)
    {
    }

    public override string Kind => "null";
}

/// <summary>Why a text is not JSON, and where.</summary>
internal sealed class JsonParseException : Exception
{
    public JsonParseException(string message, int line, int column)
        : base(message + " (line " + line.ToString(CultureInfo.InvariantCulture) + ", column " + column.ToString(CultureInfo.InvariantCulture) + ")")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>
/// A strict JSON reader (RFC 8259): one value, optional UTF-8 byte order mark and whitespace
/// around it, nothing else; nesting bounded; duplicate member names refused. Small enough that the
/// module needs no JSON library of its own in a shared PowerShell session.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private JsonReader(string text) => _text = text;

    /// <summary>The value <paramref name="text"/> holds; throws <see cref="JsonParseException"/> saying what is wrong where.</summary>
    public static JsonNode Parse(string text)
    {
        var reader = new JsonReader(text ?? throw new ArgumentNullException(nameof(text)));
        if (reader.Peek() == '\uFEFF')
        {
            reader._position++;
            reader._lineStart++;
        }

        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position < text.Length)
        {
            throw reader.Error("Unexpected '" + text[reader._position] + "' after the end of the JSON value");
        }

        return value;
    }

    private int Column => _position - _lineStart + 1;

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private JsonNode ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("Values nest deeper than " + MaxDepth + " levels");
        }

        var line = _line;
        var column = Column;
        switch (Peek())
        {
            case '{':
                return ReadObject(depth, line, column);
            case '[':
                return ReadArray(depth, line, column);
            case '"':
                return new JsonString(ReadString(), line, column);
            case 't':
                Expect("true");
                return new JsonBoolean(true, line, column);
            case 'f':
                Expect("false");
                return new JsonBoolean(false, line, column);
            case 'n':
                Expect("null");
                return new JsonNull(line, column);
            case '-':
            case >= '0' and <= '9':
                return new JsonNumber(ReadNumber(), line, column);
            case '\0' when _position >= _text.Length:
                throw Error("The text ends where a value should be");
            default:
                throw Error("Unexpected '" + Peek() + "' where a value should be");
        }
    }

    private JsonObject ReadObject(int depth, int line, int column)
    {
        _position++;
        var members = new List<KeyValuePair<string, JsonNode>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonObject(members, line, column);
        }

        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length)
            {
                throw Error("The text ends inside an object");
            }

            if (Peek() != '"')
            {
                throw Error("Expected a member name in double quotes");
            }

            var nameLine = _line;
            var nameColumn = Column;
            var name = ReadString();
            if (members.Any(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new JsonParseException("The member name '" + name + "' appears twice in one object", nameLine, nameColumn);
            }

            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error("Expected ':' after the member name '" + name + "'");
            }

            _position++;
            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonNode>(name, ReadValue(depth + 1)));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                return new JsonObject(members, line, column);
            }

            if (next != ',')
            {
                _position--;
                throw Error("Expected ',' or '}' in an object");
            }
        }
    }

    private JsonArray ReadArray(int depth, int line, int column)
    {
        _position++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonArray(items, line, column);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                return new JsonArray(items, line, column);
            }

            if (next != ',')
            {
                _position--;
                throw Error("Expected ',' or ']' in an array");
            }
        }
    }

    /// <summary>A string (RFC 8259 §7): escapes decoded, control characters refused.</summary>
    private string ReadString()
    {
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("The text ends inside a string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c < 0x20)
            {
                _position--;
                throw Error("A control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ") must be escaped inside a string");
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escape = Peek();
            _position++;
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("\\u must be followed by four hexadecimal digits");
                    }

                    value.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position--;
                    throw Error("Unknown escape '\\" + escape + "' in a string");
            }
        }
    }

    /// <summary>A number (RFC 8259 §6): <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>.</summary>
    private string ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (!Digits())
        {
            throw Error("A number needs a digit here");
        }

        if (Peek() == '.')
        {
            _position++;
            if (!Digits())
            {
                throw Error("A number needs a digit after '.'");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (!Digits())
            {
                throw Error("A number needs a digit in its exponent");
            }
        }

        return _text.Substring(start, _position - start);
    }

    private bool Digits()
    {
        var start = _position;
        while (Peek() is >= '0' and <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private void Expect(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("Unexpected '" + Peek() + "' where a value should be");
        }

        _position += literal.Length;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                _line++;
                _lineStart = _position + 1;
            }
            else if (c != ' ' && c != '\t' && c != '\r')
            {
                return;
            }

            _position++;
        }
    }

    private JsonParseException Error(string message) => new(message, _line, Column);
}
