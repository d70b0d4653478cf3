using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    public sealed partial class SmartlyQClient
    {
        /// <summary>
        /// The finished video of <paramref name="job"/>: its <c>result.video_url</c>, downloaded as
        /// <see cref="DownloadAsync(Uri, Stream, DownloadResume, IProgress{long}, CancellationToken)"/> does. A job
        /// without a video URL gives <see cref="ArgumentException"/>.
        /// </summary>
        public Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            if (job.VideoUrl == null) throw new ArgumentException("Job " + job.JobUid + " has no video URL (status " + job.Status.ToText() + ").", nameof(job));
            return DownloadAsync(job.VideoUrl, destination, resume, progress, cancellationToken);
        }

        /// <summary>
        /// GET of a finished job's <c>result.video_url</c> from byte 0, streamed into <paramref name="destination"/>
        /// (see the overload with <see cref="DownloadResume"/>). Returns the bytes written.
        /// </summary>
        public Task<long> DownloadAsync(Uri videoUrl, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
            => DownloadAsync(videoUrl, destination, null, progress, cancellationToken);

        /// <summary>
        /// GET of a finished job's <c>result.video_url</c>, streamed into <paramref name="destination"/> by the transport
        /// (<see cref="HttpTransport.DownloadAsync"/>: bounded buffer, retries, resume with <c>Range</c>, length check,
        /// continuing the <paramref name="resume"/> bytes an earlier run kept only when the server confirms the same
        /// file). The API key is sent only when the URL is on the API's origin (such a download is paced); a CDN host
        /// never sees it. Returns the length of the file in the destination.
        /// </summary>
        public Task<long> DownloadAsync(Uri videoUrl, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
            => _transport.DownloadAsync(videoUrl, sendCredential: true, destination, resume, progress, cancellationToken);
    }
}
