using System;

namespace Mindee.Ocr.Testing;

/// <summary>
/// What the fake service does with one enqueued document: how long it processes, what it returns,
/// or how it fails. Build one with the static methods; combine with <c>with</c>.
/// </summary>
public sealed record FakeJobScenario
{
    /// <summary>
    /// The result's pages (its ids, model, file name and alias are replaced by the job's, as the
    /// service's would be); null for a synthetic page made from the document's name.
    /// </summary>
    public OcrInference? Result { get; init; }

    /// <summary>How many polls answer <c>Processing</c> before the job is done.</summary>
    public int ProcessingPolls { get; init; }

    /// <summary>How long processing takes on the fake's <see cref="TimeProvider"/>; null to count in polls only.</summary>
    public TimeSpan? ProcessingTime { get; init; }

    /// <summary>When set, the job ends <see cref="JobStatus.Failed"/> with this problem.</summary>
    public MindeeProblem? JobFailure { get; init; }

    /// <summary>When set, the enqueue is answered with this error (and no job is made).</summary>
    public FakeHttpError? EnqueueError { get; init; }

    /// <summary>When set, the first polls are answered with this error before the protocol resumes.</summary>
    public FakeHttpError? PollError { get; init; }

    /// <summary>How many polls <see cref="PollError"/> answers.</summary>
    public int PollErrorCount { get; init; } = 1;

    /// <summary>When set, the first fetches of the result are answered with this error.</summary>
    public FakeHttpError? ResultError { get; init; }

    /// <summary>How many result fetches <see cref="ResultError"/> answers.</summary>
    public int ResultErrorCount { get; init; } = 1;

    /// <summary>Processed with <paramref name="result"/> (or a synthetic one) after <paramref name="processingPolls"/> polls.</summary>
    /// <param name="result">The result; null for a synthetic one.</param>
    /// <param name="processingPolls">Polls answered <c>Processing</c> first.</param>
    /// <returns>The scenario.</returns>
    public static FakeJobScenario Succeeds(OcrInference? result = null, int processingPolls = 0) =>
        new() { Result = result, ProcessingPolls = processingPolls };

    /// <summary>Processed after <paramref name="processingTime"/> on the fake's clock.</summary>
    /// <param name="processingTime">How long processing takes.</param>
    /// <param name="result">The result; null for a synthetic one.</param>
    /// <returns>The scenario.</returns>
    public static FakeJobScenario SucceedsAfter(TimeSpan processingTime, OcrInference? result = null) =>
        new() { Result = result, ProcessingTime = processingTime };

    /// <summary>The job fails with <paramref name="problem"/> after <paramref name="processingPolls"/> polls.</summary>
    /// <param name="problem">Why it fails.</param>
    /// <param name="processingPolls">Polls answered <c>Processing</c> first.</param>
    /// <returns>The scenario.</returns>
    public static FakeJobScenario Fails(MindeeProblem problem, int processingPolls = 0) =>
        new() { JobFailure = problem ?? throw new ArgumentNullException(nameof(problem)), ProcessingPolls = processingPolls };

    /// <summary>The enqueue is refused with an HTTP error (a 422, a 401, a 429 with <c>Retry-After</c>…).</summary>
    /// <param name="error">The error.</param>
    /// <returns>The scenario.</returns>
    public static FakeJobScenario RejectsEnqueue(FakeHttpError error) =>
        new() { EnqueueError = error ?? throw new ArgumentNullException(nameof(error)) };
}

/// <summary>An HTTP error the fake answers with: a status, a problem body and an optional <c>Retry-After</c>.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Code">The problem's code, such as <c>422-009</c>.</param>
/// <param name="Title">The problem's title.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> to send, if any.</param>
public sealed record FakeHttpError(int Status, string? Code = null, string? Title = null, TimeSpan? RetryAfter = null)
{
    /// <summary>A 429 with a <c>Retry-After</c>.</summary>
    /// <param name="retryAfter">How long the client should wait.</param>
    /// <returns>The error.</returns>
    public static FakeHttpError RateLimited(TimeSpan retryAfter) => new(429, "429-001", "Too Many Requests", retryAfter);
}
