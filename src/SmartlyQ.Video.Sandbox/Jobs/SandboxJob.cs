using System;
using SmartlyQ.Video.Sandbox.Auth;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary>
    /// A video job. Its status is a function of time (queued → processing → completed/failed, fixed at
    /// creation) unless it was cancelled, so reads never race with a background worker.
    /// </summary>
    internal sealed class SandboxJob
    {
        private readonly object _gate = new object();
        private DateTimeOffset? _cancelledAt;
        private bool _refunded;

        public SandboxJob(string id, long sequence, KeyAccount owner, string model, string videoType, int duration,
            decimal cost, string? idempotencyKey, DateTimeOffset createdAt, TimeSpan queued, TimeSpan processing,
            bool willFail, string initialStatus, string? provider = null)
        {
            Provider = provider ?? owner.Provider;
            Id = id;
            Sequence = sequence;
            Owner = owner;
            Model = model;
            VideoType = videoType;
            Duration = duration;
            Cost = cost;
            IdempotencyKey = idempotencyKey;
            CreatedAt = createdAt;
            ProcessingAt = createdAt + queued;
            FinishedAt = ProcessingAt + processing;
            WillFail = willFail;
            InitialStatus = initialStatus;
        }

        public string Id { get; }
        public long Sequence { get; }
        public KeyAccount Owner { get; }

        /// <summary>The API the job was created through (<see cref="SandboxProviderNames"/>); its ledger entries name it.</summary>
        public string Provider { get; }
        public string Type => "video_generation";
        public string Model { get; }
        public string VideoType { get; }
        public int Duration { get; }
        public decimal Cost { get; }
        public string? IdempotencyKey { get; }
        public DateTimeOffset CreatedAt { get; }
        public DateTimeOffset ProcessingAt { get; }
        public DateTimeOffset FinishedAt { get; }
        public bool WillFail { get; }
        public string InitialStatus { get; }

        // Refunds run inside the job lock so nobody can observe "failed"/"cancelled" before the money is back.
        // Safe: wallet and ledger locks never wait on a job lock.

        /// <summary>Returns the state; the first time it is seen as failed, <paramref name="refund"/> runs once.</summary>
        public JobState Settle(DateTimeOffset now, Action<SandboxJob, DateTimeOffset> refund)
        {
            lock (_gate)
            {
                var state = StateAtUnlocked(now);
                if (state.Status == JobStatuses.Failed && !_refunded)
                {
                    _refunded = true;
                    refund(this, now);
                }
                return state;
            }
        }

        /// <summary>Cancels unless terminal (then returns false with the current state); refunds a job that was still waiting.</summary>
        public bool TryCancel(DateTimeOffset now, Action<SandboxJob, DateTimeOffset> refund, out JobState state)
        {
            lock (_gate)
            {
                state = StateAtUnlocked(now);
                if (JobStatuses.IsTerminal(state.Status)) return false;
                if (JobStatuses.IsWaiting(state.Status) && !_refunded)
                {
                    _refunded = true;
                    refund(this, now);
                }
                _cancelledAt = now;
                state = StateAtUnlocked(now);
                return true;
            }
        }

        private JobState StateAtUnlocked(DateTimeOffset now)
        {
            if (_cancelledAt is DateTimeOffset cancelled) return new JobState(JobStatuses.Cancelled, cancelled);
            if (now < ProcessingAt) return new JobState(InitialStatus, CreatedAt);
            if (now < FinishedAt) return new JobState(JobStatuses.Processing, ProcessingAt);
            return new JobState(WillFail ? JobStatuses.Failed : JobStatuses.Completed, FinishedAt);
        }
    }
}
