using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>
/// A batch journal in a JSON-lines file: one line per event (<c>{"key":…,"state":"enqueued","jobId":…}</c>),
/// appended and flushed before the batch goes on, so a crash loses nothing that reached the
/// service. A torn last line (the process died while writing it) is ignored when the file is
/// opened again. One process at a time can use a journal: it is opened without sharing (another
/// process opening it gets an <see cref="IOException"/>).
/// </summary>
/// <example>
/// <code>
/// await using var journal = OcrBatchJournal.Open("batch.journal");
/// await foreach (var item in client.ProcessManyAsync(files, new OcrBatchOptions { Journal = journal }))
/// {
///     // a second run with the same journal skips what was done and waits for what was enqueued
/// }
/// </code>
/// </example>
public sealed class OcrBatchJournal : IOcrBatchJournal, IDisposable, IAsyncDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly Dictionary<string, OcrBatchJournalEntry> _entries;
    private readonly FileStream _file;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _disposed;

    private OcrBatchJournal(string path, Dictionary<string, OcrBatchJournalEntry> entries, FileStream file)
    {
        Path = path;
        _entries = entries;
        _file = file;
    }

    /// <summary>The journal file's full path.</summary>
    public string Path { get; }

    /// <summary>How many documents the journal knows.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Opens a journal file, creating it (and nothing else) when it does not exist.</summary>
    /// <param name="path">The file's path; its directory must exist.</param>
    /// <returns>The journal; dispose it when the batch is over.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the file is not a journal (a line other than the last is not an entry).</exception>
    /// <exception cref="IOException">The file cannot be opened, or another process is writing it.</exception>
    public static OcrBatchJournal Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var file = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.Asynchronous);
        try
        {
            var entries = new Dictionary<string, OcrBatchJournalEntry>(StringComparer.Ordinal);
            var bytes = new byte[file.Length];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = file.Read(bytes, read, bytes.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            int torn = Load(full, bytes.AsSpan(0, read), entries);
            if (torn >= 0)
            {
                // A torn last line (the writer died in the middle of it): cut it off, so the file stays a journal.
                file.SetLength(torn);
                file.Flush();
            }

            file.Seek(0, SeekOrigin.End);

            return new OcrBatchJournal(full, entries, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<OcrBatchJournalEntry?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_entries)
        {
            return new ValueTask<OcrBatchJournalEntry?>(_entries.TryGetValue(key, out var entry) ? entry : null);
        }
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(OcrBatchJournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Serialize(entry);
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await _file.WriteAsync(line.AsMemory(), CancellationToken.None).ConfigureAwait(false);
            await _file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_entries)
            {
                _entries[entry.Key] = entry;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _writing.Wait();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                _file.Dispose();
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Closes the file.</summary>
    /// <returns>A task that ends once the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _writing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                await _file.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The path and the number of documents known.</summary>
    /// <returns>Such as <c>Journal /data/batch.journal (120 documents)</c>.</returns>
    public override string ToString() => $"Journal {Path} ({ModelText.Count(Count, "document")})";

    /// <summary>Reads every entry; returns where a torn last line starts (-1 when there is none).</summary>
    private static int Load(string path, ReadOnlySpan<byte> bytes, Dictionary<string, OcrBatchJournalEntry> entries)
    {
        int lineNumber = 0;
        int offset = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0; // written by an editor, say
        while (offset < bytes.Length)
        {
            lineNumber++;
            var rest = bytes.Slice(offset);
            int end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest.Slice(0, end);
            int start = offset;
            offset = end < 0 ? bytes.Length : offset + end + 1;
            if (IsBlank(line))
            {
                continue;
            }

            if (TryParse(line, out var entry))
            {
                entries[entry.Key] = entry;
            }
            else if (end < 0)
            {
                return start;
            }
            else
            {
                throw new ArgumentException($"The journal \"{path}\" is damaged: line {lineNumber} is not a journal entry (only a torn last line is skipped).", nameof(path));
            }
        }

        return -1;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParse(ReadOnlySpan<byte> line, out OcrBatchJournalEntry entry)
    {
        entry = null!;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            string? key = null, jobId = null, state = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                switch (name)
                {
                    case "key": key = value; break;
                    case "jobId": jobId = value; break;
                    case "state": state = value; break;
                    default: reader.Skip(); break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || key is null)
            {
                return false;
            }

            OcrBatchJournalState? parsed = state switch
            {
                "enqueued" when jobId is not null => OcrBatchJournalState.Enqueued,
                "completed" => OcrBatchJournalState.Completed,
                "mayHaveBeenEnqueued" => OcrBatchJournalState.MayHaveBeenEnqueued,
                _ => null,
            };
            if (parsed is null)
            {
                return false;
            }

            entry = new OcrBatchJournalEntry { Key = key, State = parsed.Value, JobId = jobId };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] Serialize(OcrBatchJournalEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("key", entry.Key);
            writer.WriteString("state", entry.State switch
            {
                OcrBatchJournalState.Enqueued => "enqueued",
                OcrBatchJournalState.Completed => "completed",
                _ => "mayHaveBeenEnqueued",
            });
            if (entry.JobId is not null)
            {
                writer.WriteString("jobId", entry.JobId);
            }

            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
