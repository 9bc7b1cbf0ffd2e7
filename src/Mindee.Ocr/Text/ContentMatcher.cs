using System;
using System.Buffers;
using System.Text;

namespace Mindee.Ocr;

/// <summary>
/// Finds each word of a page in the page's content, so the content's <c>\n</c>-separated parts
/// (the service's blocks) can be given their words. Both sides are compared without white space,
/// in Unicode normalization form KC and upper case, so differing spaces, composed or decomposed
/// accents and ligatures do not stand in the way. A word the content lacks stays with the words
/// around it; content the words lack is skipped.
/// </summary>
internal sealed class ContentMatcher : IDisposable
{
    // How far ahead of where the content was reached a word is looked for: past content the
    // words lack (a line, a stamp), not so far that a short word is found in a distant part.
    private const int LookAhead = 256;

    private char[] _content = [];
    private int[] _contentStart = [];
    private int[] _contentEnd = [];
    private int[] _contentPart = [];
    private int _contentLength;

    private char[] _words = [];
    private int[] _wordAt = [];
    private int[] _wordLength = [];
    private int _wordCount;

    private ContentMatcher()
    {
    }

    /// <summary>For each word, the index of its content part (unmatched words: the part of the word before them).</summary>
    public int[] Part { get; private set; } = [];

    /// <summary>For each word, where its text starts in the content; -1 when the content does not spell it.</summary>
    public int[] Start { get; private set; } = [];

    /// <summary>For each word, where its text ends in the content (exclusive); -1 when the content does not spell it.</summary>
    public int[] End { get; private set; } = [];

    /// <summary>How many words the content spells.</summary>
    public int Matched { get; private set; }

    /// <summary>
    /// Matches the words to the content; null when the two disagree beyond repair (fewer than
    /// half of the words found) or the content is empty. Dispose the result to return its buffers.
    /// </summary>
    public static ContentMatcher? Match(string content, ItemList<OcrWord> words)
    {
        var matcher = new ContentMatcher();
        try
        {
            matcher.ReadContent(content);
            if (matcher._contentLength == 0)
            {
                matcher.Dispose();
                return null;
            }

            matcher.ReadWords(words);
            matcher.Align(words.Count);
            if (matcher.Matched * 2 < words.Count)
            {
                matcher.Dispose();
                return null;
            }

            return matcher;
        }
        catch
        {
            matcher.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Return(_content);
        Return(_contentStart);
        Return(_contentEnd);
        Return(_contentPart);
        Return(_words);
        Return(_wordAt);
        Return(_wordLength);
        Return(Part);
        Return(Start);
        Return(End);
        _content = _words = [];
        _contentStart = _contentEnd = _contentPart = _wordAt = _wordLength = [];
        Part = Start = End = [];
    }

    private static void Return<T>(T[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    private void ReadContent(string content)
    {
        _content = ArrayPool<char>.Shared.Rent(Math.Max(content.Length, 16));
        _contentStart = ArrayPool<int>.Shared.Rent(_content.Length);
        _contentEnd = ArrayPool<int>.Shared.Rent(_content.Length);
        _contentPart = ArrayPool<int>.Shared.Rent(_content.Length);
        int part = 0;
        int i = 0;
        while (i < content.Length)
        {
            char c = content[i];
            if (c == '\n')
            {
                part++;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int tokenStart = i;
            bool ascii = true;
            while (i < content.Length && !char.IsWhiteSpace(content[i]))
            {
                ascii &= content[i] < 0x80;
                i++;
            }

            var normalized = ascii ? null : Normalize(content.Substring(tokenStart, i - tokenStart));
            if (normalized is null || normalized.Length == i - tokenStart && string.CompareOrdinal(normalized, 0, content, tokenStart, normalized.Length) == 0)
            {
                for (int k = tokenStart; k < i; k++)
                {
                    AppendContent(Fold(content[k]), k, k + 1, part);
                }
            }
            else
            {
                // Normalization changed the token's length: its characters all stand for the whole token.
                foreach (char n in normalized)
                {
                    if (!char.IsWhiteSpace(n))
                    {
                        AppendContent(Fold(n), tokenStart, i, part);
                    }
                }
            }
        }
    }

    private void AppendContent(char c, int start, int end, int part)
    {
        if (_contentLength == _content.Length)
        {
            Grow(ref _content);
            Grow(ref _contentStart);
            Grow(ref _contentEnd);
            Grow(ref _contentPart);
        }

        _content[_contentLength] = c;
        _contentStart[_contentLength] = start;
        _contentEnd[_contentLength] = end;
        _contentPart[_contentLength] = part;
        _contentLength++;
    }

    private static void Grow<T>(ref T[] array)
    {
        var larger = ArrayPool<T>.Shared.Rent(array.Length * 2);
        Array.Copy(array, larger, array.Length);
        ArrayPool<T>.Shared.Return(array);
        array = larger;
    }

    private void ReadWords(ItemList<OcrWord> words)
    {
        int n = _wordCount = words.Count;
        _wordAt = ArrayPool<int>.Shared.Rent(n);
        _wordLength = ArrayPool<int>.Shared.Rent(n);
        Part = ArrayPool<int>.Shared.Rent(n);
        Start = ArrayPool<int>.Shared.Rent(n);
        End = ArrayPool<int>.Shared.Rent(n);
        _words = ArrayPool<char>.Shared.Rent(Math.Max(_contentLength + 16, 16));
        int length = 0;
        for (int w = 0; w < n; w++)
        {
            var text = words[w].Content;
            bool ascii = true;
            foreach (char c in text)
            {
                ascii &= c < 0x80;
            }

            var normalized = ascii ? text : Normalize(text) ?? text;
            _wordAt[w] = length;
            foreach (char c in normalized)
            {
                if (char.IsWhiteSpace(c))
                {
                    continue;
                }

                if (length == _words.Length)
                {
                    Grow(ref _words);
                }

                _words[length++] = Fold(c);
            }

            _wordLength[w] = length - _wordAt[w];
        }
    }

    private void Align(int wordCount)
    {
        var content = new ReadOnlySpan<char>(_content, 0, _contentLength);
        int at = 0; // how far the content has been read
        int lastPart = 0;
        for (int w = 0; w < wordCount; w++)
        {
            var word = WordText(w);
            int found = -1;
            if (word.Length > 0)
            {
                if (StartsAt(content, at, word))
                {
                    found = at;
                }
                else if (!NextWordStartsAt(content, w, at))
                {
                    found = FindAhead(content, at, word, w);
                }
            }

            if (found < 0)
            {
                // A word the content lacks: it stays with the word before it.
                Part[w] = w > 0 || at >= _contentLength ? lastPart : _contentPart[at];
                Start[w] = End[w] = -1;
                lastPart = Part[w];
                continue;
            }

            int last = found + word.Length - 1;
            Part[w] = lastPart = _contentPart[found];
            Start[w] = _contentStart[found];
            End[w] = _contentPart[last] == lastPart ? _contentEnd[last] : _contentEnd[found];
            at = found + word.Length;
            Matched++;
        }
    }

    private ReadOnlySpan<char> WordText(int w) => new(_words, _wordAt[w], _wordLength[w]);

    private static bool StartsAt(ReadOnlySpan<char> content, int at, ReadOnlySpan<char> word) =>
        at + word.Length <= content.Length && content.Slice(at, word.Length).SequenceEqual(word);

    private bool NextWordStartsAt(ReadOnlySpan<char> content, int w, int at)
    {
        for (int next = w + 1; next < _wordCount; next++)
        {
            var word = WordText(next);
            if (word.Length > 0)
            {
                return StartsAt(content, at, word);
            }
        }

        return false;
    }

    private int FindAhead(ReadOnlySpan<char> content, int at, ReadOnlySpan<char> word, int w)
    {
        if (at >= content.Length)
        {
            return -1;
        }

        var window = content.Slice(at, Math.Min(LookAhead + word.Length, content.Length - at));
        int offset = 0;
        while (true)
        {
            int index = window.Slice(offset).IndexOf(word);
            if (index < 0)
            {
                return -1;
            }

            int found = at + offset + index;

            // A short word ("a", "1") is common: found ahead, it counts only when the word after it follows.
            if (word.Length >= 3 || w + 1 >= _wordCount || StartsAt(content, found + word.Length, WordText(w + 1)))
            {
                return found;
            }

            offset += index + 1;
        }
    }

    private static char Fold(char c) => char.ToUpperInvariant(c);

    private static string? Normalize(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or ArgumentException)
        {
            // Invariant-globalization builds cannot normalize; ill-formed UTF-16 cannot be normalized.
            return null;
        }
    }
}
