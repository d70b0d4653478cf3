using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Api;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Tracking
{
    /// <summary>
    /// Polls tracked jobs with <c>GET /jobs/{job_uid}</c> on a background task, each every poll interval, and queues
    /// each job once it is completed, failed or cancelled, in the order they finish. <see cref="Track"/> never blocks,
    /// so a pipeline keeps flowing while jobs run.
    /// </summary>
    internal sealed class JobTracker : IDisposable
    {
        // Polls in flight at once: enough to keep up with many jobs, few enough not to crowd out submissions.
        private const int MaxConcurrentPolls = 8;
        private readonly IVideoProvider _provider;
        private readonly TimeSpan _pollInterval;
        private readonly TimeProvider _time;
        private readonly Action<string> _log;
        private readonly object _gate = new object();
        private readonly List<TrackedJob> _watching = new List<TrackedJob>();
        private readonly ConcurrentQueue<TrackedJob> _finished = new ConcurrentQueue<TrackedJob>();
        private readonly SemaphoreSlim _finishedSignal = new SemaphoreSlim(0);
        private readonly SemaphoreSlim _trackedSignal = new SemaphoreSlim(0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly SemaphoreSlim _pollSlots = new SemaphoreSlim(MaxConcurrentPolls, MaxConcurrentPolls);
        private Task? _loop;

        public JobTracker(IVideoProvider provider, TimeSpan pollInterval, TimeProvider time, Action<string> log)
        {
            _provider = provider;
            _pollInterval = pollInterval;
            _time = time;
            _log = log;
        }

        /// <summary>Jobs still being watched.</summary>
        public IReadOnlyList<TrackedJob> Unfinished
        {
            get { lock (_gate) return _watching.ToList(); }
        }

        /// <summary>Starts watching <paramref name="job"/>; one already terminal (or already failed) is queued as finished at once.</summary>
        public void Track(TrackedJob job)
        {
            if (job.Failure != null || job.Job.Status.IsTerminal() && (job.Job.Status != JobStatus.Completed || job.Job.VideoUrl != null))
            {
                Finish(job);
                return;
            }

            job.NextPollAt = _time.GetUtcNow();
            lock (_gate)
            {
                _watching.Add(job);
                if (_loop == null) _loop = Task.Run(() => RunAsync(_stop.Token));
            }

            _trackedSignal.Release();
        }

        /// <summary>Takes the next finished job, if any.</summary>
        public bool TryTakeFinished(out TrackedJob job) => _finished.TryDequeue(out job!);

        /// <summary>Completes when a job has finished since the last wait (or at once if one is queued).</summary>
        public Task WaitFinishedAsync(CancellationToken cancellationToken) => _finishedSignal.WaitAsync(cancellationToken);

        /// <summary>Stops polling and waits (at most one second) for the loop to end, so no poll outlives the pipeline.</summary>
        public void Dispose()
        {
            _stop.Cancel();
            Task? loop;
            lock (_gate) loop = _loop;
            try
            {
                loop?.Wait(TimeSpan.FromSeconds(1));
            }
            catch (AggregateException)
            {
                // The loop's own failure has nothing left to report to.
            }
        }

        /// <summary>True once the polling loop has ended (or never started).</summary>
        internal bool IsStopped
        {
            get { lock (_gate) return _loop == null || _loop.IsCompleted; }
        }

        private async Task RunAsync(CancellationToken stop)
        {
            // This loop outlives the record that started it; the client's retry lines go to the tracker's log.
            using IDisposable log = VerboseLog.Use(_log);
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    DateTimeOffset now = _time.GetUtcNow();
                    List<TrackedJob> due;
                    DateTimeOffset? next;
                    lock (_gate)
                    {
                        due = _watching.Where(j => j.NextPollAt <= now).ToList();
                        next = _watching.Count == 0 ? (DateTimeOffset?)null : _watching.Min(j => j.NextPollAt);
                    }

                    if (due.Count > 0)
                    {
                        await Task.WhenAll(due.Select(j => PollAsync(j, stop))).ConfigureAwait(false);
                        continue;
                    }

                    // Sleep until the next poll is due or a new job arrives.
                    TimeSpan wait = next.HasValue ? next.Value - now : Timeout.InfiniteTimeSpan;
                    using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stop))
                    {
                        Task delay = wait == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, wake.Token) : _time.Delay(wait, wake.Token);
                        await Task.WhenAny(delay, _trackedSignal.WaitAsync(wake.Token)).ConfigureAwait(false);
                        wake.Cancel();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        private async Task PollAsync(TrackedJob job, CancellationToken stop)
        {
            await _pollSlots.WaitAsync(stop).ConfigureAwait(false);
            try
            {
                await PollOnceAsync(job, stop).ConfigureAwait(false);
            }
            finally
            {
                _pollSlots.Release();
            }
        }

        private async Task PollOnceAsync(TrackedJob job, CancellationToken stop)
        {
            try
            {
                JobSnapshot snapshot = await _provider.GetJobAsync(job.Job.JobUid, stop).ConfigureAwait(false);
                job.Job = job.Job.With(snapshot);
                if (snapshot.Status.IsTerminal())
                {
                    Finish(job);
                    return;
                }
            }
            catch (SmartlyQApiException ex) when (ex.StatusCode == 404 || ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                job.Failure = ex;
                Finish(job);
                return;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                // Transient trouble after the client's own retries: keep watching; -TimeoutSec bounds the wait.
                _log("Polling " + job.Job.JobUid + " failed (" + ex.Message + "); trying again in " + _pollInterval.TotalSeconds + " s.");
            }

            job.NextPollAt = _time.GetUtcNow() + _pollInterval;
        }

        private void Finish(TrackedJob job)
        {
            lock (_gate) _watching.Remove(job);
            _finished.Enqueue(job);
            _finishedSignal.Release();
        }
    }
}
