using System;
using System.Collections.Generic;
using System.Linq;

namespace Mindee.Ocr.Testing;

/// <summary>
/// Builds <see cref="OcrInference"/>, <see cref="OcrPage"/> and <see cref="OcrWord"/> values from
/// plain text, laying words out on lines with plausible polygons, so code that consumes results
/// can be unit-tested without any JSON. Build results through it (or object initializers), not
/// through constructors: the models gain fields as the service does, and this keeps tests compiling.
/// </summary>
/// <example>
/// <code>
/// OcrInference result = OcrResultFactory.FromPages("INVOICE 42\nTotal 99.00", "Page two");
/// </code>
/// </example>
public static class OcrResultFactory
{
    private const double MarginX = 0.06;
    private const double MarginY = 0.05;
    private const double CharWidth = 0.0085;
    private const double SpaceWidth = 0.008;
    private const double LineHeight = 0.012;
    private const double LineSpacing = 0.022;

    /// <summary>A result with one page per text; each text's lines become the page's lines.</summary>
    /// <param name="pageTexts">The text of each page, lines separated by <c>\n</c>.</param>
    /// <returns>The result, with the ids, model and file of <see cref="Inference"/>'s defaults.</returns>
    public static OcrInference FromPages(params string[] pageTexts)
    {
        ArgumentNullException.ThrowIfNull(pageTexts);
        return Inference(pageTexts.Select(Page).ToArray());
    }

    /// <summary>A result around the given pages.</summary>
    /// <param name="pages">The pages.</param>
    /// <param name="id">The inference and job id.</param>
    /// <param name="fileName">The document's name.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="alias">The alias, if any.</param>
    /// <param name="mimeType">The document's MIME type.</param>
    /// <returns>The result.</returns>
    public static OcrInference Inference(
        IReadOnlyList<OcrPage> pages,
        string id = "fake-inference-id",
        string fileName = "document.pdf",
        string modelId = "fake-model-id",
        string? alias = null,
        string mimeType = "application/pdf")
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new OcrInference
        {
            Id = id,
            Job = new JobReference { Id = id },
            Model = new ModelReference { Id = modelId },
            File = new InferenceFile { Name = fileName, Alias = alias, PageCount = pages.Count, MimeType = mimeType },
            Result = new OcrResult { Pages = pages },
        };
    }

    /// <summary>
    /// A page whose words are laid out left to right, line under line, from the top-left corner;
    /// its <see cref="OcrPage.Content"/> is the lines joined by <c>\n</c>, as the service makes it.
    /// </summary>
    /// <param name="text">The page's text, lines separated by <c>\n</c>.</param>
    /// <returns>The page.</returns>
    public static OcrPage Page(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(line => line.Split([' '], StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0)
            .ToList();
        var words = new List<OcrWord>();
        for (int row = 0; row < lines.Count; row++)
        {
            double x = MarginX;
            double y = MarginY + (row * LineSpacing);
            foreach (var content in lines[row])
            {
                double width = Math.Min(content.Length * CharWidth, 1 - x);
                words.Add(Word(content, x, y, width, LineHeight));
                x = Math.Min(x + width + SpaceWidth, 1);
            }
        }

        return new OcrPage { Words = words, Content = string.Join("\n", lines.Select(l => string.Join(" ", l))) };
    }

    /// <summary>A word in a rectangle, its four points clockwise from the top-left, all relative to the page.</summary>
    /// <param name="content">The word.</param>
    /// <param name="x">Left edge, 0 to 1.</param>
    /// <param name="y">Top edge, 0 to 1.</param>
    /// <param name="width">Width, relative to the page.</param>
    /// <param name="height">Height, relative to the page.</param>
    /// <returns>The word.</returns>
    public static OcrWord Word(string content, double x, double y, double width, double height) =>
        new() { Content = content, Polygon = new Polygon(new Point(x, y), new Point(x + width, y), new Point(x + width, y + height), new Point(x, y + height)) };
}
