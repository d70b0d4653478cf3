using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Tracking
{
    /// <summary>
    /// The one poller of a connection: watches every job its Wait-SqJob runs hand in and tells each run when one of
    /// its jobs has succeeded, failed or been cancelled. Each round refreshes the due jobs with the provider's job list
    /// (<see cref="IJobLister"/>, 100 per request) when that is cheaper, and one by one for the rest or where the
    /// provider cannot list; rounds are spaced by <see cref="PollSchedule"/>. The loop runs only while there are jobs to watch.
    /// </summary>
    internal sealed class JobTracker : IDisposable
    {
        // Single-job polls in flight at once: enough to keep up, few enough not to crowd out submissions.
        internal const int MaxConcurrentPolls = 8;
        // Server and client clocks differ; a listed job older than the oldest tracked one by more than this ends paging.
        private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

        private readonly IVideoProvider _provider;
        private readonly IJobLister? _lister;
        private readonly TimeProvider _time;
        private readonly object _gate = new object();
        private readonly List<TrackedJob> _watching = new List<TrackedJob>();
        private readonly SemaphoreSlim _wake = new SemaphoreSlim(0);
        private readonly SemaphoreSlim _pollSlots = new SemaphoreSlim(MaxConcurrentPolls, MaxConcurrentPolls);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private CancellationTokenSource? _round;
        private Task? _loop;
        private bool _listUnavailable;

        public JobTracker(IVideoProvider provider, TimeProvider time)
        {
            _provider = provider;
            _lister = provider as IJobLister;
            _listUnavailable = _lister == null;
            _time = time;
        }

        /// <summary>A view for one Wait-SqJob run, polling its jobs at least every <paramref name="pollInterval"/>.</summary>
        public JobSubscription Subscribe(TimeSpan pollInterval) => new JobSubscription(this, pollInterval);

        /// <summary>True when no job is watched and the loop has ended.</summary>
        public bool IsIdle
        {
            get { lock (_gate) return _watching.Count == 0 && (_loop == null || _loop.IsCompleted); }
        }

        /// <summary>Stops the loop for good (the connection is closing).</summary>
        public void Dispose()
        {
            _stop.Cancel();
            WaitForLoop();
        }

        internal IReadOnlyList<TrackedJob> UnfinishedOf(JobSubscription subscription)
        {
            lock (_gate) return _watching.Where(j => j.Subscription == subscription).ToList();
        }

        /// <summary>
        /// Starts watching a job. One known only by its uid is polled at once; one just submitted is known to be
        /// waiting, so its first poll comes one interval later, together with the others.
        /// </summary>
        internal void Add(TrackedJob job)
        {
            bool pollNow = job.Job.Status == JobStatus.Unknown;
            job.NextPollAt = _time.GetUtcNow() + (pollNow ? TimeSpan.Zero : job.Subscription!.PollInterval);
            lock (_gate)
            {
                _watching.Add(job);
                if (_loop == null || _loop.IsCompleted) _loop = Task.Run(() => RunAsync(_stop.Token));
            }

            if (pollNow) _wake.Release();
        }

        /// <summary>Forgets a run's jobs; when nothing is left, cancels the round in flight and waits (at most 1 s) for the loop to end.</summary>
        internal void Remove(JobSubscription subscription)
        {
            bool empty;
            lock (_gate)
            {
                _watching.RemoveAll(j => j.Subscription == subscription);
                empty = _watching.Count == 0;
                if (empty) _round?.Cancel();
            }

            _wake.Release();
            if (empty) WaitForLoop();
        }

        private void WaitForLoop()
        {
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

        private async Task RunAsync(CancellationToken stop)
        {
            using IDisposable log = VerboseLog.Use(Broadcast, BroadcastDebug);
            try
            {
                while (true)
                {
                    DateTimeOffset now = _time.GetUtcNow();
                    List<TrackedJob> due;
                    DateTimeOffset next;
                    CancellationTokenSource round;
                    lock (_gate)
                    {
                        if (_watching.Count == 0 || stop.IsCancellationRequested)
                        {
                            _round = null;
                            return;
                        }

                        next = _watching.Min(j => j.NextPollAt);
                        // Through the list a round costs one request per 100 jobs whatever their count, so once one
                        // job is due every job is refreshed: the rounds stay together instead of one per arrival.
                        bool listRound = !_listUnavailable && _watching.Count >= PollSchedule.ListThreshold;
                        due = next > now ? new List<TrackedJob>() : listRound ? _watching.ToList() : _watching.Where(j => j.NextPollAt <= now).ToList();
                        round = _round = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    }

                    try
                    {
                        try
                        {
                            if (due.Count > 0)
                            {
                                await PollRoundAsync(due, round.Token).ConfigureAwait(false);
                                continue;
                            }

                            // Sleep until the next poll is due or a job arrives or leaves.
                            Task delay = _time.Delay(next - now, round.Token);
                            await Task.WhenAny(delay, _wake.WaitAsync(round.Token)).ConfigureAwait(false);
                            round.Cancel();
                        }
                        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                        {
                            // The round was cancelled because its jobs were removed; look again.
                        }
                    }
                    finally
                    {
                        // Cleared under the gate before disposal, so Remove never cancels a disposed round.
                        lock (_gate)
                        {
                            if (_round == round) _round = null;
                        }
                        round.Dispose();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        private async Task PollRoundAsync(List<TrackedJob> due, CancellationToken cancellationToken)
        {
            var uids = new HashSet<string>(due.Select(j => j.Job.JobUid), StringComparer.Ordinal);
            // Counted once per round: it sets every job's next interval and only changes between rounds.
            int watched;
            lock (_gate) watched = _watching.Select(j => j.Job.JobUid).Distinct().Count();
            Dictionary<string, JobSnapshot> listed = uids.Count >= PollSchedule.ListThreshold && !_listUnavailable
                ? await ListAsync(uids, due, cancellationToken).ConfigureAwait(false)
                : new Dictionary<string, JobSnapshot>(StringComparer.Ordinal);

            foreach (KeyValuePair<string, JobSnapshot> entry in listed) Apply(entry.Key, entry.Value, null, watched);
            await Task.WhenAll(uids.Where(u => !listed.ContainsKey(u)).Select(u => PollOneAsync(u, watched, cancellationToken))).ConfigureAwait(false);
        }

        /// <summary>Pages through the job list (newest first) until every wanted job is seen or the pages are older than them.</summary>
        private async Task<Dictionary<string, JobSnapshot>> ListAsync(HashSet<string> uids, List<TrackedJob> due, CancellationToken cancellationToken)
        {
            var found = new Dictionary<string, JobSnapshot>(StringComparer.Ordinal);
            DateTimeOffset? oldest = due.All(j => j.Job.SubmittedAt.HasValue) ? due.Min(j => j.Job.SubmittedAt!.Value) - ClockSkew : (DateTimeOffset?)null;
            int maxPages = uids.Count / PollSchedule.ListPageSize + 2;
            try
            {
                string? cursor = null;
                for (int page = 1; page <= maxPages && found.Count < uids.Count; page++)
                {
                    JobPage result = await _lister!.ListJobsAsync(new JobQuery { Limit = PollSchedule.ListPageSize, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
                    foreach (JobSnapshot job in result.Jobs)
                        if (uids.Contains(job.JobUid)) found[job.JobUid] = job;
                    cursor = result.NextCursor;
                    if (result.Jobs.Count == 0 || cursor == null) break;
                    if (oldest.HasValue && result.Jobs[result.Jobs.Count - 1].CreatedAt < oldest) break;
                }
            }
            catch (Exception ex) when (IsListUnavailable(ex))
            {
                _listUnavailable = true;
                Broadcast("Listing jobs is not available (" + ex.Message + "); polling each job on its own instead.");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !(ex is OperationCanceledException))
            {
                // Transient after the client's own retries: this round falls back to single polls.
                Broadcast("Listing jobs failed (" + ex.Message + "); polling them one by one this round.");
            }

            return found;
        }

        private static bool IsListUnavailable(Exception ex)
            => ex is NotSupportedException
            || ex is VideoApiException api && (api.StatusCode == 404 || api.StatusCode == 405 || api.StatusCode == 501);

        private async Task PollOneAsync(string uid, int watched, CancellationToken cancellationToken)
        {
            await _pollSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Apply(uid, await _provider.GetJobAsync(uid, cancellationToken).ConfigureAwait(false), null, watched);
            }
            catch (VideoApiException ex) when (ex.StatusCode == 404 || ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                Apply(uid, null, ex, watched);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !(ex is OperationCanceledException))
            {
                // Transient trouble after the client's own retries: keep watching; -TimeoutSec bounds the wait.
                Broadcast("Polling " + uid + " failed (" + ex.Message + "); trying again next round.");
                Apply(uid, null, null, watched);
            }
            finally
            {
                _pollSlots.Release();
            }
        }

        /// <summary>
        /// Updates every watcher of <paramref name="uid"/>: finished ones go to their run, the rest get their next poll
        /// time, spaced for <paramref name="watched"/> jobs.
        /// </summary>
        private void Apply(string uid, JobSnapshot? snapshot, Exception? failure, int watched)
        {
            var finished = new List<TrackedJob>();
            lock (_gate)
            {
                DateTimeOffset now = _time.GetUtcNow();
                double? rate = (_provider as IRateBudget)?.RequestsPerSecond;
                foreach (TrackedJob job in _watching.Where(j => j.Job.JobUid == uid).ToList())
                {
                    if (snapshot != null)
                    {
                        JobStatus was = job.Job.Status;
                        job.Job = job.Job.With(snapshot);
                        if (job.Job.Status != was) job.Subscription!.Log(StatusChange(job.Job, was));
                    }
                    if (failure != null || snapshot != null && snapshot.Status.IsTerminal())
                    {
                        job.Failure = failure;
                        _watching.Remove(job);
                        finished.Add(job);
                        continue;
                    }

                    job.NextPollAt = now + PollSchedule.Interval(job.Subscription!.PollInterval, watched, !_listUnavailable, rate);
                }
            }

            foreach (TrackedJob job in finished) job.Subscription!.Finish(job);
        }

        /// <summary>"Job job_x (kling-v2-1): queued -> running", or "…: running" when the status was not known yet.</summary>
        internal static string StatusChange(VideoJob now, JobStatus was)
        {
            string job = "Job " + now.JobUid + (string.IsNullOrEmpty(now.Model) ? "" : " (" + now.Model + ")") + ": ";
            return was == JobStatus.Unknown
                ? job + now.Status.ToText()
                : job + was.ToText() + " -> " + now.Status.ToText();
        }

        /// <summary>Sends a line (the tracker's, or the client's trace and retries during a poll) to every run with jobs watched.</summary>
        private void Broadcast(string line)
        {
            foreach (JobSubscription subscription in Subscribers()) subscription.Log(line);
        }

        /// <summary>Sends a debug line (the headers of a poll) to every run with jobs watched.</summary>
        private void BroadcastDebug(string line)
        {
            foreach (JobSubscription subscription in Subscribers()) subscription.LogDebug(line);
        }

        private List<JobSubscription> Subscribers()
        {
            lock (_gate) return _watching.Select(j => j.Subscription!).Distinct().ToList();
        }
    }
}
