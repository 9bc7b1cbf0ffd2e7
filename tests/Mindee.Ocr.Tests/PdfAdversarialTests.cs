using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mindee.Ocr.Harness;
using Mindee.Ocr.Pdf;
using Mindee.Ocr.Testing;
using Mindee.Ocr.Tests.TestSupport;
using Xunit;

namespace Mindee.Ocr.Tests;

/// <summary>
/// Adversarial inputs for page counting and selection: bad documents, extreme page numbers, odd
/// streams, re-enqueues, cancellation and concurrency. Whatever happens, a bad input is an
/// ArgumentException-family error naming the document, nothing reaches the service, no temporary
/// file is left behind and the caller's stream is not disposed.
/// </summary>
public sealed class PdfAdversarialTests : IDisposable
{
    private readonly FakeMindeeService _fake = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("mindee-ocr-pdf-adv-").FullName;
    private readonly string _temporary;

    public PdfAdversarialTests()
    {
        _temporary = Directory.CreateDirectory(Path.Combine(_folder, "temporary")).FullName;
    }

    public void Dispose()
    {
        _fake.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<string> BadDocuments => new(BadDocument.Keys);

    private static readonly Dictionary<string, Func<byte[]>> BadDocument = new()
    {
        ["empty"] = () => [],
        ["header only"] = () => "%PDF-"u8.ToArray(),
        ["header and version only"] = () => "%PDF-1.7\n"u8.ToArray(),
        ["truncated to half"] = () => TestPdfs.Numbered(3)[..(TestPdfs.Numbered(3).Length / 2)],
        ["truncated to 40 bytes"] = () => TestPdfs.Numbered(3)[..40],
        ["garbage after the header"] = () => [.. "%PDF-1.7\n"u8.ToArray(), .. Garbage(20_000)],
        ["a png named .pdf"] = () => Documents.Png(),
        ["no page tree"] = () => Assemble(["<< /Type /Catalog >>"], "/Root 1 0 R"),
        ["no catalog"] = () => Assemble(["<< /Type /Pages /Kids [] /Count 0 >>"], string.Empty),
        ["zero pages"] = () => Assemble(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"], "/Root 1 0 R"),
        ["a page tree that contains itself"] = () => Assemble(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"], "/Root 1 0 R"),
        ["a count of int.MaxValue"] = () => Assemble(
            ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"], "/Root 1 0 R"),
        ["a negative count"] = () => Assemble(
            ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count -5 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"], "/Root 1 0 R"),
        ["a kid that is not a page"] = () => Assemble(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [1 0 R] /Count 1 >>"], "/Root 1 0 R"),
        ["encrypted"] = TestPdfs.Encrypted,
    };

    private static readonly PageSelection[] Selections =
        [PageSelection.First(1), PageSelection.Keep(1), PageSelection.Keep(-1), PageSelection.Remove(1), PageSelection.Remove(-1), PageSelection.Keep(1).WhenPageCountAtLeast(2)];

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_bad_document_is_an_argument_error_naming_it_and_nothing_is_sent_nor_left_behind(string what)
    {
        var bytes = BadDocument[what]();
        var path = Path.Combine(_folder, "bad.pdf");
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        foreach (var selection in Selections)
        {
            foreach (var (input, stream) in Inputs(bytes, path))
            {
                var sentBefore = _fake.Enqueues.Count;
                var error = await Record(() => EnqueueAsync(input.WithPages(selection)));
                if (error is not null)
                {
                    var argument = Assert.IsAssignableFrom<ArgumentException>(error);
                    Assert.Contains("bad.pdf", argument.Message, StringComparison.Ordinal);
                    Assert.Equal(sentBefore, _fake.Enqueues.Count);
                    if (stream is { Seekable: true })
                    {
                        Assert.Equal(0, stream.Position); // nothing was sent: the caller's stream is where it was
                    }
                }
                else
                {
                    // A lenient parser may recover a damaged document; what it sends then is a PDF.
                    Assert.Equal(sentBefore + 1, _fake.Enqueues.Count);
                }

                Assert.Empty(Directory.GetFiles(_temporary));
                Assert.False(stream?.WasDisposed ?? false, "the caller's stream is not disposed");
            }

            foreach (var (input, stream) in Inputs(bytes, path))
            {
                var error = await Record(() => CountAsync(input));
                if (error is not null)
                {
                    var argument = Assert.IsAssignableFrom<ArgumentException>(error);
                    Assert.Contains("bad.pdf", argument.Message, StringComparison.Ordinal);
                }

                Assert.Empty(Directory.GetFiles(_temporary));
                Assert.False(stream?.WasDisposed ?? false, "the caller's stream is not disposed");
            }
        }
    }

    [Fact]
    public async Task A_count_the_document_cannot_hold_is_refused_and_never_allocated()
    {
        // /Count 2147483647 over a single page: Remove(-1) must not build a 2-billion-entry page list.
        var bytes = BadDocument["a count of int.MaxValue"]();
        var count = await Record(() => CountAsync(OcrInput.FromBytes(bytes, "bad.pdf")));
        var error = await Record(() => EnqueueAsync(OcrInput.FromBytes(bytes, "bad.pdf").WithPages(PageSelection.Remove(-1))));

        Assert.True(count is null or ArgumentException, $"count: {count}");
        Assert.True(error is null or ArgumentException, $"selection: {error}");
    }

    public static TheoryData<int[], int> OutOfRange => new()
    {
        { [int.MaxValue], 3 },
        { [int.MinValue], 3 },
        { [-int.MaxValue], 3 },
        { [4], 3 },
        { [-4], 3 },
        { [1, 4], 3 },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task An_extreme_page_number_is_an_argument_error_with_the_page_count_and_nothing_is_sent(int[] pages, int pageCount)
    {
        foreach (var selection in new[] { PageSelection.Keep(pages), PageSelection.Remove(pages) })
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => EnqueueAsync(OcrInput.FromBytes(TestPdfs.Numbered(pageCount), "three.pdf").WithPages(selection)));

            Assert.Contains("\"three.pdf\" has 3 pages", error.Message, StringComparison.Ordinal);
            Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_fake.Enqueues);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 })]
    [InlineData(new[] { -1, -2, -3 })]
    [InlineData(new[] { 1, -1, 2, -2, 3, -3, 1 })]
    public async Task Removing_every_page_is_an_argument_error_and_nothing_is_sent(int[] pages)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => EnqueueAsync(OcrInput.FromBytes(TestPdfs.Numbered(3), "three.pdf").WithPages(PageSelection.Remove(pages))));

        Assert.Contains("keeps none of them", error.Message, StringComparison.Ordinal);
        Assert.Contains("three.pdf", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Enqueues);
    }

    [Fact]
    public void Selections_that_cannot_exist_are_refused_when_made()
    {
        Assert.Throws<ArgumentException>(() => PageSelection.Keep());
        Assert.Throws<ArgumentException>(() => PageSelection.Remove());
        Assert.Throws<ArgumentNullException>(() => PageSelection.Keep(null!));
        Assert.Throws<ArgumentException>(() => PageSelection.Keep(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageSelection.First(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageSelection.First(int.MinValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageSelection.First(1).WhenPageCountAtLeast(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageSelection.First(1).WhenPageCountAtLeast(int.MinValue));
        Assert.Throws<ArgumentNullException>(() => OcrInput.FromBytes(TestPdfs.Numbered(1), "a.pdf").WithPages(null!));
        Assert.Throws<ArgumentException>(() => OcrInput.FromBase64("JVBERi0=", "a.pdf").WithPages(PageSelection.First(1)));
        Assert.Throws<ArgumentException>(() => OcrInput.FromUrl(new Uri("https://example.com/a.pdf")).WithPages(PageSelection.First(1)));
    }

    [Fact]
    public async Task The_caller_s_array_is_copied_so_changing_it_later_changes_nothing()
    {
        int[] pages = [1];
        var selection = PageSelection.Keep(pages);
        pages[0] = 0;

        Assert.Equal(1, await SentPageCountAsync(OcrInput.FromBytes(TestPdfs.Numbered(3), "three.pdf").WithPages(selection)));
    }

    [Theory]
    [InlineData(new[] { 1, 1, -3 }, 1)]
    [InlineData(new[] { 2, -2, 2, 2 }, 1)]
    public async Task Duplicates_send_each_page_once(int[] pages, int expected)
    {
        Assert.Equal(expected, await SentPageCountAsync(OcrInput.FromBytes(TestPdfs.Numbered(3), "three.pdf").WithPages(PageSelection.Keep(pages))));
    }

    [Theory]
    [InlineData("keep all")]
    [InlineData("first max")]
    [InlineData("threshold max")]
    [InlineData("threshold above")]
    public async Task Selections_that_keep_everything_send_the_bytes_unchanged(string what)
    {
        var original = TestPdfs.Numbered(3);
        var selection = what switch
        {
            "keep all" => PageSelection.Keep(3, 2, 1, -1),
            "first max" => PageSelection.First(int.MaxValue),
            "threshold max" => PageSelection.First(1).WhenPageCountAtLeast(int.MaxValue),
            _ => PageSelection.Remove(1).WhenPageCountAtLeast(4),
        };

        await EnqueueAsync(OcrInput.FromBytes(original, "three.pdf").WithPages(selection));

        Assert.Equal(original.Length, Assert.Single(_fake.Enqueues).ByteCount);
    }

    [Fact]
    public async Task At_exactly_the_threshold_the_selection_applies_and_one_below_it_does_not()
    {
        var three = TestPdfs.Numbered(3);

        await EnqueueAsync(OcrInput.FromBytes(three, "three.pdf").WithPages(PageSelection.Remove(-1).WhenPageCountAtLeast(3)));
        await EnqueueAsync(OcrInput.FromBytes(three, "three.pdf").WithPages(PageSelection.Remove(-1).WhenPageCountAtLeast(4)));

        Assert.NotEqual(three.Length, _fake.Enqueues[0].ByteCount);
        Assert.Equal(three.Length, _fake.Enqueues[1].ByteCount);
    }

    [Fact]
    public async Task A_seekable_stream_in_the_middle_is_read_from_there_and_left_open()
    {
        var pdf = TestPdfs.Numbered(4);
        var stream = new TrackingStream([.. Garbage(1000), .. pdf]) { Position = 1000 };
        var input = OcrInput.FromStream(stream, "scan.pdf").WithPages(PageSelection.Keep(2, 3));

        // Counting a selected stream input leaves the stream where it was, so it can then be sent.
        Assert.Equal(2, await CountAsync(input));
        Assert.Equal(1000, stream.Position);
        await EnqueueAsync(input);

        Assert.Equal(stream.Length, stream.Position);
        Assert.InRange(Assert.Single(_fake.Enqueues).ByteCount, 1, pdf.Length - 1);

        Assert.False(stream.WasDisposed);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task A_seekable_stream_positioned_past_a_non_pdf_start_is_refused()
    {
        var stream = new TrackingStream(TestPdfs.Numbered(4)) { Position = 1 };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => EnqueueAsync(OcrInput.FromStream(stream, "scan.pdf").WithPages(PageSelection.First(1))));

        Assert.Contains("scan.pdf", error.Message, StringComparison.Ordinal);
        Assert.False(stream.WasDisposed);
        Assert.Equal(1, stream.Position); // nothing was sent: the caller's stream is where it was
        Assert.Empty(_fake.Enqueues);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task A_forward_only_stream_that_fails_mid_read_gives_its_own_error_and_leaves_no_file()
    {
        var stream = new FailingStream(TestPdfs.Numbered(3), failAfter: 300);

        var error = await Assert.ThrowsAsync<IOException>(() => EnqueueAsync(OcrInput.FromStream(stream, "pipe.pdf").WithPages(PageSelection.First(1))));

        Assert.Equal("The caller's disk failed.", error.Message);
        Assert.Empty(_fake.Enqueues);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task A_seekable_stream_that_fails_mid_parse_gives_its_own_error_not_a_damaged_pdf()
    {
        // Core rule: an I/O error of the caller's stream reaches the caller unchanged; it is not the document's fault.
        var stream = new TrackingStream(TestPdfs.Numbered(3)) { FailReadsAfter = 200 };

        var error = await Assert.ThrowsAsync<IOException>(() => EnqueueAsync(OcrInput.FromStream(stream, "disk.pdf").WithPages(PageSelection.First(1))));

        Assert.Equal("The caller's disk failed.", error.Message);
        Assert.Empty(_fake.Enqueues);
        Assert.Empty(Directory.GetFiles(_temporary));
        Assert.False(stream.WasDisposed);
    }

    [Fact]
    public async Task A_stream_disposed_after_the_input_was_made_is_a_clear_error_and_nothing_is_sent()
    {
        var stream = new MemoryStream(TestPdfs.Numbered(3));
        var input = OcrInput.FromStream(stream, "gone.pdf").WithPages(PageSelection.First(1));
        await stream.DisposeAsync();

        var error = await Record(() => EnqueueAsync(input));

        Assert.True(error is ArgumentException or ObjectDisposedException, $"got {error}");
        Assert.Empty(_fake.Enqueues);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task Bytes_and_file_inputs_can_be_enqueued_twice_with_the_same_result()
    {
        var path = Path.Combine(_folder, "five.pdf");
        await File.WriteAllBytesAsync(path, TestPdfs.Numbered(5), TestContext.Current.CancellationToken);
        var file = OcrInput.FromFile(path).WithPages(PageSelection.Keep(1, -1));
        var bytes = OcrInput.FromBytes(TestPdfs.Numbered(5), "five.pdf").WithPages(PageSelection.Keep(1, -1));

        await EnqueueAsync(file);
        await EnqueueAsync(file);
        await EnqueueAsync(bytes);
        await EnqueueAsync(bytes);

        Assert.Equal(4, _fake.Enqueues.Count);
        Assert.Single(_fake.Enqueues.Select(e => e.ByteCount).Distinct());
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task A_stream_input_enqueued_again_after_it_was_read_is_a_clear_error_saying_so()
    {
        var stream = new TrackingStream(TestPdfs.Numbered(5));
        var input = OcrInput.FromStream(stream, "once.pdf").WithPages(PageSelection.Keep(1));
        await EnqueueAsync(input);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => EnqueueAsync(input));

        Assert.Contains("once.pdf", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a PDF", error.Message, StringComparison.Ordinal); // it is one; there is just nothing left to read
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.Single(_fake.Enqueues);
        Assert.False(stream.WasDisposed);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task The_same_selected_input_enqueued_concurrently_sends_the_same_pages_each_time()
    {
        var path = Path.Combine(_folder, "eight.pdf");
        await File.WriteAllBytesAsync(path, TestPdfs.Numbered(8), TestContext.Current.CancellationToken);
        var file = OcrInput.FromFile(path).WithPages(PageSelection.Keep(2, -2));
        var bytes = OcrInput.FromBytes(TestPdfs.Numbered(8), "eight.pdf").WithPages(PageSelection.Keep(2, -2));
        TemporaryFiles.FolderOverride.Value = _temporary;
        var client = _fake.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(
            () => client.EnqueueAsync(i % 2 == 0 ? file : bytes, cancellationToken: TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        Assert.Equal(16, _fake.Enqueues.Count);
        Assert.Single(_fake.Enqueues.Select(e => e.ByteCount).Distinct());
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Fact]
    public async Task A_token_cancelled_before_the_enqueue_stops_it_and_nothing_is_sent_nor_left_behind()
    {
        var path = Path.Combine(_folder, "five.pdf");
        await File.WriteAllBytesAsync(path, TestPdfs.Numbered(5), TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        TemporaryFiles.FolderOverride.Value = _temporary;
        var client = _fake.CreateClient();

        foreach (var input in new[] { OcrInput.FromFile(path), OcrInput.FromBytes(TestPdfs.Numbered(5), "five.pdf"), OcrInput.FromStream(new ForwardOnlyStream(new MemoryStream(TestPdfs.Numbered(5))), "pipe.pdf") })
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.EnqueueAsync(input.WithPages(PageSelection.Keep(1)), cancellationToken: cancelled.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PdfPages.CountAsync(input, cancelled.Token));
        }

        Assert.Empty(_fake.Enqueues);
        Assert.Empty(Directory.GetFiles(_temporary));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_token_cancelled_while_the_document_is_read_stops_the_selection_and_deletes_its_files(bool seekable)
    {
        using var cts = new CancellationTokenSource();
        var stream = new TrackingStream(TestPdfs.Numbered(20)) { CancelAfter = (200, cts), Seekable = seekable };
        TemporaryFiles.FolderOverride.Value = _temporary;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _fake.CreateClient().EnqueueAsync(OcrInput.FromStream(stream, "slow.pdf").WithPages(PageSelection.Keep(1, -1)), cancellationToken: cts.Token));

        Assert.Empty(_fake.Enqueues);
        Assert.Empty(Directory.GetFiles(_temporary));
        Assert.False(stream.WasDisposed);
    }

    private static IEnumerable<(OcrInput Input, TrackingStream? Stream)> Inputs(byte[] bytes, string path)
    {
        yield return (OcrInput.FromBytes(bytes, "bad.pdf"), null);
        yield return (OcrInput.FromFile(path), null);
        var seekable = new TrackingStream(bytes);
        yield return (OcrInput.FromStream(seekable, "bad.pdf"), seekable);
        var forward = new TrackingStream(bytes) { Seekable = false };
        yield return (OcrInput.FromStream(forward, "bad.pdf"), forward);
    }

    private async Task EnqueueAsync(OcrInput input)
    {
        TemporaryFiles.FolderOverride.Value = _temporary;
        await _fake.CreateClient().EnqueueAsync(input, cancellationToken: TestContext.Current.CancellationToken);
    }

    private async Task<int> CountAsync(OcrInput input)
    {
        TemporaryFiles.FolderOverride.Value = _temporary;
        return await PdfPages.CountAsync(input, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends the input and counts the pages of what was sent, by counting it again through the same package.</summary>
    private async Task<int> SentPageCountAsync(OcrInput input)
    {
        TemporaryFiles.FolderOverride.Value = _temporary;
        int pages = await PdfPages.CountAsync(input, TestContext.Current.CancellationToken);
        await EnqueueAsync(input);
        return pages;
    }

    private static async Task<Exception?> Record(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(16).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A PDF from its objects' bodies (numbered from 1) and the trailer's entries, with a correct cross-reference table.</summary>
    private static byte[] Assemble(string[] objects, string trailer)
    {
        var text = new StringBuilder("%PDF-1.4\n");
        var offsets = new int[objects.Length];
        for (int i = 0; i < objects.Length; i++)
        {
            offsets[i] = text.Length;
            text.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        text.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} {trailer} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// A caller's stream over some bytes: seekable or not, it can fail or cancel a token after some
    /// bytes were read, and remembers whether it was disposed.
    /// </summary>
    private sealed class TrackingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public bool WasDisposed { get; private set; }

        public bool Seekable { get; init; } = true;

        public int FailReadsAfter { get; init; } = int.MaxValue;

        public (int After, CancellationTokenSource Source)? CancelAfter { get; init; }

        public override bool CanSeek => Seekable && base.CanSeek;

        public override long Length => Seekable ? base.Length : throw new NotSupportedException();

        public override long Position
        {
            get => Seekable ? base.Position : throw new NotSupportedException();
            set => base.Position = Seekable ? value : throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => Seekable ? base.Seek(offset, loc) : throw new NotSupportedException();

        public override int Read(Span<byte> buffer)
        {
            var chunk = new byte[Math.Min(buffer.Length, 64)];
            int n = Read(chunk, 0, chunk.Length);
            chunk.AsSpan(0, n).CopyTo(buffer);
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (base.Position >= FailReadsAfter)
            {
                throw new IOException("The caller's disk failed.");
            }

            if (CancelAfter is { } cancel && base.Position >= cancel.After)
            {
                cancel.Source.Cancel();
            }

            return base.Read(buffer, offset, Math.Min(count, 64));
        }

        public override int ReadByte()
        {
            Span<byte> one = stackalloc byte[1];
            return Read(one) == 0 ? -1 : one[0];
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) => CopyThrough(destination, bufferSize, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            WasDisposed = true;
            base.Dispose(disposing);
        }

        private async Task CopyThrough(Stream destination, int bufferSize, CancellationToken cancellationToken)
        {
            var buffer = new byte[bufferSize];
            int n;
            while ((n = await ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            }
        }
    }
}
