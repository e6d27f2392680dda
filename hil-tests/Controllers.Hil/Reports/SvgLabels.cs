using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Controllers.Hil.Reports;

/// <summary>
/// Puts label text into ScottPlot SVG output after rendering. SkiaSharp's SVG canvas (3.119) writes each
/// label as a &lt;text&gt; element but drops every glyph that the chosen font lacks. Without a CJK font on
/// the machine, a Chinese label therefore comes out as an empty element. Plots are drawn with ASCII
/// placeholders of about the same width, and <see cref="Restore"/> swaps the real text into those elements
/// and positions it by text anchor, so the browser's fonts render the glyphs.
/// </summary>
internal sealed class SvgLabels
{
    private static readonly Regex TextElement =
        new(@"<text(?<attributes>[^>]*)>\s*(?<content>[^<]*?)\s*</text>", RegexOptions.Compiled);

    private static readonly Regex XAttribute = new(@"\sx=""(?<values>[^""]*)""", RegexOptions.Compiled);

    private static readonly Regex YAttribute = new(@"\sy=""(?<values>[^""]*)""", RegexOptions.Compiled);

    private readonly Dictionary<string, string> _textByPlaceholder = new();

    /// <summary>Returns a placeholder for <paramref name="text"/> to pass to ScottPlot.</summary>
    public string Add(string text)
    {
        // The index prefix keeps placeholders unique. "W" is about one em wide in the usual sans-serif
        // fonts, like a CJK character, and "n" is about as wide as an average Latin letter.
        var placeholder = new StringBuilder(_textByPlaceholder.Count.ToString(CultureInfo.InvariantCulture));
        foreach (char character in text)
        {
            placeholder.Append(character > '\u2E80' ? 'W' : 'n');
        }

        _textByPlaceholder[placeholder.ToString()] = text;
        return placeholder.ToString();
    }

    /// <summary>Replaces each placeholder element in <paramref name="svg"/> with its text, anchored at the same place.</summary>
    public string Restore(string svg) => TextElement.Replace(svg, match =>
    {
        string content = match.Groups["content"].Value;
        if (!_textByPlaceholder.TryGetValue(content, out string? text))
        {
            return match.Value;
        }

        string attributes = match.Groups["attributes"].Value;
        double[] xs = ParseList(XAttribute.Match(attributes).Groups["values"].Value);
        double[] ys = ParseList(YAttribute.Match(attributes).Groups["values"].Value);
        attributes = XAttribute.Replace(attributes, "");
        attributes = YAttribute.Replace(attributes, "");

        // ScottPlot places a label's origin at its alignment point: glyphs starting at x = 0 are left-aligned,
        // otherwise the glyphs are spread around the origin and the label is centered on it.
        string anchor = xs.Length == 0 || Math.Abs(xs[0]) < 0.5 ? "start" : "middle";
        double y = ys.Length > 0 ? ys[0] : 0;
        return "<text" + attributes + " x=\"0\" y=\"" + y.ToString("0.###", CultureInfo.InvariantCulture) +
               "\" text-anchor=\"" + anchor + "\">" + WebUtility.HtmlEncode(text) + "</text>";
    });

    private static double[] ParseList(string values)
    {
        var numbers = new List<double>();
        foreach (string part in values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                numbers.Add(number);
            }
        }

        return numbers.ToArray();
    }
}
