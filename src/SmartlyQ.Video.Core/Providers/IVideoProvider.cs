using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// The seam between the cmdlet operations and one video API, in neutral terms. Every provider implements this;
    /// optional features are separate capabilities the operations test with <c>is</c>: <see cref="IIdempotentSubmission"/>,
    /// <see cref="IJobLister"/>, <see cref="IJobCanceller"/>, <see cref="IAccountProvider"/>, <see cref="IBalanceProvider"/>
    /// and <see cref="IRateBudget"/>. Every method throws <see cref="VideoApiException"/> for an API error answer,
    /// <see cref="System.Net.Http.HttpRequestException"/> when the API could not be reached after retries, and
    /// <see cref="OperationCanceledException"/> when the cancellation token fires. Safe to use from several threads.
    /// </summary>
    public interface IVideoProvider : IDisposable
    {
        /// <summary>Registry name, e.g. <c>SmartlyQ</c>, <c>OpenAI</c>, <c>NanoGPT</c> (see <see cref="ProviderRegistry"/>).</summary>
        string Name { get; }

        /// <summary>API root as configured, e.g. <c>https://api.smartlyq.com/v1</c>.</summary>
        Uri BaseUri { get; }

        /// <summary>Requests, retries by cause, download resumes, 429s and pacing waits since the provider was created.</summary>
        ClientStatistics Statistics { get; }

        /// <summary>
        /// Every model and the values it accepts: from the API where it has a catalog, else from a documented built-in
        /// catalog. Each <see cref="VideoModel.Source"/> says which.
        /// </summary>
        Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken);

        /// <summary>
        /// Submits one video job; returns its id, first status and cost where the API says. The provider maps the
        /// neutral <paramref name="request"/> to its own fields. <see cref="SubmitOptions.IdempotencyKey"/> is sent only by
        /// <see cref="IIdempotentSubmission"/> providers; elsewhere a submission that may have reached the server
        /// without an answer is not retried and surfaces as <see cref="VideoApiException"/> with
        /// <see cref="ApiErrorKind.Uncertain"/>. A request the provider cannot express gives
        /// <see cref="ArgumentException"/>, and nothing is sent.
        /// </summary>
        Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken);

        /// <summary>
        /// The current state of one job. Unknown id: <see cref="VideoApiException"/> with <see cref="ApiErrorKind.NotFound"/>.
        /// An id that could change the route (empty, or anything but letters, digits, <c>_</c> and <c>-</c>) gives
        /// <see cref="ArgumentException"/>, and nothing is sent.
        /// </summary>
        Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken);

        /// <summary>
        /// Streams the finished video of <paramref name="job"/> (status <see cref="JobStatus.Succeeded"/>) into
        /// <paramref name="destination"/> with a bounded buffer; the provider knows how its video is opened (a URL
        /// with or without the key, a proxied content route, inline bytes). With <paramref name="resume"/> (may be
        /// null) the destination may already hold the file's first <see cref="DownloadResume.Offset"/> bytes from an
        /// earlier run: they are continued only when the server confirms the same file, otherwise the destination is
        /// truncated and the download starts over. <paramref name="progress"/> receives the file's bytes so far.
        /// Returns the length of the file in the destination. A job without a video gives <see cref="ArgumentException"/>.
        /// </summary>
        Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken);
    }
}
