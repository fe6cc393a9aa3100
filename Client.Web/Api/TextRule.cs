namespace Dispatch.Web.Api;

/// <summary>
/// What text the API takes, in every field of every endpoint and hub method. Refused: control characters other
/// than tab and line feed (carriage return only before a line feed), because PostgreSQL's jsonb refuses U+0000
/// and the others are never typed by people; lone surrogates (invalid UTF-16, which no store round-trips) and
/// U+FFFD, which is what the JSON reader makes of an escaped lone surrogate: text that was broken on its way
/// here is refused, not stored with a hole in it; the noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF and the
/// last two of every plane). A single-line field (a title,
/// a name) also refuses line breaks and the bidirectional override, embedding and isolate controls, which can
/// make a name read differently from what it is.
/// </summary>
public static class TextRule
{
    /// <summary>Why <paramref name="value"/> is not acceptable text, or null when it is.</summary>
    public static string? Problem(string value, bool singleLine)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return "invalid UTF-16: a lone surrogate";
                }
                if ((char.ConvertToUtf32(c, value[i + 1]) & 0xFFFE) == 0xFFFE)
                {
                    return "a Unicode noncharacter is not text";
                }
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c))
            {
                return "invalid UTF-16: a lone surrogate";
            }
            switch (c)
            {
                case '\t':
                    continue;
                case '\n' or '\u2028' or '\u2029':
                    if (singleLine)
                    {
                        return "a single line: no line breaks";
                    }
                    continue;
                case '\r':
                    if (singleLine)
                    {
                        return "a single line: no line breaks";
                    }
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        continue;
                    }
                    return "a carriage return only as part of a line break (\\r\\n)";
                case '\uFFFE' or '\uFFFF' or (>= '\uFDD0' and <= '\uFDEF'):
                    return "a Unicode noncharacter is not text";
                case '\uFFFD':
                    return "invalid Unicode (a lone surrogate or a broken encoding, read as U+FFFD)";
                case (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') when singleLine:
                    return $"no bidirectional control characters (U+{(int)c:X4}) in a single-line field";
            }
            if (char.IsControl(c))
            {
                return $"no control characters (U+{(int)c:X4}); only tab and line breaks are allowed";
            }
        }
        return null;
    }
}
