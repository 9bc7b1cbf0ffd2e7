namespace Mindee.Ocr.Benchmarks;

/// <summary>What the upload sink answers: a job, as the service's enqueue does (202).</summary>
internal static class SinkJob
{
    public const string Json = """{"job":{"id":"bench-job","model_id":"bench-model","filename":"f.pdf","alias":null,"created_at":"2025-07-03T14:27:58.974451","completed_at":null,"status":"Processing","polling_url":"http://127.0.0.1/v2/jobs/bench-job","result_url":null,"webhooks":[],"error":null}}""";
}
