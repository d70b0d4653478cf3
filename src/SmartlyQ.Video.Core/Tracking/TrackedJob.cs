using System;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Tracking
{
    /// <summary>A job under watch: its latest state, the input row it came from, who waits for it, and how watching ended.</summary>
    internal sealed class TrackedJob
    {
        public TrackedJob(VideoJob job, object? targetObject)
        {
            Job = job;
            TargetObject = targetObject;
        }

        /// <summary>Latest known state; replaced after each poll.</summary>
        public VideoJob Job { get; set; }

        /// <summary>The input record, for errors.</summary>
        public object? TargetObject { get; }

        /// <summary>Why the job could not be watched (e.g. 404, a malformed uid); null when it ended normally.</summary>
        public Exception? Failure { get; set; }

        /// <summary>When to poll next.</summary>
        public DateTimeOffset NextPollAt { get; set; }

        /// <summary>The Wait-SqJob run waiting for this job.</summary>
        public JobSubscription? Subscription { get; set; }
    }
}
