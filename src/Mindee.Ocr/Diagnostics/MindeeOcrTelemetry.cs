using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Threading.Tasks;

namespace Mindee.Ocr.Diagnostics;

/// <summary>
/// Traces and metrics through the BCL's <see cref="ActivitySource"/> and <see cref="Meter"/>, both
/// named <c>Mindee.Ocr</c>, so OpenTelemetry picks them up by name. Tags carry job ids, statuses,
/// operations and retry counts: never the API key, never document content.
/// </summary>
internal static class MindeeOcrTelemetry
{
    public const string Name = "Mindee.Ocr";

    private static readonly string Version =
        typeof(MindeeOcrTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    public static readonly ActivitySource ActivitySource = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>
    /// <c>mindee.ocr.request.duration</c> (s): each HTTP request, tagged with operation, method and
    /// status. Buckets from 10 ms (a poll on a warm connection) to 15 minutes (a slow upload).
    /// </summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(
        "mindee.ocr.request.duration",
        "s",
        "Duration of each HTTP request to the Mindee OCR API.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900] });

    /// <summary><c>mindee.ocr.job.polls</c>: one per poll of a job's status.</summary>
    public static readonly Counter<long> Polls =
        Meter.CreateCounter<long>("mindee.ocr.job.polls", "{poll}", "Polls of job statuses while waiting for results.");

    /// <summary>
    /// <c>mindee.ocr.job.duration</c> (s): from the start of a wait to its outcome, tagged with the
    /// outcome. Buckets from 1 s to the 10-minute deadline (the service gives up on a job at 590 s).
    /// </summary>
    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram(
        "mindee.ocr.job.duration",
        "s",
        "Time from the start of a wait for a job to its outcome.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 450, 600] });

    public const string JobIdTag = "mindee.job.id";
    public const string JobStatusTag = "mindee.job.status";
    public const string RetryCountTag = "mindee.retry_count";
    public const string PollCountTag = "mindee.job.polls";
    public const string OperationTag = "mindee.operation";
    public const string OutcomeTag = "mindee.outcome";

    /// <summary>Starts the activity of a public call (null when nobody listens).</summary>
    public static Activity? Start(string operation) =>
        ActivitySource.StartActivity("Mindee.Ocr." + operation, ActivityKind.Client);

    /// <summary>Adds one retry to the current call's activity.</summary>
    public static void CountRetry()
    {
        var activity = Activity.Current;
        if (activity?.Source == ActivitySource)
        {
            int count = activity.GetTagItem(RetryCountTag) is int n ? n : 0;
            activity.SetTag(RetryCountTag, count + 1);
        }
    }

    /// <summary>
    /// Runs a public call inside its activity (<c>Mindee.Ocr.{operation}</c>): the call tags it as it
    /// goes, and a failure marks it with the exception's type. Every public method goes through here.
    /// </summary>
    public static async Task<T> TraceAsync<T, TState>(string operation, TState state, Func<TState, Activity?, Task<T>> call)
    {
        using var activity = Start(operation);
        try
        {
            return await call(state, activity).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(activity, ex);
            throw;
        }
    }

    /// <summary>Marks the activity failed with the exception's type, and rethrows nothing.</summary>
    private static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", exception.GetType().FullName);
        activity.SetStatus(exception is OperationCanceledException ? ActivityStatusCode.Unset : ActivityStatusCode.Error, exception.Message);
    }

    public static void RecordRequest(string operation, string method, int? status, TimeSpan elapsed) =>
        RequestDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(OperationTag, operation),
            new KeyValuePair<string, object?>("http.request.method", method),
            new KeyValuePair<string, object?>("http.response.status_code", status));
}
