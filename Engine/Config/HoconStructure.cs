namespace MaLAM4Com.Engine.Config;

/// <summary>
/// Checks what Akka's lenient HOCON parser lets through before it parses: it runs a file with an
/// unclosed or an extra closing brace, fails on a missing include with a NullReferenceException and
/// reads a binary file as keys. Each mistake is refused with its line and column. Includes are refused
/// outright: a config is one file, so that what a run read is what its summary names.
/// </summary>
public static class HoconStructure
{
    /// <summary>Throws a <see cref="ConfigException"/> naming <paramref name="what"/> and the position of the first mistake.</summary>
    public static void Check(string text, string what)
    {
        var open = new Stack<(char Bracket, int Line, int Column)>();
        int line = 1, column = 0;
        bool lineStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
                lineStart = true;
                continue;
            }
            if (char.IsControl(c) && c is not ('\t' or '\r'))
                throw Mistake(what, line, column, $"holds the control character U+{(int)c:X4}; give a text file");
            if (c is ' ' or '\t' or '\r')
                continue;
            bool first = lineStart;
            lineStart = false;
            if (c == '#' || (c == '/' && Next(text, i) == '/'))
            {
                i = SkipTo(text, i, "\n") - 1;
                continue;
            }
            if (c == '"')
            {
                int end = text.AsSpan(i).StartsWith("\"\"\"") ? SkipTo(text, i + 3, "\"\"\"") + 3 : SkipString(text, i + 1);
                if (end > text.Length)
                    throw Mistake(what, line, column, "a quoted string is not closed");
                for (int j = i + 1; j < end; j++)
                {
                    if (text[j] == '\n')
                    {
                        line++;
                        column = 0;
                    }
                    else
                    {
                        column++;
                    }
                }
                i = end - 1;
                continue;
            }
            if (first && text.AsSpan(i).StartsWith("include") && (i + 7 >= text.Length || (!char.IsLetterOrDigit(text[i + 7]) && text[i + 7] is not ('-' or '_' or '.' or '=' or ':'))))
                throw Mistake(what, line, column, "includes are not supported; give every key in this one file");
            if (c is '{' or '[')
                open.Push((c, line, column));
            else if (c is '}' or ']')
            {
                char expected = c == '}' ? '{' : '[';
                if (open.Count == 0 || open.Peek().Bracket != expected)
                    throw Mistake(what, line, column, $"'{c}' closes nothing that is open");
                open.Pop();
            }
        }
        if (open.Count > 0)
        {
            var (bracket, atLine, atColumn) = open.Peek();
            throw Mistake(what, atLine, atColumn, $"'{bracket}' is never closed");
        }
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

    // The index just past the end of a "..." string whose body starts at start (past the text when not closed).
    private static int SkipString(string text, int start)
    {
        for (int j = start; j < text.Length; j++)
        {
            if (text[j] == '\\')
                j++;
            else if (text[j] == '"')
                return j + 1;
            else if (text[j] == '\n')
                break;
        }
        return text.Length + 1;
    }

    // The index of the next occurrence of mark at or after start (past the text when there is none).
    private static int SkipTo(string text, int start, string mark)
    {
        int at = text.IndexOf(mark, start, StringComparison.Ordinal);
        return at < 0 ? (mark == "\n" ? text.Length : text.Length + 1) : at;
    }

    private static ConfigException Mistake(string what, int line, int column, string problem) =>
        new($"{what} is not valid HOCON at line {line}, column {column}: {problem}");
}
