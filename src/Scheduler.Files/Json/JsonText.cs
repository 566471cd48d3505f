using System.Globalization;
using System.Text;

namespace Scheduler.Files.Json;

/// <summary>JSON values written by hand, for the layout of the spec's example files (short arrays on
/// one line), which <see cref="System.Text.Json.Utf8JsonWriter"/> cannot give.</summary>
internal static class JsonText
{
    /// <summary>Appends <paramref name="value"/> as a JSON string: quotes, backslashes and control
    /// characters escaped, everything else (non-ASCII included) as it is.</summary>
    public static StringBuilder Quote(this StringBuilder json, string value)
    {
        json.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    // A lone surrogate cannot be written as UTF-8: escaped, it stays the same string.
                    var paired = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                        : char.IsLowSurrogate(c) ? i > 0 && char.IsHighSurrogate(value[i - 1])
                        : true;
                    if (char.IsControl(c) || !paired)
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }
                    break;
            }
        }
        return json.Append('"');
    }

    /// <summary>Appends an array of strings on one line: <c>["a", "b"]</c>.</summary>
    public static StringBuilder Strings(this StringBuilder json, IEnumerable<string> values)
    {
        json.Append('[');
        var first = true;
        foreach (var value in values)
        {
            json.Append(first ? "" : ", ").Quote(value);
            first = false;
        }
        return json.Append(']');
    }

    /// <summary>Appends an integer in invariant digits.</summary>
    public static StringBuilder Number(this StringBuilder json, int value) => json.Append(value.ToString(CultureInfo.InvariantCulture));
}
