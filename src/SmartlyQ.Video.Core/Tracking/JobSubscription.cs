using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Tracking
{
    /// <summary>
    /// One Wait-SqJob run's view of its connection's <see cref="JobTracker"/>: the jobs it handed in, queued back in
    /// the order they finish, and the tracker's verbose and debug lines meant for it (status changes, the HTTP trace of
    /// its polls). Disposing it stops polling its jobs.
    /// </summary>
    internal sealed class JobSubscription : IDisposable
    {
        private readonly JobTracker _tracker;
        private readonly ConcurrentQueue<TrackedJob> _finished = new ConcurrentQueue<TrackedJob>();
        private readonly ConcurrentQueue<(bool Debug, string Text)> _lines = new ConcurrentQueue<(bool Debug, string Text)>();
        // At most one pending wake-up: the waiter takes everything queued once it runs, so signals coalesce.
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0, 1);
        private readonly object _signalGate = new object();

        public JobSubscription(JobTracker tracker, TimeSpan pollInterval)
        {
            _tracker = tracker;
            PollInterval = pollInterval;
        }

        /// <summary>The interval this run asked for (-PollIntervalSec); the tracker may poll less often.</summary>
        public TimeSpan PollInterval { get; }

        /// <summary>This run's jobs still being watched.</summary>
        public IReadOnlyList<TrackedJob> Unfinished => _tracker.UnfinishedOf(this);

        /// <summary>True once the tracker polls nothing and has no loop running.</summary>
        public bool IsTrackerIdle => _tracker.IsIdle;

        /// <summary>Starts watching <paramref name="job"/>; one already terminal (or already failed) is finished at once.</summary>
        public void Track(TrackedJob job)
        {
            job.Subscription = this;
            if (job.Failure != null || job.Job.Status.IsTerminal() && (job.Job.Status != JobStatus.Succeeded || job.Job.VideoUrl != null))
                Finish(job);
            else
                _tracker.Add(job);
        }

        /// <summary>Takes the next finished job, if any.</summary>
        public bool TryTakeFinished(out TrackedJob job) => _finished.TryDequeue(out job!);

        /// <summary>Takes the next log line, if any: <c>Debug</c> true for a -Debug line, else a -Verbose one.</summary>
        public bool TryTakeLine(out (bool Debug, string Text) line) => _lines.TryDequeue(out line);

        /// <summary>
        /// Completes when a job has finished or a line was queued since the last wait (at once if that already happened);
        /// several events before the wait complete it once.
        /// </summary>
        public Task WaitForNewsAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

        /// <summary>Called by the tracker when one of this run's jobs ended.</summary>
        internal void Finish(TrackedJob job)
        {
            _finished.Enqueue(job);
            Signal();
        }

        /// <summary>Called by the tracker for a line this run should show with -Verbose.</summary>
        internal void Log(string line)
        {
            _lines.Enqueue((false, line));
            Signal();
        }

        /// <summary>Called by the tracker for a line this run should show with -Debug.</summary>
        internal void LogDebug(string line)
        {
            _lines.Enqueue((true, line));
            Signal();
        }

        private void Signal()
        {
            lock (_signalGate)
                if (_signal.CurrentCount == 0) _signal.Release();
        }

        /// <summary>Stops polling this run's jobs (Ctrl+C, an error downstream, the end of the command).</summary>
        public void Dispose() => _tracker.Remove(this);
    }
}
