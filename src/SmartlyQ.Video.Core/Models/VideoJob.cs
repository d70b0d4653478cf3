using System;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// A video job as the user sees it: written by New-SqVideo (just submitted) and by Wait-SqJob (finished), and
    /// taken by Wait-SqJob and Save-SqVideo from the pipeline. Combines what was sent, what it cost and the latest
    /// state from <c>GET /jobs/{job_uid}</c>. Money in SQC, durations in seconds.
    /// </summary>
    public sealed class VideoJob
    {
        /// <summary><c>job_uid</c>, e.g. <c>job_a1b2c3d4e5f6</c>.</summary>
        public string JobUid { get; init; } = "";

        /// <summary>Latest known status.</summary>
        public JobStatus Status { get; init; }

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

        /// <summary><c>usage.cost</c> in SQC charged on acceptance (refunded by the API if the job fails).</summary>
        public decimal? Cost { get; init; }

        /// <summary><c>usage.balance_remaining</c> in SQC right after this submission.</summary>
        public decimal? BalanceRemaining { get; init; }

        /// <summary>The <c>X-Idempotency-Key</c> the submission was sent with; resubmitting with it cannot charge twice.</summary>
        public string? IdempotencyKey { get; init; }

        /// <summary>When the submission was accepted (client clock).</summary>
        public DateTimeOffset? SubmittedAt { get; init; }

        /// <summary><c>result.video_url</c> once completed.</summary>
        public Uri? VideoUrl { get; init; }

        /// <summary>The API's error when the job failed.</summary>
        public JobError? Error { get; init; }

        /// <summary><c>updated_at</c> of the latest state.</summary>
        public DateTimeOffset? UpdatedAt { get; init; }

        /// <summary><c>meta.request_id</c> of the latest answer about this job.</summary>
        public string? RequestId { get; init; }

        /// <summary>This job updated with a newer <see cref="JobSnapshot"/> (what was sent and charged is kept).</summary>
        public VideoJob With(JobSnapshot snapshot)
        {
            if (snapshot == null) throw new ArgumentNullException(nameof(snapshot));
            return new VideoJob
            {
                JobUid = JobUid.Length > 0 ? JobUid : snapshot.JobUid,
                Status = snapshot.Status,
                Model = snapshot.Model ?? Model,
                Type = Type,
                Prompt = Prompt,
                ImageUrl = ImageUrl,
                Duration = snapshot.Duration ?? Duration,
                Cost = Cost,
                BalanceRemaining = BalanceRemaining,
                IdempotencyKey = IdempotencyKey,
                SubmittedAt = SubmittedAt ?? snapshot.CreatedAt,
                VideoUrl = snapshot.VideoUrl ?? VideoUrl,
                Error = snapshot.Error,
                UpdatedAt = snapshot.UpdatedAt ?? UpdatedAt,
                RequestId = snapshot.RequestId ?? RequestId,
            };
        }

        /// <inheritdoc />
        public override string ToString() => JobUid + " (" + Status.ToApiString() + ")";
    }
}
