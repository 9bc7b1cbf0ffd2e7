using System;

namespace Mindee.Ocr;

/// <summary>The document an inference was made on.</summary>
public sealed record InferenceFile
{
    /// <summary>The file name as sent to the service.</summary>
    public required string Name { get; init => field = value ?? throw new ArgumentNullException(nameof(Name)); }

    /// <summary>The caller's alias, if one was sent.</summary>
    public string? Alias { get; init; }

    /// <summary>How many pages the document has.</summary>
    public required int PageCount { get; init; }

    /// <summary>The MIME type the service detected, such as <c>application/pdf</c>.</summary>
    public required string MimeType { get; init => field = value ?? throw new ArgumentNullException(nameof(MimeType)); }

    /// <summary>The name, type and page count.</summary>
    /// <returns>Such as <c>invoice.pdf (application/pdf, 3 pages)</c>.</returns>
    public override string ToString() =>
        $"{Name}{(Alias is null ? string.Empty : $" [{Alias}]")} ({MimeType}, {ModelText.Count(PageCount, "page")})";
}
