using System;

namespace SmartlyQ.Video.Core.Journal
{
    /// <summary>What the journal knows of one row, and so what a re-run of the batch may do with it.</summary>
    public enum BatchRowStatus
    {
        /// <summary>
        /// No submit was ever started, or reconciliation found that none created a job: submitting is safe.
        /// </summary>
        None = 0,

        /// <summary>The row has a job (<see cref="BatchRowState.JobId"/>): never submit it again; wait for and save that job.</summary>
        Submitted = 1,

        /// <summary>
        /// A submit was started but no answer recorded (crash, lost answer, timeout): a job may or may not exist and may
        /// have been paid for. Reconcile it (list the provider's jobs created after <see cref="BatchRowState.StartedAt"/>
        /// matching <see cref="BatchRowState.Summary"/>) or report it; resubmit only where the provider deduplicates.
        /// </summary>
        Uncertain = 2,

        /// <summary>The API definitively refused the last submit (a 4xx: no job was created): submitting again is safe.</summary>
        Refused = 3,
    }

    /// <summary>
    /// One row's state in a <see cref="BatchJournal"/>: the outcome of its last recorded entry, plus what the last
    /// submit started with. Immutable snapshot.
    /// </summary>
    public sealed class BatchRowState
    {
        internal BatchRowState(string rowKey, BatchRowStatus status, string? jobId, DateTimeOffset? startedAt, SubmitSummary? summary,
            string? reason, string? resolution, DateTimeOffset? recordedAt)
        {
            RowKey = rowKey;
            Status = status;
            JobId = jobId;
            StartedAt = startedAt;
            Summary = summary;
            Reason = reason;
            Resolution = resolution;
            RecordedAt = recordedAt;
        }

        /// <summary>The row key looked up.</summary>
        public string RowKey { get; }

        /// <summary>What may be done with the row.</summary>
        public BatchRowStatus Status { get; }

        /// <summary><see cref="BatchRowStatus.Submitted"/>: the provider's job id; otherwise null.</summary>
        public string? JobId { get; }

        /// <summary>
        /// UTC time the submit began (written before the request was sent), or null when none was ever begun. For an
        /// uncertain row begun several times without an answer in between, the first of those starts: any job the
        /// provider created for it was created after this time (allow for clock skew between this machine and the provider).
        /// </summary>
        public DateTimeOffset? StartedAt { get; }

        /// <summary>Model and prompt fingerprint of the last submit begun, or null when none was.</summary>
        public SubmitSummary? Summary { get; }

        /// <summary><see cref="BatchRowStatus.Refused"/>: why the API refused, as the caller recorded it; otherwise null.</summary>
        public string? Reason { get; }

        /// <summary>When the state was decided by <see cref="BatchJournal.Resolve"/>: how, as the caller recorded it; otherwise null.</summary>
        public string? Resolution { get; }

        /// <summary>UTC time the entry that decided <see cref="Status"/> was written; null for a row never recorded.</summary>
        public DateTimeOffset? RecordedAt { get; }

        /// <summary>The state of a row the journal has never seen.</summary>
        internal static BatchRowState Unknown(string rowKey) => new BatchRowState(rowKey, BatchRowStatus.None, null, null, null, null, null, null);
    }
}
