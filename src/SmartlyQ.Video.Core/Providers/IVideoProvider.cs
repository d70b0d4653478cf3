using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// The seam between the cmdlet operations and one video API's wire format. SmartlyQ
    /// (<see cref="Api.SmartlyQClient"/>) is the first implementation; other APIs plug in behind the same cmdlets.
    /// Every method throws <see cref="Api.SmartlyQApiException"/> for an API error answer and
    /// <see cref="OperationCanceledException"/> when the cancellation token fires.
    /// </summary>
    public interface IVideoProvider
    {
        /// <summary><c>GET /videos/models</c>: every model and the values it accepts.</summary>
        Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken);

        /// <summary>
        /// <c>POST /videos/generate</c>. <paramref name="idempotencyKey"/> is sent as <c>X-Idempotency-Key</c> on
        /// every attempt, so a retried submission is answered with the first job instead of a second charge.
        /// </summary>
        Task<JobSubmission> SubmitAsync(VideoRequest request, string idempotencyKey, CancellationToken cancellationToken);

        /// <summary><c>GET /jobs/{job_uid}</c>. Unknown uid: <see cref="Api.SmartlyQApiException"/> with status 404.</summary>
        Task<JobSnapshot> GetJobAsync(string jobUid, CancellationToken cancellationToken);

        /// <summary><c>GET /jobs?status=&amp;type=&amp;page=&amp;per_page=</c>: one page of jobs, newest first.</summary>
        Task<JobPage> ListJobsAsync(JobQuery query, CancellationToken cancellationToken);

        /// <summary><c>POST /jobs/{job_uid}/cancel</c> with <paramref name="idempotencyKey"/>; returns the cancelled job.</summary>
        Task<JobSnapshot> CancelJobAsync(string jobUid, string idempotencyKey, CancellationToken cancellationToken);

        /// <summary>
        /// GET of a finished job's <c>result.video_url</c>, streamed into <paramref name="destination"/> with a bounded
        /// buffer. With <paramref name="resume"/> (may be null) the destination may already hold the file's first
        /// <see cref="DownloadResume.Offset"/> bytes from an earlier run: they are continued only when the server confirms
        /// the same file, otherwise the destination is truncated and the download starts over (see
        /// <see cref="Api.SmartlyQClient.DownloadAsync(Uri, Stream, DownloadResume, IProgress{long}, CancellationToken)"/>).
        /// <paramref name="progress"/> receives the file's bytes so far. Returns the length of the file in the destination.
        /// </summary>
        Task<long> DownloadAsync(Uri videoUrl, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken);
    }
}
