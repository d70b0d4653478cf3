using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Tests.Fakes;

namespace SmartlyQ.Video.Tests.Fakes
{
    /// <summary>
    /// In-memory provider: the two documented models, submissions recorded, and each job following a script of
    /// statuses (one per poll). Videos are the bytes "video of &lt;job_uid&gt;".
    /// </summary>
    internal sealed class FakeVideoProvider
        : IVideoProvider, IIdempotentSubmission, IJobLister, IJobCanceller, IAccountProvider, IBalanceProvider
    {
        private readonly ConcurrentDictionary<string, Queue<JobSnapshot>> _scripts = new ConcurrentDictionary<string, Queue<JobSnapshot>>();
        private int _nextJob;

        public List<VideoModel> Models { get; } = new List<VideoModel>
        {
            new VideoModel
            {
                Model = "kling-v2-1", Name = "Kling v2.1", Types = VideoType.All, Duration = new[] { 5, 10 },
                Resolution = new[] { "720p", "1080p" }, Mode = new[] { "Standard", "Professional" },
                AspectRatio = new[] { "16:9", "9:16", "1:1" }, PromptMaxLength = 2500, SupportsNegativePrompt = true, Currency = "SQC",
            },
            new VideoModel
            {
                Model = "pixverse-v4-5", Name = "Pixverse v4.5", Types = VideoType.All, Duration = new[] { 5, 8 },
                Resolution = new[] { "540p", "720p", "1080p" }, AspectRatio = new[] { "16:9", "9:16", "1:1" },
                Style = new[] { "Anime", "Cyberpunk" }, Movement = new[] { "Auto", "Small", "Medium", "Large" },
                PromptMaxLength = 2048, SupportsNegativePrompt = true, SupportsSeed = true, Currency = "SQC",
            },
        };

        public ConcurrentQueue<(VideoRequest Request, string Key)> Submissions { get; } = new ConcurrentQueue<(VideoRequest, string)>();
        public ConcurrentQueue<string> Polls { get; } = new ConcurrentQueue<string>();
        public int ModelListCalls;

        /// <summary>Thrown by the next <see cref="SubmitAsync"/> calls, in order, instead of accepting.</summary>
        public ConcurrentQueue<Exception> SubmitFailures { get; } = new ConcurrentQueue<Exception>();

        /// <summary>Thrown by the next <see cref="GetJobAsync"/> calls, in order, instead of answering.</summary>
        public ConcurrentQueue<Exception> PollFailures { get; } = new ConcurrentQueue<Exception>();

        /// <summary>Statuses the next submitted job walks through (one per poll); default processing then completed.</summary>
        public Func<string, JobStatus[]> ScriptFor { get; set; } = _ => new[] { JobStatus.Running, JobStatus.Succeeded };

        /// <summary>When set, downloads write half the bytes, then wait until cancelled (a stalled connection).</summary>
        public bool DownloadHangs { get; set; }

        /// <summary>Completes once a hanging download has written (flushed) and reported its half and waits to be cancelled.</summary>
        public Task DownloadHeld => _downloadHeld.Task;
        private readonly TaskCompletionSource _downloadHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>When set, downloads throw this after writing half the bytes.</summary>
        public Exception? DownloadFailure { get; set; }

        /// <summary>When set, listing the models throws this (an API that cannot be reached).</summary>
        public Exception? ModelListFailure { get; set; }

        public Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref ModelListCalls);
            if (ModelListFailure != null) throw ModelListFailure;
            return Task.FromResult<IReadOnlyList<VideoModel>>(Models);
        }

        public string Name => "SmartlyQ";

        public Uri BaseUri { get; } = new Uri("https://api.example.test/v1");

        public ClientStatistics Statistics { get; } = new ClientStatistics();

        public string IdempotencyHeader => "X-Idempotency-Key";

        public void Dispose()
        {
        }

        public Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (SubmitFailures.TryDequeue(out Exception? failure)) throw failure;
            Submissions.Enqueue((request, options.IdempotencyKey!));
            string uid = "job_" + Interlocked.Increment(ref _nextJob).ToString("x12");
            Script(uid, ScriptFor(uid));
            return Task.FromResult(new JobSubmission
            {
                JobUid = uid,
                Status = JobStatus.Queued,
                Usage = new ApiUsage { Units = 1, Cost = 0.28m, BalanceRemaining = 99.72m, Currency = "SQC" },
                RequestId = "req_" + uid,
            });
        }

        /// <summary>Sets the statuses <paramref name="uid"/> reports, one per poll; the last one repeats.</summary>
        public void Script(string uid, params JobStatus[] statuses)
        {
            _scripts[uid] = new Queue<JobSnapshot>(statuses.Select(s => Snapshot(uid, s)));
        }

        /// <summary>How long each poll takes (real time); lets a test see how many polls run at once.</summary>
        public TimeSpan PollDelay { get; set; }

        /// <summary>The most polls that were in flight at the same moment.</summary>
        public int MaxConcurrentPolls => _maxConcurrentPolls;
        private int _concurrentPolls, _maxConcurrentPolls;

        public async Task<JobSnapshot> GetJobAsync(string jobUid, CancellationToken cancellationToken)
        {
            Polls.Enqueue(jobUid);
            int now = Interlocked.Increment(ref _concurrentPolls);
            try
            {
                int seen;
                while (now > (seen = _maxConcurrentPolls) && Interlocked.CompareExchange(ref _maxConcurrentPolls, now, seen) != seen) { }
                if (PollDelay > TimeSpan.Zero) await Task.Delay(PollDelay, cancellationToken);
                if (PollFailures.TryDequeue(out Exception? failure)) throw failure;
                if (!_scripts.TryGetValue(jobUid, out Queue<JobSnapshot>? script))
                    throw new VideoApiException("SmartlyQ", 404, ApiErrorKind.NotFound, "RESOURCE_NOT_FOUND", "Job " + jobUid + " not found.", requestId: "req_404");
                lock (script)
                    return script.Count > 1 ? script.Dequeue() : script.Peek();
            }
            finally
            {
                Interlocked.Decrement(ref _concurrentPolls);
            }
        }

        /// <summary>When false (the default), <c>GET /jobs</c> answers 404 like an API without the list endpoint.</summary>
        public bool ListAvailable { get; set; }

        public ConcurrentQueue<JobQuery> Lists { get; } = new ConcurrentQueue<JobQuery>();

        /// <summary>Every scripted job except <see cref="Unlisted"/> ones, newest first; each listing advances its script like a poll.</summary>
        public Task<JobPage> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
        {
            Lists.Enqueue(query);
            if (!ListAvailable) throw new VideoApiException("SmartlyQ", 404, ApiErrorKind.NotFound, "RESOURCE_NOT_FOUND", "No route GET /jobs.");
            List<string> uids = _scripts.Keys.Where(u => !Unlisted.Contains(u)).OrderByDescending(u => u, StringComparer.Ordinal).ToList();
            int skip = query.Cursor == null ? 0 : int.Parse(query.Cursor);
            var page = new List<JobSnapshot>();
            foreach (string uid in uids.Skip(skip).Take(query.Limit))
            {
                Queue<JobSnapshot> script = _scripts[uid];
                lock (script) page.Add(script.Count > 1 ? script.Dequeue() : script.Peek());
            }

            string? next = skip + query.Limit < uids.Count ? (skip + query.Limit).ToString() : null;
            return Task.FromResult(new JobPage { Jobs = page, NextCursor = next, Total = uids.Count });
        }

        /// <summary>Jobs the list leaves out (e.g. another key's, or too old), found only by <c>GET /jobs/{job_uid}</c>.</summary>
        public HashSet<string> Unlisted { get; } = new HashSet<string>();

        public ConcurrentQueue<(string JobUid, string Key)> Cancels { get; } = new ConcurrentQueue<(string, string)>();

        /// <summary>Cancels like the API: a running job becomes cancelled; a finished one is a 409.</summary>
        public async Task<JobSnapshot> CancelJobAsync(string jobUid, string? idempotencyKey, CancellationToken cancellationToken)
        {
            Cancels.Enqueue((jobUid, idempotencyKey!));
            JobSnapshot current = await GetJobAsync(jobUid, cancellationToken);
            if (current.Status.IsTerminal())
                throw new VideoApiException("SmartlyQ", 409, ApiErrorKind.Conflict, "CONFLICT", "Job " + jobUid + " is already " + current.Status.ToText() + ".");
            Script(jobUid, JobStatus.Cancelled);
            return Snapshot(jobUid, JobStatus.Cancelled);
        }

        /// <summary>How long each download takes (real time); lets a test see how many run at once.</summary>
        public TimeSpan DownloadDelay { get; set; }

        /// <summary>The most downloads that were in flight at the same moment.</summary>
        public int MaxConcurrentDownloads => _maxConcurrentDownloads;
        private int _concurrentDownloads, _maxConcurrentDownloads;

        /// <summary>Ignores <paramref name="resume"/>: starts every download over from byte 0, like a server that ignores Range.</summary>
        public async Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            Uri videoUrl = job.VideoUrl!;
            if (resume != null && resume.Offset > 0) destination.SetLength(destination.Position - resume.Offset);

            int now = Interlocked.Increment(ref _concurrentDownloads);
            try
            {
                int seen;
                while (now > (seen = _maxConcurrentDownloads) && Interlocked.CompareExchange(ref _maxConcurrentDownloads, now, seen) != seen) { }
                if (DownloadDelay > TimeSpan.Zero) await Task.Delay(DownloadDelay, cancellationToken);
                return await WriteVideoAsync(videoUrl, destination, progress, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _concurrentDownloads);
            }
        }

        private async Task<long> WriteVideoAsync(Uri videoUrl, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            byte[] bytes = VideoBytes(videoUrl.Segments.Last().Replace(".mp4", ""));
            if (DownloadHangs)
            {
                await destination.WriteAsync(bytes, 0, bytes.Length / 2, cancellationToken);
                await destination.FlushAsync(cancellationToken);
                progress?.Report(bytes.Length / 2);
                _downloadHeld.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (DownloadFailure != null)
            {
                await destination.WriteAsync(bytes, 0, bytes.Length / 2, cancellationToken);
                throw DownloadFailure;
            }

            await destination.WriteAsync(bytes, 0, bytes.Length, cancellationToken);
            progress?.Report(bytes.Length);
            return bytes.Length;
        }

        public Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken)
            => Task.FromResult(new AccountInfo { Id = "1", Name = "Test User" });

        public Task<WalletBalance> GetBalanceAsync(CancellationToken cancellationToken)
            => Task.FromResult(new WalletBalance { Balance = 99.72m, Currency = "SQC" });

        public static byte[] VideoBytes(string uid) => Encoding.ASCII.GetBytes("video of " + uid);

        private static JobSnapshot Snapshot(string uid, JobStatus status) => new JobSnapshot
        {
            JobUid = uid,
            Provider = "SmartlyQ",
            Status = status,
            ProviderStatus = status.ToText(),
            VideoUrl = status == JobStatus.Succeeded ? new Uri("https://cdn.example.test/videos/" + uid + ".mp4") : null,
            Error = status == JobStatus.Failed ? new JobError("JOB_FAILED", "The provider rejected the prompt.") : null,
            RequestId = "req_poll_" + uid,
        };
    }
}
