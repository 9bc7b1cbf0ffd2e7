using System.Collections.Generic;
using System.Threading;

namespace Mindee.Ocr;

/// <summary>A batch as the caller holds it: each enumeration runs it afresh, with a runner of its own.</summary>
internal sealed class BatchSequence(MindeeOcrClient client, OcrBatchOptions options, IAsyncEnumerable<OcrInput> inputs, int? total, CancellationToken cancellationToken)
    : IAsyncEnumerable<OcrBatchItem>
{
    public IAsyncEnumerator<OcrBatchItem> GetAsyncEnumerator(CancellationToken enumerationToken = default)
    {
        var runner = client.CreateBatch(options, total);
        return runner.RunAsync(inputs, cancellationToken, enumerationToken).GetAsyncEnumerator(CancellationToken.None);
    }
}
