using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// Where a batch records each document's progress, so a later run with the same journal never
/// sends a document twice. <see cref="OcrBatchJournal"/> keeps it in a JSON-lines file; implement
/// this to keep it elsewhere (a database shared by workers). Implementations must be thread-safe.
/// </summary>
public interface IOcrBatchJournal
{
    /// <summary>The latest entry for <paramref name="key"/>, or null when the journal has none.</summary>
    /// <param name="key">The document's key.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The entry, or null.</returns>
    ValueTask<OcrBatchJournalEntry?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Records an entry durably before returning: it replaces any earlier one for its key.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the recording.</param>
    /// <returns>A task that ends once the entry is recorded.</returns>
    ValueTask RecordAsync(OcrBatchJournalEntry entry, CancellationToken cancellationToken = default);
}
