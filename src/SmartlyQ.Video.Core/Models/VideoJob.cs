using System;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// A video job as the user sees it: written by New-SqVideo (just submitted) and by Wait-SqJob (finished), and
    /// taken by Wait-SqJob and Save-SqVideo from the pipeline. Combines what was sent, what it cost and the latest
    /// state the provider reported. Money in <see cref="Currency"/>, durations in seconds.
    /// </summary>
    public sealed class VideoJob
    {
        /// <summary>The provider's job id, e.g. <c>job_a1b2c3d4e5f6</c>.</summary>
        public string JobUid { get; init; } = "";

        /// <summary>Registry name of the provider the job runs at, e.g. <c>SmartlyQ</c>.</summary>
        public string? Provider { get; init; }

        /// <summary>Latest known state, in neutral terms.</summary>
        public JobStatus Status { get; init; }

        /// <summary>Latest status word exactly as the provider sent it, e.g. <c>completed</c>.</summary>
        public string? ProviderStatus { get; init; }

        /// <summary>Model id the job was submitted with.</summary>
        public string? Model { get; init; }

        /// <summary><c>text_to_video</c> or <c>image_to_video</c>.</summary>
        public string? Type { get; init; }

        /// <summary>The prompt sent.</summary>
        public string? Prompt { get; init; }

        /// <summary>The image URL sent (image_to_video).</summary>
        public string? ImageUrl { get; init; }

        /// <summary>Video length in seconds (requested, or reported by the result).</summary>
        public int? Duration { get; init; }

        /// <summary>What the provider charged on acceptance (SmartlyQ refunds it if the job fails), in <see cref="Currency"/>.</summary>
        public decimal? Cost { get; init; }

        /// <summary>The balance right after this submission, in <see cref="Currency"/>, when the provider says.</summary>
        public decimal? BalanceRemaining { get; init; }

        /// <summary>Unit of <see cref="Cost"/> and <see cref="BalanceRemaining"/>, e.g. <c>SQC</c>.</summary>
        public string? Currency { get; init; }

        /// <summary>The idempotency key the submission was sent with (where the provider takes one); resubmitting with it cannot charge twice.</summary>
        public string? IdempotencyKey { get; init; }

        /// <summary>When the submission was accepted (client clock).</summary>
        public DateTimeOffset? SubmittedAt { get; init; }

        /// <summary>Where the finished video is, once succeeded.</summary>
        public Uri? VideoUrl { get; init; }

        /// <summary>The API's error when the job failed.</summary>
        public JobError? Error { get; init; }

        /// <summary>When the job last changed, as the provider said.</summary>
        public DateTimeOffset? UpdatedAt { get; init; }

        /// <summary>Request id of the latest answer about this job.</summary>
        public string? RequestId { get; init; }

        /// <summary>This job updated with a newer <see cref="JobSnapshot"/> (what was sent and charged is kept).</summary>
        public VideoJob With(JobSnapshot snapshot)
        {
            if (snapshot == null) throw new ArgumentNullException(nameof(snapshot));
            return new VideoJob
            {
                JobUid = JobUid.Length > 0 ? JobUid : snapshot.JobUid,
                Provider = snapshot.Provider ?? Provider,
                Status = snapshot.Status,
                ProviderStatus = snapshot.ProviderStatus,
                Model = snapshot.Model ?? Model,
                Type = Type,
                Prompt = Prompt,
                ImageUrl = ImageUrl,
                Duration = snapshot.Duration ?? Duration,
                Cost = Cost,
                BalanceRemaining = BalanceRemaining,
                Currency = Currency,
                IdempotencyKey = IdempotencyKey,
                SubmittedAt = SubmittedAt ?? snapshot.CreatedAt,
                VideoUrl = snapshot.VideoUrl ?? VideoUrl,
                Error = snapshot.Error,
                UpdatedAt = snapshot.UpdatedAt ?? UpdatedAt,
                RequestId = snapshot.RequestId ?? RequestId,
            };
        }

        /// <summary>The job's latest state as a snapshot, for the provider's download.</summary>
        public JobSnapshot ToSnapshot() => new JobSnapshot
        {
            JobUid = JobUid,
            Provider = Provider,
            Status = Status,
            ProviderStatus = ProviderStatus,
            VideoUrl = VideoUrl,
            Duration = Duration,
            Model = Model,
            Error = Error,
            CreatedAt = SubmittedAt,
            UpdatedAt = UpdatedAt,
            RequestId = RequestId,
        };

        /// <inheritdoc />
        public override string ToString() => JobUid + " (" + Status.ToText() + ")";
    }
}
