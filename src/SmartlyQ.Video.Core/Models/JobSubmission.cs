using System;
namespace SmartlyQ.Video.Core.Models
{
    /// <summary>The answer to a submission: the new job's id, its first status and what it cost.</summary>
    public sealed class JobSubmission
    {
        /// <summary>The new job's id.</summary>
        public string JobUid { get; init; } = "";

        /// <summary>First status in neutral terms, normally <see cref="JobStatus.Queued"/>.</summary>
        public JobStatus Status { get; init; }

        /// <summary>The first status word as the provider sent it.</summary>
        public string? ProviderStatus { get; init; }

        /// <summary>What it cost; null when the answer says nothing.</summary>
        public ApiUsage? Usage { get; init; }

        /// <summary>Request id of the answer.</summary>
        public string? RequestId { get; init; }
    }
}
