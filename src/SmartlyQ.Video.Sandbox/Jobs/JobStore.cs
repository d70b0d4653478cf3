using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Chaos;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary>
    /// All jobs plus the money side of their life cycle: refunds for provider failures (applied
    /// lazily whenever state is read, see <see cref="SettleDue"/>) and for cancels of waiting jobs.
    /// </summary>
    internal sealed class JobStore
    {
        private readonly ConcurrentDictionary<string, SandboxJob> _jobs = new ConcurrentDictionary<string, SandboxJob>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<KeyAccount, OwnerJobs> _byOwner = new ConcurrentDictionary<KeyAccount, OwnerJobs>();
        // Only jobs that will fail need money settled later; ordered by when they fail, so SettleDue touches just the due ones.
        private readonly PriorityQueue<SandboxJob, DateTimeOffset> _failing = new PriorityQueue<SandboxJob, DateTimeOffset>();
        private readonly object _failingGate = new object();
        private readonly SandboxOptions _options;
        private readonly TimeProvider _time;
        private readonly SandboxLedger _ledger;
        private readonly FailurePlanner _failures;
        private readonly ProcessingTimePlanner _processing;
        private readonly ChaosCounters? _counters;
        private long _sequence;

        public JobStore(SandboxOptions options, SandboxLedger ledger, ChaosCounters? counters = null)
        {
            _options = options;
            _time = options.TimeProvider;
            _ledger = ledger;
            _counters = counters;
            _failures = new FailurePlanner(options.FailureRate, options.Seed);
            _processing = new ProcessingTimePlanner(options.ProcessingDuration, options.ProcessingDurationMax, options.Seed);
            ledger.BeforeRead = SettleDue;
        }

        public DateTimeOffset Now => _time.GetUtcNow();

        /// <summary>
        /// Creates a job whose cost has already been debited, and records the charge under <paramref name="provider"/>
        /// (default the owner's provider; a gateway key serves several dialects, e.g. Kling and Jimeng through new-api).
        /// <paramref name="newId"/> makes the provider's id format (default <c>job_</c> + 12 hex); it is retried on a clash.
        /// </summary>
        public SandboxJob Create(KeyAccount owner, string model, string videoType, int duration, decimal cost, string? idempotencyKey,
            Func<string>? newId = null, string? provider = null)
        {
            var now = Now;
            var willFail = _failures.NextFails();
            var processing = _processing.Next();
            SandboxJob job;
            do
            {
                var id = newId?.Invoke() ?? "job_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                job = new SandboxJob(id, Interlocked.Increment(ref _sequence), owner, model, videoType, duration, cost,
                    idempotencyKey, now, _options.QueuedDuration, processing, willFail,
                    _options.InitialJobStatus, provider ?? owner.Provider);
            }
            while (!_jobs.TryAdd(job.Id, job));

            _byOwner.GetOrAdd(owner, _ => new OwnerJobs()).Add(job);
            if (willFail)
            {
                _counters?.Add(ChaosFault.ProviderFailure);
                lock (_failingGate) _failing.Enqueue(job, job.FinishedAt);
            }
            _ledger.Record(new SandboxLedgerEntry(SandboxLedgerEntry.ChargeKind, job.Id, idempotencyKey, owner.Mode, cost, now, job.Provider, owner.Currency));
            return job;
        }

        public bool TryGet(string id, out SandboxJob job) => _jobs.TryGetValue(id, out job!);

        /// <summary>The caller's jobs, newest first.</summary>
        public IReadOnlyList<SandboxJob> ListFor(KeyAccount owner) =>
            _byOwner.TryGetValue(owner, out var jobs) ? jobs.NewestFirst() : Array.Empty<SandboxJob>();

        /// <summary>Current state of one job, applying its refund if it has just failed.</summary>
        public JobState Settle(SandboxJob job) => job.Settle(Now, Refund);

        /// <summary>Books the refunds of jobs whose failure time has passed; O(due · log n), so it is cheap to call on every request.</summary>
        public void SettleDue()
        {
            var now = Now;
            List<SandboxJob>? due = null;
            lock (_failingGate)
            {
                while (_failing.TryPeek(out var job, out var at) && at <= now)
                {
                    _failing.Dequeue();
                    (due ??= new List<SandboxJob>()).Add(job);
                }
            }
            if (due == null) return;
            foreach (var job in due) job.Settle(now, Refund);
        }

        public bool TryCancel(SandboxJob job, out JobState state) => job.TryCancel(Now, Refund, out state);

        private void Refund(SandboxJob job, DateTimeOffset now)
        {
            job.Owner.Wallet.Credit(job.Cost);
            _ledger.Record(new SandboxLedgerEntry(SandboxLedgerEntry.RefundKind, job.Id, job.IdempotencyKey, job.Owner.Mode, job.Cost, now,
                job.Provider, job.Owner.Currency));
        }

        /// <summary>One key's jobs in creation order; an index so listing never scans other keys' jobs.</summary>
        private sealed class OwnerJobs
        {
            private readonly List<SandboxJob> _jobs = new List<SandboxJob>();

            public void Add(SandboxJob job)
            {
                lock (_jobs) _jobs.Add(job);
            }

            public IReadOnlyList<SandboxJob> NewestFirst()
            {
                SandboxJob[] copy;
                lock (_jobs) copy = _jobs.ToArray();
                // Concurrent creates may append slightly out of sequence order; the sort restores it.
                Array.Sort(copy, (a, b) => b.Sequence.CompareTo(a.Sequence));
                return copy;
            }
        }
    }
}
