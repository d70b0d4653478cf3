using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tracking;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Wait-SqJob: hands each job to a background tracker and returns at once, writes jobs as they finish (in
    /// completion order), and at the end waits for the rest with progress. A failed or cancelled job is a
    /// non-terminating error carrying the API's error; a timeout is one error naming every job still running.
    /// </summary>
    public sealed class WaitJobOperation : IDisposable
    {
        private const int ProgressActivityId = 7101;
        private readonly JobSubscription _jobs;
        private readonly TimeProvider _time;
        private readonly DateTimeOffset _deadline;
        private readonly int _timeoutSec;
        private readonly bool _cancelOnTimeout;
        private readonly IVideoProvider _provider;
        private readonly string _providerName;
        private readonly JobHistory _history;
        private int _tracked;
        private int _written;

        /// <summary>Starts the clock for -TimeoutSec.</summary>
        public WaitJobOperation(SmartlyQConnection connection, WaitJobOptions options)
            : this(connection, options, TimeProvider.System)
        {
        }

        internal WaitJobOperation(SmartlyQConnection connection, WaitJobOptions options, TimeProvider time)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            if (options.PollIntervalSec < 1) throw new ArgumentOutOfRangeException(nameof(options), "PollIntervalSec must be at least 1 second.");
            _time = time;
            _timeoutSec = options.TimeoutSec ?? WaitJobOptions.DefaultTimeoutSec;
            _cancelOnTimeout = options.CancelOnTimeout;
            _provider = connection.Videos;
            _providerName = connection.Provider;
            _history = connection.Jobs;
            _deadline = time.GetUtcNow() + TimeSpan.FromSeconds(_timeoutSec);
            // The connection's tracker polls between records, when no cmdlet sink is open: its lines wait in the subscription.
            _jobs = connection.Tracker(time).Subscribe(TimeSpan.FromSeconds(options.PollIntervalSec));
        }

        /// <summary>
        /// Starts watching a job from New-SqVideo (or an earlier Wait-SqJob); returns at once. A job whose uid is
        /// empty or malformed is reported as an error and sent nowhere.
        /// </summary>
        public void Track(VideoJob job, object? targetObject)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            var tracked = new TrackedJob(job, targetObject ?? job);
            try
            {
                JobUids.Validate(job.JobUid);
            }
            catch (ArgumentException ex)
            {
                tracked.Failure = ex;
            }

            _tracked++;
            _jobs.Track(tracked);
        }

        /// <summary>Starts watching a job known only by its <c>job_uid</c>; returns at once.</summary>
        public void Track(string jobUid, object? targetObject)
            => Track(new VideoJob { JobUid = (jobUid ?? "").Trim(), Status = JobStatus.Unknown }, targetObject ?? jobUid);

        /// <summary>Writes every job finished so far (and the tracker's verbose and debug lines: status changes, HTTP trace); never waits.</summary>
        public void WriteFinished(IOperationSink sink)
        {
            while (_jobs.TryTakeLine(out (bool Debug, string Text) line))
            {
                if (line.Debug) sink.WriteDebug(line.Text);
                else sink.WriteVerbose(line.Text);
            }
            while (_jobs.TryTakeFinished(out TrackedJob job))
                Write(job, sink);
        }

        /// <summary>
        /// Waits for every tracked job, writing each as it finishes, with progress. On -TimeoutSec writes one error
        /// naming the jobs still running. Stops polling when it returns or <paramref name="cancellationToken"/> fires.
        /// </summary>
        public async Task WaitAllAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    WriteFinished(sink);
                    IReadOnlyList<TrackedJob> running = _jobs.Unfinished;
                    if (running.Count == 0 && _written == _tracked) break;
                    ReportProgress(sink, running);

                    TimeSpan left = _deadline - _time.GetUtcNow();
                    if (left <= TimeSpan.Zero)
                    {
                        await WriteTimeoutAsync(sink, running, cancellationToken).ConfigureAwait(false);
                        break;
                    }

                    using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        // Woken by a finished job or a line to show (a status change): lines appear as they happen.
                        Task finished = _jobs.WaitForNewsAsync(timeout.Token);
                        Task expired = _time.Delay(left, timeout.Token);
                        await Task.WhenAny(finished, expired).ConfigureAwait(false);
                        timeout.Cancel();
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }
            finally
            {
                _jobs.Dispose();
                sink.WriteProgress(new OperationProgress { ActivityId = ProgressActivityId, Activity = "Waiting for " + _providerName + " video jobs", Completed = true });
            }
        }

        /// <summary>Stops the background polling (Ctrl+C, an error downstream, or the end of the command).</summary>
        public void Dispose() => _jobs.Dispose();

        /// <summary>True once background polling has ended.</summary>
        internal bool IsPollingStopped => _jobs.IsTrackerIdle;

        private void Write(TrackedJob tracked, IOperationSink sink)
        {
            _written++;
            // Get-SqJob then shows the final state; a job known only by uid gets back what was sent and charged.
            VideoJob job = tracked.Failure == null ? _history.Update(tracked.Job) : tracked.Job;
            if (tracked.Failure is ArgumentException invalid)
            {
                sink.WriteError(new OperationError(invalid, "InvalidJobUid", ErrorKind.InvalidArgument, tracked.TargetObject));
                return;
            }

            if (tracked.Failure != null)
            {
                sink.WriteError(ApiErrorTranslator.ToError(tracked.Failure, tracked.TargetObject, "Job " + job.JobUid, _provider));
                return;
            }

            // A job that ended is its own error's target, as it is now (failed or cancelled), not the snapshot handed in.
            switch (job.Status)
            {
                case JobStatus.Succeeded:
                    sink.WriteObject(job);
                    break;
                case JobStatus.Failed:
                    sink.WriteError(new OperationError(
                        new JobFailedException(job, FailedMessage(job)),
                        (job.Error ?? new JobError(null, null)).Code, ErrorKind.OperationStopped, job, job.RequestId,
                        "Submit the row again (with a new idempotency key) or try another model."));
                    break;
                default:
                    sink.WriteError(new OperationError(
                        new JobFailedException(job, "Job " + job.JobUid + Model(job) + " was cancelled."),
                        "JOB_CANCELLED", ErrorKind.OperationStopped, job, job.RequestId));
                    break;
            }
        }

        /// <summary>
        /// "Job job_x (kling-v2-1) failed: JOB_FAILED: The provider failed…. The charge was refunded." — the API's reason as
        /// one sentence, then the refund, said once: the API's own message often says it already.
        /// </summary>
        internal static string FailedMessage(VideoJob job)
        {
            JobError error = job.Error ?? new JobError(null, null);
            string reason = error.ToString().Trim().TrimEnd('.', ' ');
            string text = "Job " + job.JobUid + Model(job) + " failed: " + reason + ".";
            if (error.Message.IndexOf("refund", StringComparison.OrdinalIgnoreCase) < 0)
                text += " The API refunds its charge.";
            return text;
        }

        private static string Model(VideoJob job) => string.IsNullOrEmpty(job.Model) ? "" : " (" + job.Model + ")";

        private async Task WriteTimeoutAsync(IOperationSink sink, IReadOnlyList<TrackedJob> running, CancellationToken cancellationToken)
        {
            string jobs = string.Join(", ", running.Select(j => j.Job.JobUid + " (" + j.Job.Status.ToText() + ")"));
            string message = "Timed out after " + _timeoutSec + " s; " + running.Count + " job(s) still running: " + jobs + ".";
            string advice = "Run Wait-SqJob -JobUid on those jobs later; they keep running and are already paid for.";
            if (_cancelOnTimeout)
            {
                message += " " + await CancelAllAsync(running, cancellationToken).ConfigureAwait(false);
                advice = "Submit the cancelled rows again if you still want them; the API refunds jobs cancelled before they started.";
            }

            sink.WriteError(new OperationError(
                new TimeoutException(message),
                "WaitTimeout", ErrorKind.OperationTimeout, running.Select(j => j.Job.JobUid).ToArray(), null, advice));
        }

        /// <summary>Cancels each job remotely and returns one sentence per outcome.</summary>
        private async Task<string> CancelAllAsync(IReadOnlyList<TrackedJob> running, CancellationToken cancellationToken)
        {
            if (!(_provider is IJobCanceller canceller))
                return "Could not cancel them: cancelling jobs is not supported by " + _providerName + ".";

            var cancelled = new List<string>();
            var failed = new List<string>();
            foreach (TrackedJob job in running)
            {
                string uid = job.Job.JobUid;
                try
                {
                    await canceller.CancelJobAsync(uid, StopJobOperation.CancelKey(uid), cancellationToken).ConfigureAwait(false);
                    cancelled.Add(uid);
                }
                catch (VideoApiException ex) when (ex.Kind == ApiErrorKind.Conflict)
                {
                    failed.Add(uid + " (it had already finished)");
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    failed.Add(uid + " (" + ex.Message + ")");
                }
            }

            string text = cancelled.Count > 0 ? "Cancelled remotely: " + string.Join(", ", cancelled) + "." : "";
            if (failed.Count > 0) text += (text.Length > 0 ? " " : "") + "Could not cancel: " + string.Join(", ", failed) + ".";
            return text;
        }

        private void ReportProgress(IOperationSink sink, IReadOnlyList<TrackedJob> running)
        {
            int done = _written;
            int total = _tracked;
            string states = string.Join(", ", running.GroupBy(j => j.Job.Status.ToText()).Select(g => g.Count() + " " + g.Key));
            sink.WriteProgress(new OperationProgress
            {
                ActivityId = ProgressActivityId,
                Activity = "Waiting for " + _providerName + " video jobs",
                StatusDescription = done + " of " + total + " finished" + (states.Length > 0 ? " (" + states + ")" : ""),
                PercentComplete = total == 0 ? 0 : done * 100 / total,
            });
        }
    }
}
