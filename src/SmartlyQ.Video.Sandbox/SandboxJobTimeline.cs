using System;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// When a job was created, started processing and finishes (completes or fails), as fixed at creation; a
    /// cancel does not change these. From <see cref="SandboxServer.GetJobTimeline"/>.
    /// </summary>
    public sealed record SandboxJobTimeline(string JobUid, DateTimeOffset CreatedAt, DateTimeOffset ProcessingAt, DateTimeOffset FinishedAt)
    {
        /// <summary>The job's whole life, creation to completion: queued time plus processing time.</summary>
        public TimeSpan Duration => FinishedAt - CreatedAt;

        /// <summary>Time spent <c>processing</c> (the <see cref="SandboxOptions.ProcessingDurationMax"/> draw).</summary>
        public TimeSpan ProcessingTime => FinishedAt - ProcessingAt;
    }
}
