using System;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>A job that ended failed or cancelled; <see cref="Job"/> carries the API's <c>error</c>.</summary>
    public sealed class JobFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public JobFailedException(VideoJob job, string message)
            : base(message)
        {
            Job = job;
        }

        /// <summary>The job as last seen, with <see cref="VideoJob.Error"/>.</summary>
        public VideoJob Job { get; }
    }
}
