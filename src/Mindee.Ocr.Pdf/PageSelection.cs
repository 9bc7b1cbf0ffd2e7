using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mindee.Ocr.Pdf;

/// <summary>
/// Which pages of a PDF to send. Page numbers are 1-based, and negative numbers count from the end
/// (<c>-1</c> is the last page), as in Mindee's own SDKs. Whatever order the numbers are given in,
/// the pages are sent in document order, each once. A selection is immutable and can be shared.
/// </summary>
/// <example>
/// <code>
/// var firstAndLast = PageSelection.Keep(1, -1);
/// var cover = PageSelection.First(1).WhenPageCountAtLeast(5);   // short documents go whole
/// await client.EnqueueAndWaitAsync(OcrInput.FromFile("statement.pdf").WithPages(firstAndLast));
/// </code>
/// </example>
public sealed class PageSelection
{
    private readonly SelectionMode _mode;
    private readonly int[] _pages;
    private readonly int _count;
    private readonly int _minimumPageCount;

    private PageSelection(SelectionMode mode, int[] pages, int count, int minimumPageCount)
    {
        _mode = mode;
        _pages = pages;
        _count = count;
        _minimumPageCount = minimumPageCount;
    }

    private enum SelectionMode
    {
        Keep,
        Remove,
        First,
    }

    /// <summary>Sends only these pages.</summary>
    /// <param name="pages">1-based page numbers; negative ones count from the end (<c>-1</c> is the last page).</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pages"/> is null.</exception>
    /// <exception cref="ArgumentException">No page is named, or one is <c>0</c>.</exception>
    public static PageSelection Keep(params int[] pages) => new(SelectionMode.Keep, Check(pages, nameof(pages)), 0, 0);

    /// <summary>Sends every page but these.</summary>
    /// <param name="pages">1-based page numbers; negative ones count from the end (<c>-1</c> is the last page).</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pages"/> is null.</exception>
    /// <exception cref="ArgumentException">No page is named, or one is <c>0</c>.</exception>
    public static PageSelection Remove(params int[] pages) => new(SelectionMode.Remove, Check(pages, nameof(pages)), 0, 0);

    /// <summary>Sends the first <paramref name="count"/> pages; a document with fewer pages is sent whole.</summary>
    /// <param name="count">How many pages, at least 1.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static PageSelection First(int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Send at least the first page: the count must be 1 or more.");
        }

        return new(SelectionMode.First, [], count, 0);
    }

    /// <summary>
    /// This selection, applied only to documents of at least <paramref name="pages"/> pages; shorter
    /// documents are sent unchanged, byte for byte (not rewritten).
    /// </summary>
    /// <param name="pages">The smallest page count the selection applies to, at least 1.</param>
    /// <returns>A new selection; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pages"/> is less than 1.</exception>
    public PageSelection WhenPageCountAtLeast(int pages)
    {
        if (pages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pages), pages, "A page count threshold must be 1 or more.");
        }

        return new(_mode, _pages, _count, pages);
    }

    /// <summary>The selection in words, such as <c>pages 1, -1</c>.</summary>
    /// <returns>A short description.</returns>
    public override string ToString()
    {
        var what = _mode switch
        {
            SelectionMode.Keep => (_pages.Length == 1 ? "page " : "pages ") + List(_pages),
            SelectionMode.Remove => "every page but " + List(_pages),
            _ => _count == 1 ? "the first page" : $"the first {_count.ToString(CultureInfo.InvariantCulture)} pages",
        };
        return _minimumPageCount > 0
            ? $"{what}, when the document has at least {_minimumPageCount.ToString(CultureInfo.InvariantCulture)} pages"
            : what;
    }

    /// <summary>
    /// The 1-based pages to send from a document of <paramref name="pageCount"/> pages, in document
    /// order, each once; null when the document goes unchanged (below the threshold, or every page kept).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A page is past the document's end.</exception>
    /// <exception cref="ArgumentException">The selection keeps no page.</exception>
    internal int[]? Resolve(int pageCount, string documentName)
    {
        if (pageCount < _minimumPageCount)
        {
            return null;
        }

        int[] pages;
        switch (_mode)
        {
            case SelectionMode.First:
                pages = Enumerable.Range(1, Math.Min(_count, pageCount)).ToArray();
                break;
            case SelectionMode.Keep:
                pages = _pages.Select(p => Absolute(p, pageCount, documentName)).Distinct().OrderBy(p => p).ToArray();
                break;
            default:
                var removed = new HashSet<int>(_pages.Select(p => Absolute(p, pageCount, documentName)));
                pages = Enumerable.Range(1, pageCount).Where(p => !removed.Contains(p)).ToArray();
                break;
        }

        if (pages.Length == 0)
        {
            throw new ArgumentException(
                $"The document \"{documentName}\" has {Pages(pageCount)}; the selection ({this}) keeps none of them. Nothing was sent.", "input");
        }

        return pages.Length == pageCount ? null : pages;
    }

    private int Absolute(int page, int pageCount, string documentName)
    {
        int absolute = page > 0 ? page : pageCount + 1 + page;
        if (absolute < 1 || absolute > pageCount)
        {
            throw new ArgumentOutOfRangeException(
                "input",
                $"The document \"{documentName}\" has {Pages(pageCount)}; page {page.ToString(CultureInfo.InvariantCulture)} of the selection ({this}) is out of range " +
                $"(1 to {pageCount.ToString(CultureInfo.InvariantCulture)}, or -1 to -{pageCount.ToString(CultureInfo.InvariantCulture)} from the end). Nothing was sent.");
        }

        return absolute;
    }

    private static string Pages(int count) => count == 1 ? "1 page" : $"{count.ToString(CultureInfo.InvariantCulture)} pages";

    private static string List(int[] pages) => string.Join(", ", pages.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    private static int[] Check(int[] pages, string paramName)
    {
        ArgumentNullException.ThrowIfNull(pages, paramName);
        if (pages.Length == 0)
        {
            throw new ArgumentException("Name at least one page (1 is the first, -1 the last).", paramName);
        }

        if (Array.IndexOf(pages, 0) >= 0)
        {
            throw new ArgumentException("Page 0 does not exist: pages are numbered from 1, and -1 is the last.", paramName);
        }

        return (int[])pages.Clone();
    }
}
