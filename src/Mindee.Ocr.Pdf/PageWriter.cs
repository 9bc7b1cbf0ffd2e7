using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using UglyToad.PdfPig.Writer;

namespace Mindee.Ocr.Pdf;

/// <summary>Writes the chosen pages of a parsed PDF into a new one, in a temporary file.</summary>
internal static class PageWriter
{
    /// <summary>A temporary file (deleted when closed) holding the pages, positioned at its start.</summary>
    /// <exception cref="ArgumentException">A page cannot be read (a damaged document).</exception>
    public static Task<FileStream> WriteAsync(PdfSource source, int[] pages, CancellationToken cancellationToken)
    {
        var document = source.Document ?? throw new InvalidOperationException("The document is not parsed yet.");
        var file = TemporaryFiles.Create();
        try
        {
            using (var builder = new PdfDocumentBuilder(file, disposeStream: false))
            {
                foreach (var page in pages)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    builder.AddPage(document, page);
                }

                builder.Build();
            }

            file.Flush();
            file.Position = 0;
            return Task.FromResult(file);
        }
        catch (Exception ex)
        {
            file.Dispose();
            if (PdfSource.IsOwnFailure(ex))
            {
                throw;
            }

            throw source.Unreadable(ex);
        }
    }
}
