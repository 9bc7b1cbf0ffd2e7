using System;

namespace Mindee.Ocr;

/// <summary>One word found on a page, with its outline.</summary>
public sealed record OcrWord
{
    /// <summary>The word's text.</summary>
    public required string Content { get; init => field = value ?? throw new ArgumentNullException(nameof(Content)); }

    /// <summary>Where the word stands on the page, relative to the page's size.</summary>
    public required Polygon Polygon { get; init => field = value ?? throw new ArgumentNullException(nameof(Polygon)); }

    /// <summary>The word and where it stands.</summary>
    /// <returns>Such as <c>"Total" at (0.1, 0.2)–(0.16, 0.21)</c>.</returns>
    public override string ToString()
    {
        if (Polygon.Count == 0)
        {
            return $"\"{Content}\"";
        }

        var box = Polygon.BoundingBox;
        return $"\"{Content}\" at ({ModelText.Number(box.MinX)}, {ModelText.Number(box.MinY)})–({ModelText.Number(box.MaxX)}, {ModelText.Number(box.MaxY)})";
    }
}
