namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>One progress update (maps to a ProgressRecord).</summary>
    public sealed class OperationProgress
    {
        /// <summary>Identifies the bar; one per operation kind.</summary>
        public int ActivityId { get; init; }

        /// <summary>The bar's title, e.g. "Waiting for SmartlyQ jobs".</summary>
        public string Activity { get; init; } = "";

        /// <summary>The line under the title, e.g. "3 of 6 finished".</summary>
        public string StatusDescription { get; init; } = "";

        /// <summary>0–100, or -1 when unknown.</summary>
        public int PercentComplete { get; init; } = -1;

        /// <summary>What is happening right now, when there is something to say.</summary>
        public string? CurrentOperation { get; init; }

        /// <summary>True for the final update that removes the bar.</summary>
        public bool Completed { get; init; }
    }
}
