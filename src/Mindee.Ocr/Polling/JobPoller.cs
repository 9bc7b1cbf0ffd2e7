using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Mindee.Ocr.Diagnostics;
using Mindee.Ocr.Http;
using Mindee.Ocr.Progress;

namespace Mindee.Ocr.Polling;

/// <summary>
/// Waits for a job's result: polls the job on the <see cref="PollingSchedule"/> until it is
/// processed (then fetches the result) or failed, survives transient failures until the deadline,
/// and reports each wait's outcome (logs, the job-duration metric). Azure.Core's
/// <c>OperationPoller</c> is the model: a loop that asks a delay strategy after each answer.
/// </summary>
/// <remarks>
/// This is a plain loop rather than a Polly retry pipeline on purpose: polling is not retrying. Each
/// delay depends on the poll count, the time waited and the last answer's <c>Retry-After</c> (even a
/// 200's), a failed poll and a "still processing" answer lead to the same next step, and the
/// deadline, not an attempt count, ends it. A pipeline would carry all of that through its context
/// only to call the same schedule; the loop keeps the state in one place (<see cref="Wait"/>).
/// </remarks>
internal sealed class JobPoller(OcrApi api, ILogger logger)
{
    private TimeProvider Time => api.Transport.Time;

    /// <summary>Polls <paramref name="jobId"/> until its result is in hand.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="justEnqueued">Whether the job was enqueued just now: the first poll then waits <see cref="PollingOptions.InitialDelay"/>.</param>
    /// <param name="schedule">This wait's schedule and deadline: the client's, or the call's own.</param>
    /// <param name="progress">Where the wait's stages go; null for nowhere.</param>
    /// <param name="activity">The public call's activity, tagged with the poll count.</param>
    /// <param name="cancellationToken">Cancels the waiting, not the job.</param>
    /// <param name="gate">The batch gate polls and the result fetch pass through; null outside a batch.</param>
    public async Task<OcrInference> WaitAsync(
        string jobId, bool justEnqueued, PollingSchedule schedule, ProgressReporter? progress, Activity? activity, CancellationToken cancellationToken, IRequestGate? gate = null)
    {
        var wait = new Wait(jobId, Time.GetTimestamp(), schedule, progress, activity) { Gate = gate };
        string outcome = "error";
        try
        {
            var job = await PollUntilDoneAsync(wait, justEnqueued, cancellationToken).ConfigureAwait(false);
            progress?.Stage(OcrProgressStage.Fetching, wait.Polls);
            var result = await api.GetResultAsync(api.ResultUri(job), jobId, cancellationToken, gate).ConfigureAwait(false);
            outcome = "processed";
            progress?.Stage(OcrProgressStage.Done, wait.Polls);
            return result;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "canceled";
            throw new MindeeOcrWaitCanceledException(jobId, ex, cancellationToken);
        }
        catch (MindeeOcrException ex) when (ex.Kind is MindeeOcrFailureKind.JobFailed or MindeeOcrFailureKind.WaitTimedOut)
        {
            outcome = ex.Kind == MindeeOcrFailureKind.JobFailed ? "failed" : "timeout";
            throw;
        }
        finally
        {
            MindeeOcrTelemetry.JobDuration.Record(
                Time.GetElapsedTime(wait.Started).TotalSeconds,
                new KeyValuePair<string, object?>(MindeeOcrTelemetry.OutcomeTag, outcome));
        }
    }

    private async Task<OcrJob> PollUntilDoneAsync(Wait wait, bool justEnqueued, CancellationToken cancellationToken)
    {
        var schedule = wait.Schedule;
        if (justEnqueued && schedule.InitialDelay > TimeSpan.Zero)
        {
            // Like every wait, never past the deadline: a short Timeout still gets its one poll.
            await Task.Delay(schedule.InitialDelay < schedule.Timeout ? schedule.InitialDelay : schedule.Timeout, Time, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var answer = await PollOnceAsync(wait, cancellationToken).ConfigureAwait(false);
            var elapsed = Time.GetElapsedTime(wait.Started);
            switch (answer?.Job.Status)
            {
                case JobStatus.Processed:
                    ClientLog.JobProcessed(logger, wait.JobId, elapsed.TotalMilliseconds, ClientLog.Polls(wait.Polls));
                    return answer.Value.Job;
                case JobStatus.Failed:
                    var error = answer.Value.Job.Error;
                    ClientLog.JobFailed(logger, wait.JobId, elapsed.TotalMilliseconds, error?.Code, error?.Title);
                    throw new MindeeOcrJobFailedException(wait.JobId, error);
                case JobStatus.Unknown when !wait.WarnedUnknown:
                    wait.WarnedUnknown = true;
                    ClientLog.UnknownStatus(logger, wait.JobId);
                    break;
            }

            wait.Progress?.Stage(OcrProgressStage.Processing, wait.Polls);

            if (elapsed >= schedule.Timeout)
            {
                ClientLog.WaitTimedOut(logger, wait.JobId, elapsed.TotalMilliseconds, ClientLog.Polls(wait.Polls));
                throw new MindeeOcrTimeoutException(wait.JobId, elapsed, wait.LastError);
            }

            var delay = schedule.NextDelay(wait.Polls, elapsed, wait.RetryAfter, api.Settings.Random());
            if (wait.LastError is { } failure)
            {
                ClientLog.PollFailed(logger, wait.JobId, delay.TotalMilliseconds, Failures.Reason(failure, api.Transport.Redactor));
            }
            else
            {
                ClientLog.PollScheduled(logger, wait.JobId, answer!.Value.Job.Status, delay.TotalMilliseconds);
            }

            await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One poll; a transient failure is kept as the wait's last error, not thrown.</summary>
    private async Task<PolledJob?> PollOnceAsync(Wait wait, CancellationToken cancellationToken)
    {
        wait.Polls++;
        MindeeOcrTelemetry.Polls.Add(1);
        wait.Activity?.SetTag(MindeeOcrTelemetry.PollCountTag, wait.Polls);
        try
        {
            var timeout = wait.Schedule.PollTimeout(Time.GetElapsedTime(wait.Started), api.Settings.RequestTimeout);
            var answer = await api.PollJobAsync(wait.JobId, timeout, cancellationToken, wait.Gate).ConfigureAwait(false);
            (wait.LastError, wait.RetryAfter) = (null, answer.RetryAfter);
            return answer;
        }
        catch (MindeeOcrException ex) when (RetryRules.IsRetryablePoll(ex))
        {
            MindeeOcrTelemetry.CountRetry();
            (wait.LastError, wait.RetryAfter) = (ex, (ex as MindeeOcrApiException)?.RetryAfter);
            return null;
        }
    }

    /// <summary>The state of one wait.</summary>
    private sealed class Wait(string jobId, long started, PollingSchedule schedule, ProgressReporter? progress, Activity? activity)
    {
        public string JobId { get; } = jobId;

        public long Started { get; } = started;

        public PollingSchedule Schedule { get; } = schedule;

        public ProgressReporter? Progress { get; } = progress;

        public Activity? Activity { get; } = activity;

        public int Polls { get; set; }

        public IRequestGate? Gate { get; init; }

        public bool WarnedUnknown { get; set; }

        public TimeSpan? RetryAfter { get; set; }

        public MindeeOcrException? LastError { get; set; }
    }
}
