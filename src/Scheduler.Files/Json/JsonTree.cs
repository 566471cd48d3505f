using System.Text.Json;

namespace Scheduler.Files.Json;

/// <summary>A parsed JSON value that remembers the line it started on, so that a bad value deep in
/// <c>posts.json</c> can be reported as <c>file:line</c>.</summary>
internal sealed class JsonTree
{
    private JsonTree(JsonValueKind kind, int line)
    {
        Kind = kind;
        Line = line;
    }

    public JsonValueKind Kind { get; }

    public int Line { get; }

    /// <summary>The text of a string, or the raw text of a number or literal.</summary>
    public string? Text { get; private init; }

    public List<KeyValuePair<string, JsonTree>> Properties { get; } = [];

    public List<JsonTree> Items { get; } = [];

    /// <summary>The property named exactly <paramref name="name"/> (JSON names are case-sensitive), or null.</summary>
    public JsonTree? this[string name] => Properties.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>The names of this object's properties that are not in <paramref name="known"/>, with their lines.</summary>
    public IEnumerable<(string Name, int Line)> UnknownProperties(params string[] known) =>
        Properties.Where(p => !known.Contains(p.Key, StringComparer.Ordinal)).Select(p => (p.Key, p.Value.Line));

    /// <summary>Parses a whole document, strictly (RFC 8259: no comments, no trailing commas, as
    /// <c>verify</c> reads it); on malformed JSON returns null and the 1-based line of the error.</summary>
    public static JsonTree? Parse(byte[] utf8, out int errorLine, out string? error)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        if (utf8.AsSpan().StartsWith("\uFEFF"u8))
        {
            // A byte-order mark, as Windows editors write; the reader does not skip it.
            utf8 = utf8[3..];
        }
        var lineStarts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }
        if (FirstInvalidUtf8(utf8) is { } bad)
        {
            errorLine = LineOf(bad, lineStarts);
            error = "text is not valid UTF-8";
            return null;
        }
        var reader = new Utf8JsonReader(utf8);
        var state = new ParseState(lineStarts);
        try
        {
            if (!reader.Read())
            {
                errorLine = 1;
                error = "empty file";
                return null;
            }
            var tree = ReadValue(ref reader, state);
            if (reader.Read())
            {
                errorLine = LineOf(reader.TokenStartIndex, lineStarts);
                error = "unexpected content after the JSON value";
                return null;
            }
            if (state.BadEscape is { } badLine)
            {
                errorLine = badLine;
                error = "a string's escapes are not valid text (a lone surrogate such as \\uD800)";
                return null;
            }
            if (state.Duplicate is { } duplicate)
            {
                // Readers disagree on which of two equal names wins; the file must say.
                errorLine = duplicate.Line;
                error = $"property '{duplicate.Name}' appears twice in one object";
                return null;
            }
            errorLine = 0;
            error = null;
            return tree;
        }
        catch (JsonException e)
        {
            // Utf8JsonReader reports malformed JSON only by throwing.
            errorLine = (int)(e.LineNumber ?? 0) + 1;
            error = "malformed JSON";
            return null;
        }
    }

    private static long? FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return null;
        }
        var offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }

    private sealed class ParseState(List<long> lineStarts)
    {
        public List<long> LineStarts { get; } = lineStarts;

        /// <summary>The first property name given twice in one object.</summary>
        public (string Name, int Line)? Duplicate { get; set; }

        /// <summary>The line of the first string whose escapes make no text (a lone surrogate, \uD800).</summary>
        public int? BadEscape { get; set; }
    }

    private static string ReadString(ref Utf8JsonReader reader, ParseState state)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json says only by throwing that an escaped string is no valid UTF-16.
            state.BadEscape ??= LineOf(reader.TokenStartIndex, state.LineStarts);
            return "";
        }
    }

    private static JsonTree ReadValue(ref Utf8JsonReader reader, ParseState state)
    {
        var line = LineOf(reader.TokenStartIndex, state.LineStarts);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonTree(JsonValueKind.Object, line);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = ReadString(ref reader, state);
                    if (state.Duplicate is null && obj.Properties.Exists(p => p.Key == name))
                    {
                        state.Duplicate = (name, LineOf(reader.TokenStartIndex, state.LineStarts));
                    }
                    reader.Read();
                    obj.Properties.Add(new(name, ReadValue(ref reader, state)));
                }
                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonTree(JsonValueKind.Array, line);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Items.Add(ReadValue(ref reader, state));
                }
                return array;
            case JsonTokenType.String:
                return new JsonTree(JsonValueKind.String, line) { Text = ReadString(ref reader, state) };
            case JsonTokenType.Number:
                return new JsonTree(JsonValueKind.Number, line) { Text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new JsonTree(JsonValueKind.True, line) { Text = "true" };
            case JsonTokenType.False:
                return new JsonTree(JsonValueKind.False, line) { Text = "false" };
            default:
                return new JsonTree(JsonValueKind.Null, line);
        }
    }

    private static int LineOf(long offset, List<long> lineStarts)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
