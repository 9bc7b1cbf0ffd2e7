using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Mindee.Ocr.Harness;

/// <summary>
/// PDFs written for the page selection tests and benchmark (linked into both): every page says its
/// own number ("Page 7"), so a PDF read back tells which pages it holds, in which order.
/// </summary>
public static class TestPdfs
{
    /// <summary>A small PDF of <paramref name="pages"/> pages of text.</summary>
    public static byte[] Numbered(int pages)
    {
        using var output = new MemoryStream();
        Write(output, pages, imageBytesPerPage: 0, seed: 0);
        return output.ToArray();
    }

    /// <summary>
    /// A PDF whose pages also carry an image of <paramref name="imageBytesPerPage"/> random (so
    /// incompressible) bytes each: 100 pages of 500,000 bytes make the ~50 MB benchmark document.
    /// </summary>
    public static void WriteLarge(Stream target, int pages, int imageBytesPerPage, int seed = 42) => Write(target, pages, imageBytesPerPage, seed);

    /// <summary>The number each page of a PDF says it is, in order.</summary>
    public static int[] PageNumbers(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => int.Parse(p.Text.Replace("Page", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>
    /// A PDF whose trailer says it is encrypted (standard security handler) with a user password
    /// that is not empty: it cannot be opened without that password.
    /// </summary>
    public static byte[] Encrypted()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            $"<< /Filter /Standard /V 1 /R 2 /O <{Hex(32, 1)}> /U <{Hex(32, 2)}> /P -4 >>",
        ];
        return Assemble(objects, $"/Root 1 0 R /Encrypt 4 0 R /ID [<{Hex(16, 3)}> <{Hex(16, 3)}>]");
    }

    private static void Write(Stream output, int pages, int imageBytesPerPage, int seed)
    {
        var random = new Random(seed);
        using (var builder = new PdfDocumentBuilder(output, disposeStream: false))
        {
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            for (int n = 1; n <= pages; n++)
            {
                var page = builder.AddPage(595, 842);
                page.AddText("Page " + n.ToString(CultureInfo.InvariantCulture), 24, new PdfPoint(72, 760), font);
                if (imageBytesPerPage > 0)
                {
                    page.AddJpeg(RandomJpeg(random, imageBytesPerPage), new PdfRectangle(72, 72, 523, 700));
                }
            }

            builder.Build();
        }
    }

    /// <summary>A JPEG header (start of image, a baseline frame of 64×64 RGB) followed by random bytes: a reader sees a JPEG, no compressor can shrink it.</summary>
    private static byte[] RandomJpeg(Random random, int size)
    {
        byte[] head = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x40, 0x00, 0x40, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
        var bytes = new byte[Math.Max(size, head.Length + 2)];
        random.NextBytes(bytes);
        head.CopyTo(bytes, 0);
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }

    private static string Hex(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return Convert.ToHexString(bytes);
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
}
