namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>What <see cref="JournalledBatch"/> decided for one row of a -BatchId run.</summary>
    internal sealed class BatchDecision
    {
        private BatchDecision(BatchDecisionKind kind, string? jobId, string? why)
        {
            Kind = kind;
            JobId = jobId;
            Why = why;
        }

        /// <summary>Submit the row (its start is already in the journal).</summary>
        public static readonly BatchDecision Submit = new BatchDecision(BatchDecisionKind.Submit, null, null);

        /// <summary>Send nothing: the row already has job <paramref name="jobId"/>; <paramref name="why"/> says how it is known.</summary>
        public static BatchDecision Existing(string jobId, string why) => new BatchDecision(BatchDecisionKind.Existing, jobId, why);

        /// <summary>Send nothing and report the row: an earlier submit that began at <paramref name="started"/> may have been charged.</summary>
        public static BatchDecision Uncertain(string started) => new BatchDecision(BatchDecisionKind.Uncertain, null, started);

        /// <summary>Which of the three.</summary>
        public BatchDecisionKind Kind { get; }

        /// <summary>The existing job's id (<see cref="BatchDecisionKind.Existing"/>).</summary>
        public string? JobId { get; }

        /// <summary>How the existing job is known, or when the uncertain submit began.</summary>
        public string? Why { get; }
    }

    /// <summary>The kinds of <see cref="BatchDecision"/>.</summary>
    internal enum BatchDecisionKind
    {
        /// <summary>Submit the row.</summary>
        Submit,

        /// <summary>The row already has a job.</summary>
        Existing,

        /// <summary>An earlier submission's outcome is unknown and cannot be settled here.</summary>
        Uncertain,
    }
}
