using System.Text;

namespace Controllers.Can.CodeGeneration;

/// <summary>Text builder that indents lines by four spaces per level and ends every line with '\n'.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder builder = new();
    private int indentLevel;

    public void Line(string text)
    {
        if (text.Length > 0)
        {
            builder.Append(' ', indentLevel * 4);
            builder.Append(text);
        }

        builder.Append('\n');
    }

    public void Line()
    {
        builder.Append('\n');
    }

    /// <summary>Writes an opening brace and indents the lines after it.</summary>
    public void Open()
    {
        Line("{");
        indentLevel++;
    }

    /// <summary>Writes a closing brace, optionally followed by text such as a semicolon.</summary>
    public void Close(string suffix = "")
    {
        indentLevel--;
        Line("}" + suffix);
    }

    public override string ToString() => builder.ToString();
}
