using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Tests.Fakes
{
    /// <summary>
    /// A provider without idempotency keys (like OpenAI or NanoGPT): every SubmitAsync that reaches it makes a job.
    /// <see cref="LoseAnswers"/> makes the next submissions create their job and then fail as a lost answer would.
    /// </summary>
    internal class UnkeyedVideoProvider : IVideoProvider
    {
        private readonly ConcurrentDictionary<string, JobSnapshot> _jobs = new ConcurrentDictionary<string, JobSnapshot>();
        private int _next;
        private int _loseAnswers;
        private int _failBeforeSending;

        public string Name => "Unkeyed";

        public Uri BaseUri { get; } = new Uri("https://unkeyed.example.test/v1");

        public ClientStatistics Statistics { get; } = new ClientStatistics();

        /// <summary>Jobs created, in order: what the user was charged for.</summary>
        public ConcurrentQueue<JobSnapshot> Created { get; } = new ConcurrentQueue<JobSnapshot>();

        /// <summary>The next <paramref name="count"/> submissions make a job, then throw a timeout (answer lost).</summary>
        public void LoseAnswers(int count) => Interlocked.Exchange(ref _loseAnswers, count);

        /// <summary>The next <paramref name="count"/> submissions fail with a timeout before any job is made.</summary>
        public void FailBeforeSending(int count) => Interlocked.Exchange(ref _failBeforeSending, count);

        /// <summary>When set, the next submission is refused with this error and makes no job.</summary>
        public Exception? Refusal { get; set; }

        public Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<VideoModel>>(new[]
            {
                new VideoModel
                {
                    Provider = Name, Model = "sora-2", Name = "Sora 2", Types = new[] { VideoType.TextToVideo }, Duration = new[] { 4, 8, 12 },
                    Fields = new[] { VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.Duration },
                },
            });

        public Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (Refusal is Exception refusal)
            {
                Refusal = null;
                throw refusal;
            }
            if (Interlocked.Decrement(ref _failBeforeSending) >= 0) throw Timeout();
            string id = "video_" + Interlocked.Increment(ref _next).ToString("D4");
            var job = new JobSnapshot
            {
                JobUid = id, Provider = Name, Status = JobStatus.Queued, ProviderStatus = "queued", Model = request.Model, Prompt = request.Prompt,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            _jobs[id] = job;
            Created.Enqueue(job);
            if (Interlocked.Decrement(ref _loseAnswers) >= 0) throw Timeout();
            return Task.FromResult(new JobSubmission { JobUid = id, Status = JobStatus.Queued, ProviderStatus = "queued" });
        }

        public Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
            => _jobs.TryGetValue(jobId, out JobSnapshot? job)
                ? Task.FromResult(job)
                : throw new VideoApiException(Name, 404, ApiErrorKind.NotFound, "not_found", "No video " + jobId + ".");

        public Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        /// <summary>Newest first, like OpenAI's GET /videos.</summary>
        protected JobPage Page(JobQuery query)
        {
            List<JobSnapshot> all = _jobs.Values.OrderByDescending(j => j.JobUid, StringComparer.Ordinal).ToList();
            int start = query.Cursor == null ? 0 : all.FindIndex(j => j.JobUid == query.Cursor) + 1;
            List<JobSnapshot> page = all.Skip(start).Take(query.Limit).ToList();
            return new JobPage { Jobs = page, NextCursor = start + page.Count < all.Count ? page.Last().JobUid : null };
        }

        public void Dispose()
        {
        }

        private static HttpRequestException Timeout()
            => new HttpRequestException("POST /videos timed out: no answer within 30 s (AttemptTimeout).", new TimeoutException());
    }

    /// <summary><see cref="UnkeyedVideoProvider"/> that can list its jobs (as OpenAI can).</summary>
    internal sealed class ListingUnkeyedVideoProvider : UnkeyedVideoProvider, IJobLister
    {
        public int ListCalls;

        public Task<JobPage> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref ListCalls);
            return Task.FromResult(Page(query));
        }
    }
}
