using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using SmartlyQ.Video.Sandbox.Auth;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary>
    /// All jobs plus the money side of their life cycle: refunds for provider failures (applied
    /// lazily whenever state is read, see <see cref="SettleDue"/>) and for cancels of waiting jobs.
    /// </summary>
    internal sealed class JobStore
    {
        private readonly ConcurrentDictionary<string, SandboxJob> _jobs = new ConcurrentDictionary<string, SandboxJob>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SandboxJob> _unsettled = new ConcurrentDictionary<string, SandboxJob>(StringComparer.Ordinal);
        private readonly SandboxOptions _options;
        private readonly TimeProvider _time;
        private readonly SandboxLedger _ledger;
        private readonly FailurePlanner _failures;
        private long _sequence;

        public JobStore(SandboxOptions options, SandboxLedger ledger)
        {
            _options = options;
            _time = options.TimeProvider;
            _ledger = ledger;
            _failures = new FailurePlanner(options.FailureRate, options.Seed);
            ledger.BeforeRead = SettleDue;
        }

        public DateTimeOffset Now => _time.GetUtcNow();

        /// <summary>Creates a job whose cost has already been debited, and records the charge.</summary>
        public SandboxJob Create(KeyAccount owner, string model, string videoType, int duration, decimal cost, string? idempotencyKey)
        {
            var now = Now;
            SandboxJob job;
            do
            {
                var id = "job_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                job = new SandboxJob(id, Interlocked.Increment(ref _sequence), owner, model, videoType, duration, cost,
                    idempotencyKey, now, _options.QueuedDuration, _options.ProcessingDuration, _failures.NextFails(),
                    _options.InitialJobStatus);
            }
            while (!_jobs.TryAdd(job.Id, job));

            _unsettled[job.Id] = job;
            _ledger.Record(new SandboxLedgerEntry(SandboxLedgerEntry.ChargeKind, job.Id, idempotencyKey, owner.Mode, cost, now));
            return job;
        }

        public bool TryGet(string id, out SandboxJob job) => _jobs.TryGetValue(id, out job!);

        /// <summary>The caller's jobs, newest first.</summary>
        public IReadOnlyList<SandboxJob> ListFor(KeyAccount owner) =>
            _jobs.Values.Where(j => j.Owner == owner).OrderByDescending(j => j.Sequence).ToList();

        /// <summary>Current state of one job, applying its refund if it has just failed.</summary>
        public JobState Settle(SandboxJob job)
        {
            var state = job.Settle(Now, Refund);
            if (JobStatuses.IsTerminal(state.Status)) _unsettled.TryRemove(job.Id, out _);
            return state;
        }

        /// <summary>Settles every job that may have changed since last read; cheap because finished jobs leave the set.</summary>
        public void SettleDue()
        {
            foreach (var job in _unsettled.Values) Settle(job);
        }

        public bool TryCancel(SandboxJob job, out JobState state)
        {
            if (!job.TryCancel(Now, Refund, out state)) return false;
            _unsettled.TryRemove(job.Id, out _);
            return true;
        }

        private void Refund(SandboxJob job, DateTimeOffset now)
        {
            job.Owner.Wallet.Credit(job.Cost);
            _ledger.Record(new SandboxLedgerEntry(SandboxLedgerEntry.RefundKind, job.Id, job.IdempotencyKey, job.Owner.Mode, job.Cost, now));
        }
    }
}
