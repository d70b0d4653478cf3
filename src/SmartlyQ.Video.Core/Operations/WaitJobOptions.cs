namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Parameters of Wait-SqJob.</summary>
    public sealed class WaitJobOptions
    {
        /// <summary>The default -TimeoutSec: one hour.</summary>
        public const int DefaultTimeoutSec = 3600;

        /// <summary>Seconds the whole command may wait, from its start; null → <see cref="DefaultTimeoutSec"/>.</summary>
        public int? TimeoutSec { get; init; }

        /// <summary>Seconds between two polls of one job (the docs advise 3–5 s); default 5.</summary>
        public int PollIntervalSec { get; init; } = 5;

        /// <summary>-CancelOnTimeout: on timeout, cancel the jobs still running (<c>POST /jobs/{job_uid}/cancel</c>) and say so.</summary>
        public bool CancelOnTimeout { get; init; }
    }
}
