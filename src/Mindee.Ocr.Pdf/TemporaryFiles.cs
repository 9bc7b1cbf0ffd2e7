using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr.Pdf;

/// <summary>
/// The temporary files page selection writes: in the system's temporary folder, readable by this
/// process only while open, and deleted when closed (<see cref="FileOptions.DeleteOnClose"/>).
/// </summary>
internal static class TemporaryFiles
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Where the files go in the current async flow, when a test wants to watch them; else the system's temporary folder.</summary>
    internal static AsyncLocal<string?> FolderOverride { get; } = new();

    public static FileStream Create()
    {
        var folder = FolderOverride.Value ?? Path.GetTempPath();
        var path = Path.Combine(folder, $"mindee-ocr-pages-{Guid.NewGuid():N}.pdf");
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.DeleteOnClose);
    }

    /// <summary>Copies the rest of <paramref name="source"/> into a new temporary file, positioned at its start.</summary>
    public static async Task<FileStream> CopyAsync(Stream source, CancellationToken cancellationToken)
    {
        var file = Create();
        try
        {
            await source.CopyToAsync(file, BufferSize, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
