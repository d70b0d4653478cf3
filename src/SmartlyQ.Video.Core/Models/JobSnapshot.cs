using System;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>What the provider says about a job at one moment (one job's answer, or one row of a job list).</summary>
    public sealed class JobSnapshot
    {
        /// <summary>The prompt the job was created with, where the API returns it (OpenAI's video object does); matches a listed job to a journal row.</summary>
        public string? Prompt { get; init; }

        /// <summary>The provider's job id, e.g. SmartlyQ <c>job_a1b2…</c>, OpenAI <c>video_…</c>, NanoGPT's <c>runId</c>.</summary>
        public string JobUid { get; init; } = "";

        /// <summary>Registry name of the provider, e.g. <c>SmartlyQ</c>.</summary>
        public string? Provider { get; init; }

        /// <summary>The provider's job type, e.g. SmartlyQ <c>video_generation</c>, when given.</summary>
        public string? Type { get; init; }

        /// <summary>The neutral state the provider's word maps to.</summary>
        public JobStatus Status { get; init; }

        /// <summary>The status word exactly as the provider sent it, e.g. <c>completed</c>, <c>in_progress</c>, <c>COMPLETED</c>.</summary>
        public string? ProviderStatus { get; init; }

        /// <summary>Where the finished video is (absolute), once succeeded; the provider's DownloadAsync knows how to open it.</summary>
        public Uri? VideoUrl { get; init; }

        /// <summary>Video length in seconds, when given.</summary>
        public int? Duration { get; init; }

        /// <summary>Model id, when given.</summary>
        public string? Model { get; init; }

        /// <summary>Why a failed job failed; null otherwise.</summary>
        public JobError? Error { get; init; }

        /// <summary>When the job was created, when given.</summary>
        public DateTimeOffset? CreatedAt { get; init; }

        /// <summary>When the job last changed, when given.</summary>
        public DateTimeOffset? UpdatedAt { get; init; }

        /// <summary>Request id of the answer this came from.</summary>
        public string? RequestId { get; init; }
    }
}
