using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Mindee.Ocr;

/// <summary>A synchronous input sequence read as an asynchronous one, one input at a time, when the batch asks.</summary>
internal sealed class SyncInputs(IEnumerable<OcrInput> inputs) : IAsyncEnumerable<OcrInput>
{
    public IAsyncEnumerator<OcrInput> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(inputs.GetEnumerator(), cancellationToken);

    private sealed class Enumerator(IEnumerator<OcrInput> inner, CancellationToken cancellationToken) : IAsyncEnumerator<OcrInput>
    {
        public OcrInput Current => inner.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ValueTask<bool>(inner.MoveNext());
        }

        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return default;
        }
    }
}
