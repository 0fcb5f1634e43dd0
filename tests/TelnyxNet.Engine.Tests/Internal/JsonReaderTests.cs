using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Tests.Internal;

/// <summary>The catalog's JSON reader (RFC 8259): every value kind, escapes, and errors that say where.</summary>
public sealed class JsonReaderTests
{
    [Fact]
    public void Reads_every_kind_of_value_with_where_it_starts()
    {
        var root = Assert.IsType<JsonObject>(JsonReader.Parse("\uFEFF {\n \"a\": [1, -2.5e3, true, false, null],\r\n \"b\": \"x\\u00e9\\n\\\"\\/\" }\n"));

        var array = Assert.IsType<JsonArray>(root.Get("A"));
        Assert.Equal(2, array.Line);
        Assert.Equal(7, array.Column);
        Assert.True(Assert.IsType<JsonNumber>(array.Items[0]).TryGetInt32(out var one) && one == 1);
        Assert.Equal("-2.5e3", Assert.IsType<JsonNumber>(array.Items[1]).Text);
        Assert.False(((JsonNumber)array.Items[1]).TryGetInt32(out _));
        Assert.True(Assert.IsType<JsonBoolean>(array.Items[2]).Value);
        Assert.False(Assert.IsType<JsonBoolean>(array.Items[3]).Value);
        Assert.IsType<JsonNull>(array.Items[4]);
        Assert.Equal("xé\n\"/", Assert.IsType<JsonString>(root.Get("b")).Value);
        Assert.Null(root.Get("c"));
    }

    [Theory]
    [InlineData("", "ends where a value should be", 1, 1)]
    [InlineData("[1,]", "Unexpected ']'", 1, 4)]
    [InlineData("{\"a\" 1}", "Expected ':'", 1, 6)]
    [InlineData("{\"a\": 1,\n \"A\": 2}", "appears twice", 2, 2)]
    [InlineData("[01]", "Expected ',' or ']'", 1, 3)]
    [InlineData("[1.]", "digit after '.'", 1, 4)]
    [InlineData("\"abc", "ends inside a string", 1, 5)]
    [InlineData("\"a\tb\"", "control character", 1, 3)]
    [InlineData("\"\\x\"", "Unknown escape", 1, 3)]
    [InlineData("\"\\u12\"", "four hexadecimal digits", 1, 4)]
    [InlineData("tru", "Unexpected 't'", 1, 1)]
    [InlineData("[1] [2]", "after the end of the JSON value", 1, 5)]
    [InlineData("{\"a\": 1 \"b\": 2}", "Expected ',' or '}'", 1, 9)]
    [InlineData("[\n\n  @]", "Unexpected '@'", 3, 3)]
    public void Refuses_what_is_not_JSON_and_says_where(string text, string expected, int line, int column)
    {
        var error = Assert.Throws<JsonParseException>(() => JsonReader.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Bounds_nesting_so_hostile_input_cannot_exhaust_the_stack()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<JsonParseException>(() => JsonReader.Parse(deep));

        Assert.Contains("nest deeper than 64", error.Message, StringComparison.Ordinal);
        Assert.IsType<JsonArray>(JsonReader.Parse(new string('[', 64) + new string(']', 64)));
    }
}
