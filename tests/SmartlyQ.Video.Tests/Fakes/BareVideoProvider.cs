using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Tests.Fakes
{
    /// <summary>
    /// A provider with the contract only and no optional capability (no keys, no list, no cancel, no balance), over
    /// a <see cref="FakeVideoProvider"/>: what the operations must cope with for an API such as OpenAI's without a balance.
    /// </summary>
    internal sealed class BareVideoProvider : IVideoProvider
    {
        private readonly FakeVideoProvider _inner;

        public BareVideoProvider(FakeVideoProvider inner) => _inner = inner;

        public string Name => "Bare";

        public Uri BaseUri => _inner.BaseUri;

        public ClientStatistics Statistics => _inner.Statistics;

        public List<SubmitOptions> SubmitOptionsSeen { get; } = new List<SubmitOptions>();

        public Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken) => _inner.ListModelsAsync(cancellationToken);

        public Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            SubmitOptionsSeen.Add(options);
            return _inner.SubmitAsync(request, new SubmitOptions { IdempotencyKey = "unkeyed" }, cancellationToken);
        }

        public Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken) => _inner.GetJobAsync(jobId, cancellationToken);

        public Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
            => _inner.DownloadAsync(job, destination, resume, progress, cancellationToken);

        public void Dispose() => _inner.Dispose();
    }
}
