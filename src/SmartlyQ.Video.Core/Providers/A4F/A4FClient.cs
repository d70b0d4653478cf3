using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// A4F's synchronous <c>POST /v1/video/generations</c> as a video provider (gateway-video-generations.md Part A,
    /// research-2026-12/a4f-video-generations.md). A4F has no jobs: the answer, minutes later, is the video itself as
    /// base64 (<c>data[0].b64_json</c>, else a <c>url</c>). So this client makes the job: <see cref="SubmitAsync"/>
    /// returns a local job id (<c>a4f_</c> + 32 hex) at once and sends the request in the background, at most
    /// <see cref="SubmitOptions.ThrottleLimit"/> at a time; the answer is decoded as a stream straight into a file of
    /// <see cref="A4FJobStore"/> (<c>.mp4.part</c>, renamed when complete), and <see cref="GetJobAsync"/> reads the job
    /// from that store, so another process sees it too. The request is never sent twice: an answer lost after sending
    /// (cut connection, timeout, Ctrl+C, the owning process gone) ends the job Failed with <c>SUBMISSION_UNCERTAIN</c>,
    /// because A4F may have generated and charged it. The key travels as <c>Authorization: Bearer</c>, only to the API's
    /// origin. A4F sends no rate-limit headers; requests are paced at <see cref="AssumedRateLimit"/>. Safe to use from
    /// several threads; disposing it aborts the requests still running (their jobs become uncertain).
    /// </summary>
    public sealed class A4FClient : IVideoProvider, IRateBudget, IJobCanceller
    {
        /// <summary>Default of <see cref="SubmitOptions.ThrottleLimit"/>: 4 generations at once.</summary>
        public const int DefaultThrottleLimit = 4;

        /// <summary>The largest <see cref="SubmitOptions.ThrottleLimit"/>: 32.</summary>
        public const int MaxThrottleLimit = 32;

        /// <summary>
        /// Shortest wait for the generation's answer and between two reads of it: 600 s (no timeout is documented and
        /// generation takes minutes; a longer AttemptTimeout from Connect wins).
        /// </summary>
        public static readonly TimeSpan MinGenerationTimeout = TimeSpan.FromSeconds(600);

        /// <summary>Shortest total time one generation may take, answer included: 30 minutes (a longer TotalTimeout wins).</summary>
        public static readonly TimeSpan MinGenerationTotalTimeout = TimeSpan.FromMinutes(30);

        /// <summary>
        /// How long <see cref="SubmitAsync"/> waits for an answer that comes at once — a refusal (bad key, model not on the
        /// plan, limit reached, invalid field) or a lost connection — so that it surfaces on the row like any API's
        /// refusal: 2 s. Only a submission that got a slot at once waits; a success within the window still returns
        /// the job as running.
        /// </summary>
        public static readonly TimeSpan EarlyAnswerWindow = TimeSpan.FromSeconds(2);

        /// <summary>
        /// 1 request per second: A4F's limits are per plan (requests per minute and per day, visible at
        /// <c>GET /v1/usage</c>) and its answers carry no limit headers, so the pace is a cautious one. Connect's
        /// -RequestsPerSecond replaces it.
        /// </summary>
        internal static readonly RateLimitSeed AssumedRateLimit = new RateLimitSeed(1, TimeSpan.FromSeconds(1));

        /// <summary>The id prefix of local jobs.</summary>
        public const string JobIdPrefix = "a4f_";

        /// <summary>
        /// Header that carries the local job id on the POST (A4F ignores it; a proxy or the sandbox can log it, and the
        /// sandbox files the generation under it).
        /// </summary>
        internal const string ClientRequestIdHeader = "X-Client-Request-Id";

        private const string GeneratePath = "video/generations";
        private const string ModelsPath = "models";
        private static readonly ConcurrentDictionary<string, bool> LiveInstances = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        private readonly HttpTransport _api;
        private readonly HttpTransport _generate;
        private readonly A4FErrorReader _errors;
        private readonly A4FJobStore _store;
        private readonly A4FRequestSlots _slots = new A4FRequestSlots(DefaultThrottleLimit);
        private readonly ConcurrentDictionary<string, Run> _runs = new ConcurrentDictionary<string, Run>(StringComparer.Ordinal);
        private readonly CancellationTokenSource _closing = new CancellationTokenSource();
        private readonly string _instance = Guid.NewGuid().ToString("N");
        private readonly TimeSpan _earlyAnswerWindow;
        private int _disposed;

        /// <summary>
        /// The client Connect builds from the registry (<see cref="A4FProvider.Entry"/>). Throws
        /// <see cref="ArgumentException"/> naming <c>ApiKey</c> without a credential, or <c>BaseUri</c> for a base URI the
        /// transport refuses; <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the job folder
        /// (<see cref="A4FJobStore.DefaultDirectory"/>) cannot be created.
        /// </summary>
        internal A4FClient(ProviderSettings settings, TimeProvider timeProvider, string? stateDirectory = null, TimeSpan? earlyAnswerWindow = null)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));
            ApiCredential credential = settings.Credential
                ?? throw new ArgumentException("ApiKey is required: pass an A4F key (" + A4FApiKey.Expected + ").", "ApiKey");
            _errors = new A4FErrorReader(credential);
            var rateLimits = new A4FRateLimitReader();
            TransportOptions api = TransportOptions.From(settings, A4FProvider.Name, A4FProvider.DefaultBaseUri, _errors, rateLimits, AssumedRateLimit);
            _api = new HttpTransport(api, timeProvider);
            // The generation is one request that takes minutes: its own transport, with long timeouts and shared counters.
            _generate = new HttpTransport(new TransportOptions
            {
                ProviderName = api.ProviderName,
                BaseUri = api.BaseUri,
                DefaultBaseUri = api.DefaultBaseUri,
                Credential = api.Credential,
                ErrorReader = api.ErrorReader,
                RateLimits = api.RateLimits,
                PacingSeed = api.PacingSeed,
                MaxRetries = api.MaxRetries,
                RetryBaseDelay = api.RetryBaseDelay,
                MaxRetryDelay = api.MaxRetryDelay,
                AttemptTimeout = Longest(api.AttemptTimeout, MinGenerationTimeout),
                TotalTimeout = Longest(api.TotalTimeout, MinGenerationTotalTimeout),
                DownloadTotalTimeout = api.DownloadTotalTimeout,
                Pacing = api.Pacing,
                Log = api.Log,
                RequestLog = api.RequestLog,
                DebugLog = api.DebugLog,
                Handler = api.Handler,
                Statistics = _api.Statistics,
            }, timeProvider);
            _store = new A4FJobStore(stateDirectory ?? A4FJobStore.DefaultDirectory);
            _earlyAnswerWindow = earlyAnswerWindow ?? EarlyAnswerWindow;
            LiveInstances[_instance] = true;
        }

        /// <summary><c>A4F</c>.</summary>
        public string Name => A4FProvider.Name;

        /// <summary>API root as configured, e.g. <c>https://api.a4f.co/v1</c>.</summary>
        public Uri BaseUri => _api.BaseUri;

        /// <summary>Requests (model lists, generations, URL downloads), retries, 429s and pacing waits since this client was created.</summary>
        public ClientStatistics Statistics => _api.Statistics;

        /// <summary>
        /// <see cref="LocalPollRate"/>: what the job tracker spaces its polls by. A poll of an A4F job reads a local file
        /// and sends nothing, so polls need no share of the key's budget (the POSTs are paced by the transport).
        /// </summary>
        public double? RequestsPerSecond => LocalPollRate;

        /// <summary>1,000 polls per second: a local job read costs no request.</summary>
        public const double LocalPollRate = 1000;

        /// <summary>The folder of the local job files.</summary>
        internal string StateDirectory => _store.Directory;

        /// <summary>
        /// <c>GET models</c>: the video models of the list with the limits of A4F's documented table (longest duration,
        /// qualities; <see cref="A4FCatalog"/>), or the table itself when the list names no video model. A wrong key
        /// gives <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Unauthorized"/>.
        /// </summary>
        public async Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            var request = new TransportRequest(HttpMethod.Get, ModelsPath, RequestPriority.Normal, ReplayRule.Safe);
            var (dto, _) = await _api.SendJsonAsync(request, A4FJsonContext.Default.A4FModelListDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            return (dto?.Data == null ? null : A4FCatalog.FromList(dto.Data)) ?? A4FCatalog.BuiltIn();
        }

        /// <summary>
        /// Starts one generation and returns its local job (<c>a4f_</c> + 32 hex, status <c>queued</c> or <c>generating</c>)
        /// while the request runs in the background. The body is <see cref="A4FRequestBody"/>'s; a field it has no place
        /// for gives <see cref="ArgumentException"/> naming A4F and the field, and nothing is sent. When a slot is free
        /// the call waits up to <see cref="EarlyAnswerWindow"/> for an immediate answer: an API refusal comes as
        /// <see cref="VideoApiException"/> with A4F's code and message, a connection lost after sending as
        /// <see cref="ApiErrorKind.Uncertain"/>. <paramref name="cancellationToken"/> also aborts the background request
        /// later (Ctrl+C of the pipeline that submitted it). <see cref="SubmitOptions.ThrottleLimit"/> (1–32, else
        /// <see cref="ArgumentOutOfRangeException"/>) sets how many run at once; <see cref="SubmitOptions.IdempotencyKey"/>
        /// is ignored (A4F takes none).
        /// </summary>
        public async Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (options == null) throw new ArgumentNullException(nameof(options));
            ThrowIfDisposed();
            if (options.ThrottleLimit is int limit)
            {
                if (limit < 1 || limit > MaxThrottleLimit)
                    throw new ArgumentOutOfRangeException(nameof(options), limit, "ThrottleLimit must be from 1 to " + MaxThrottleLimit.ToString(CultureInfo.InvariantCulture) + ".");
                _slots.Limit = limit;
            }
            byte[] body = A4FRequestBody.Write(request);
            cancellationToken.ThrowIfCancellationRequested();

            DateTimeOffset now = DateTimeOffset.UtcNow;
            var job = new A4FLocalJob
            {
                Id = JobIdPrefix + Guid.NewGuid().ToString("N"),
                BaseUri = _generate.ApiRoot.ToString(),
                Model = request.Model?.Trim(),
                Prompt = request.Prompt,
                Duration = request.Duration ?? A4FRequestBody.DefaultDuration,
                Quality = request.Resolution ?? A4FRequestBody.DefaultQuality,
                Ratio = request.AspectRatio,
                Status = A4FLocalStatus.Queued,
                CreatedAt = now,
                UpdatedAt = now,
            };
            A4FJobStore.Own(job, _instance);
            _store.Save(job);

            var run = new Run(job);
            _runs[job.Id] = run;
            bool slot = _slots.TryEnter();
            if (slot) Update(run, A4FLocalStatus.Generating);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
            run.Stop = stop;
            run.Task = Task.Run(() => RunAsync(run, body, slot, stop.Token));
            _ = run.Task.ContinueWith(_ => stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            if (slot)
            {
                using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task first = await Task.WhenAny(run.Task, Task.Delay(_earlyAnswerWindow, window.Token)).ConfigureAwait(false);
                window.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
                if (first == run.Task && run.Early != null) throw run.Early;
            }
            string status = slot ? A4FLocalStatus.Generating : A4FLocalStatus.Queued;
            return new JobSubmission
            {
                JobUid = job.Id,
                Status = slot ? JobStatus.Running : JobStatus.Queued,
                ProviderStatus = status,
            };
        }

        /// <summary>
        /// The local job <paramref name="jobId"/> (from this process or, through the job files, another): Queued while it
        /// waits for a slot, Running while the request runs, Succeeded once the video is decoded (its VideoUrl is the
        /// generation endpoint with the job id as fragment, or the answer's URL), Failed with A4F's code and message, or
        /// Failed with <c>SUBMISSION_UNCERTAIN</c> when the answer was lost after sending or the process that sent it
        /// ended without it. An id of no local job (any other shape included) is <see cref="VideoApiException"/> with
        /// <see cref="ApiErrorKind.NotFound"/> (status 404, code <c>JOB_NOT_FOUND</c>); one that is empty or holds
        /// anything but letters, digits, <c>_</c> and <c>-</c> gives <see cref="ArgumentException"/> naming <c>JobUid</c>.
        /// Nothing is sent.
        /// </summary>
        public Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
        {
            string id = JobUids.Validate(jobId);
            cancellationToken.ThrowIfCancellationRequested();
            A4FLocalJob job = Find(id);
            return Task.FromResult(Snapshot(job));
        }

        /// <summary>
        /// Copies the decoded video of a succeeded job from its local file into <paramref name="destination"/> (from byte
        /// 0: a local copy needs no resume), or, for an answer that gave a URL, downloads it through the transport
        /// (bounded buffer, retries, Range resume; the key only to the API's own origin). A job without a video gives
        /// <see cref="ArgumentException"/>; a local file that is gone (pruned after <see cref="A4FJobStore.KeepFor"/>)
        /// gives <see cref="FileNotFoundException"/>.
        /// </summary>
        public async Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            string id = JobUids.Validate(job.JobUid);
            A4FLocalJob? record = IsLocalId(id) ? Current(id) : null;
            if (record?.Status == A4FLocalStatus.Succeeded && record.VideoUrl == null)
            {
                string path = _store.VideoPath(id);
                if (!File.Exists(path))
                    throw new FileNotFoundException("The video of job " + id + " was decoded to '" + path + "', which no longer exists (A4F keeps no videos; generate it again).", path);
                if (resume != null && resume.Offset > 0 && destination.CanSeek)
                {
                    destination.SetLength(0);
                    destination.Position = 0;
                }
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, HttpTransport.DownloadBufferSize, useAsync: true);
                var buffer = new byte[HttpTransport.DownloadBufferSize];
                long copied = 0;
                int read;
                while ((read = await file.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                    copied += read;
                    progress?.Report(copied);
                }
                return copied;
            }
            Uri? url = record?.VideoUrl != null ? ApiUris.ResolveAnswerUrl(_api.ApiRoot, record.VideoUrl, pathRelative: false) : null;
            if (url == null && record == null && job.VideoUrl != null && string.IsNullOrEmpty(job.VideoUrl.Fragment)) url = job.VideoUrl;
            if (url == null) throw new ArgumentException("Job " + id + " has no video (status " + (record?.Status ?? job.Status.ToText()) + ").", nameof(job));
            return await _api.DownloadAsync(url, ApiUris.SameOrigin(url, _api.ApiRoot), destination, resume, progress, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Stop-SqJob: stops a generation of this client. One still waiting for a slot ends Cancelled (nothing was sent or
        /// charged); one whose request runs is aborted and ends Failed with <c>SUBMISSION_UNCERTAIN</c> (A4F may finish
        /// and charge it: a synchronous request cannot be cancelled at A4F). A finished job gives
        /// <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Conflict"/>; one running in another process gives
        /// Conflict too (<c>JOB_NOT_OWNED</c>: stop it there); an unknown one NotFound. <paramref name="idempotencyKey"/> is ignored.
        /// </summary>
        public async Task<JobSnapshot> CancelJobAsync(string jobId, string? idempotencyKey, CancellationToken cancellationToken)
        {
            string id = JobUids.Validate(jobId);
            A4FLocalJob job = Find(id);
            if (!_runs.TryGetValue(id, out Run? run) || run.Task == null || run.Task.IsCompleted)
            {
                JobSnapshot now = Snapshot(job);
                bool finished = now.Status == JobStatus.Succeeded || now.Status == JobStatus.Failed || now.Status == JobStatus.Cancelled;
                throw new VideoApiException(Name, 409, ApiErrorKind.Conflict, finished ? "JOB_FINISHED" : "JOB_NOT_OWNED",
                    finished
                        ? "Job " + id + " has already finished (" + now.ProviderStatus + ")."
                        : "Job " + id + " runs in another PowerShell process (id " + job.OwnerProcessId.ToString(CultureInfo.InvariantCulture) + "); stop it there with Ctrl+C.");
            }
            try
            {
                run.Stop?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It ended meanwhile; its outcome is recorded.
            }
            await Task.WhenAny(run.Task, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return Snapshot(Current(id) ?? job);
        }

        /// <summary>Shows the base URI, never the key: <c>A4FClient https://api.a4f.co/v1</c>.</summary>
        public override string ToString() => "A4FClient " + BaseUri;

        /// <summary>
        /// Aborts the generations still running (their jobs end uncertain: A4F may finish and charge them), waits briefly
        /// for them to record it, and releases the HTTP clients.
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _closing.Cancel();
            var running = new List<Task>();
            foreach (Run run in _runs.Values)
                if (run.Task != null) running.Add(run.Task);
            try
            {
                Task.WaitAll(running.ToArray(), TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Each run records its own outcome; nothing to add here.
            }
            LiveInstances.TryRemove(_instance, out _);
            _generate.Dispose();
            _api.Dispose();
        }

        /// <summary>Completes when this client's generation <paramref name="id"/> has recorded its outcome (tests, Dispose); at once for any other id.</summary>
        internal Task WhenSettled(string id)
            => _runs.TryGetValue(id, out Run? run) && run.Task != null ? run.Task : Task.CompletedTask;

        /// <summary>True for <c>a4f_</c> + 32 lower-case hex digits.</summary>
        internal static bool IsLocalId(string id)
        {
            if (id.Length != JobIdPrefix.Length + 32 || !id.StartsWith(JobIdPrefix, StringComparison.Ordinal)) return false;
            for (int i = JobIdPrefix.Length; i < id.Length; i++)
            {
                char c = id[i];
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
            }
            return true;
        }

        private async Task RunAsync(Run run, byte[] body, bool haveSlot, CancellationToken cancellationToken)
        {
            string id = run.Job.Id;
            if (!haveSlot)
            {
                try
                {
                    await _slots.EnterAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Finish(run, A4FLocalStatus.Cancelled, "CANCELLED", "Stopped before it was sent (nothing was charged).");
                    return;
                }
            }

            string part = _store.PartPath(id);
            bool answered = false;
            TransportResponse? response = null;
            try
            {
                if (!haveSlot) Update(run, A4FLocalStatus.Generating);
                if (cancellationToken.IsCancellationRequested)
                {
                    Finish(run, A4FLocalStatus.Cancelled, "CANCELLED", "Stopped before it was sent (nothing was charged).");
                    return;
                }
                var request = new TransportRequest(HttpMethod.Post, GeneratePath, RequestPriority.Submission, ReplayRule.Unsafe,
                    headers: new[] { new KeyValuePair<string, string>(ClientRequestIdHeader, id) }, body: new JsonBody(body));
                A4FAnswer answer = await _generate.SendStreamingAsync(request, async (stream, answerResponse, token) =>
                {
                    answered = true;
                    response = answerResponse;
                    using var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.Read, HttpTransport.DownloadBufferSize, useAsync: true);
                    A4FAnswer decoded = await A4FAnswerDecoder.DecodeAsync(stream, file, null, token).ConfigureAwait(false);
                    await file.FlushAsync(token).ConfigureAwait(false);
                    return decoded;
                }, cancellationToken).ConfigureAwait(false);
                Complete(run, answer, response!, part, request.Operation);
            }
            catch (VideoApiException ex) when (ex.Kind == ApiErrorKind.Uncertain)
            {
                run.Early = ex;
                Finish(run, A4FLocalStatus.Uncertain, ex.ErrorCode, ex.Message);
            }
            catch (VideoApiException ex)
            {
                if (ex.StatusCode >= 400 && ex.StatusCode < 500) run.Early = ex;
                Finish(run, A4FLocalStatus.Failed, ex.ErrorCode, ex.ProviderMessage, ex.RequestId);
            }
            catch (OperationCanceledException)
            {
                Finish(run, A4FLocalStatus.Uncertain, "SUBMISSION_UNCERTAIN",
                    "Stopped (Ctrl+C or the client closed) after the request was sent; A4F may still generate and charge it. It was not sent again.");
            }
            catch (Exception ex) when (answered && (ex is IOException || ex is HttpRequestException || ex is InvalidDataException))
            {
                var lost = new VideoApiException(Name, response?.StatusCode ?? 0, ApiErrorKind.Uncertain, "SUBMISSION_UNCERTAIN",
                    _api.Redact("A4F's answer to POST /" + GeneratePath + " was lost while its video was read (" + ex.Message + "). A4F has probably generated and charged it; it was not sent again."),
                    requestId: response?.RequestId);
                run.Early = lost;
                Finish(run, A4FLocalStatus.Uncertain, lost.ErrorCode, lost.Message, response?.RequestId);
            }
            catch (HttpRequestException ex)
            {
                // The transport sends an unkeyed POST again only when it provably never arrived; this is that, after retries.
                Finish(run, A4FLocalStatus.Failed, "NETWORK_ERROR", _api.Redact("A4F could not be reached: " + ex.Message + " Nothing was charged."));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Finish(run, A4FLocalStatus.Uncertain, "SUBMISSION_UNCERTAIN",
                    "The video could not be written to '" + part + "' (" + ex.Message + "); A4F may have generated and charged it.");
            }
            finally
            {
                _slots.Exit();
                TryDelete(part);
            }
        }

        private void Complete(Run run, A4FAnswer answer, TransportResponse response, string part, string operation)
        {
            string id = run.Job.Id;
            if (answer.VideoBytes is long bytes && bytes > 0)
            {
                string final = _store.VideoPath(id);
                TryDelete(final);
                File.Move(part, final);
                lock (run)
                {
                    run.Job.VideoBytes = bytes;
                    run.Job.RevisedPrompt = answer.RevisedPrompt;
                }
                Finish(run, A4FLocalStatus.Succeeded, null, null, response.RequestId);
                return;
            }
            Uri? url = ApiUris.ResolveAnswerUrl(_api.ApiRoot, answer.Url, pathRelative: false);
            if (url != null && UnsafeText(answer.Url!) == false)
            {
                lock (run)
                {
                    run.Job.VideoUrl = url.AbsoluteUri;
                    run.Job.RevisedPrompt = answer.RevisedPrompt;
                }
                Finish(run, A4FLocalStatus.Succeeded, null, null, response.RequestId);
                return;
            }
            VideoApiException error = answer.ErrorMessage != null || answer.ErrorType != null
                ? _errors.InBody(response, answer.ErrorType, answer.ErrorMessage)
                : _errors.InvalidResponse(response, operation, "its data[0] has neither a b64_json video nor an http(s) url");
            Finish(run, A4FLocalStatus.Failed, error.ErrorCode, error.ProviderMessage, response.RequestId);
        }

        private static bool UnsafeText(string text) => Validation.UnsafeCharacters.IndexOf(text) >= 0;

        private void Update(Run run, string status)
        {
            A4FLocalJob copy;
            lock (run)
            {
                run.Job.Status = status;
                run.Job.UpdatedAt = DateTimeOffset.UtcNow;
                copy = Copy(run.Job);
            }
            try
            {
                _store.Save(copy);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // This process reads the job from memory; another one sees the last state saved.
            }
        }

        private void Finish(Run run, string status, string? code, string? message, string? requestId = null)
        {
            A4FLocalJob copy;
            lock (run)
            {
                run.Job.Status = status;
                run.Job.ErrorCode = code;
                run.Job.ErrorMessage = message;
                run.Job.RequestId = requestId ?? run.Job.RequestId;
                run.Job.UpdatedAt = DateTimeOffset.UtcNow;
                copy = Copy(run.Job);
            }
            try
            {
                _store.Save(copy);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // This process still knows the outcome; another process will see the job as uncertain.
            }
        }

        private A4FLocalJob Find(string id)
        {
            A4FLocalJob? job = IsLocalId(id) ? Current(id) : null;
            return job ?? throw new VideoApiException(Name, 404, ApiErrorKind.NotFound, "JOB_NOT_FOUND",
                "A4F has no jobs; no local A4F job " + id + " exists in '" + _store.Directory + "' (jobs live on the machine that submitted them, for " + A4FJobStore.KeepFor.TotalDays.ToString(CultureInfo.InvariantCulture) + " days).");
        }

        private A4FLocalJob? Current(string id)
        {
            if (_runs.TryGetValue(id, out Run? run))
                lock (run) return Copy(run.Job);
            return _store.Load(id);
        }

        private JobSnapshot Snapshot(A4FLocalJob job)
        {
            string status = job.Status;
            bool settled = status == A4FLocalStatus.Succeeded || status == A4FLocalStatus.Failed || status == A4FLocalStatus.Uncertain || status == A4FLocalStatus.Cancelled;
            string? code = job.ErrorCode;
            string? message = job.ErrorMessage;
            if (!settled && !_runs.ContainsKey(job.Id) && !A4FJobStore.OwnerAlive(job, instance => instance != null && LiveInstances.ContainsKey(instance)))
            {
                // Its owner ended without recording an answer: queued means never sent, generating means it may be paid for.
                bool sent = status == A4FLocalStatus.Generating;
                status = sent ? A4FLocalStatus.Uncertain : A4FLocalStatus.Cancelled;
                code = sent ? "SUBMISSION_UNCERTAIN" : "CANCELLED";
                message = sent
                    ? "The process that sent this generation ended before A4F's answer came; A4F may have generated and charged it. It is not sent again."
                    : "The process that submitted this generation ended before sending it (nothing was charged).";
            }
            JobStatus neutral = status switch
            {
                A4FLocalStatus.Queued => JobStatus.Queued,
                A4FLocalStatus.Generating => JobStatus.Running,
                A4FLocalStatus.Succeeded => JobStatus.Succeeded,
                A4FLocalStatus.Cancelled => JobStatus.Cancelled,
                _ => JobStatus.Failed,
            };
            return new JobSnapshot
            {
                JobUid = job.Id,
                Provider = Name,
                Status = neutral,
                ProviderStatus = status,
                VideoUrl = neutral != JobStatus.Succeeded ? null
                    : job.VideoUrl != null ? new Uri(job.VideoUrl)
                    : new Uri(ApiUris.Combine(_generate.ApiRoot, GeneratePath).AbsoluteUri + "#" + job.Id),
                Duration = job.Duration,
                Model = job.Model,
                Prompt = job.Prompt,
                Error = neutral == JobStatus.Failed ? new JobError(code, message) : null,
                CreatedAt = job.CreatedAt,
                UpdatedAt = job.UpdatedAt,
                RequestId = job.RequestId,
            };
        }

        private static A4FLocalJob Copy(A4FLocalJob job) => job.Clone();

        private static TimeSpan Longest(TimeSpan configured, TimeSpan minimum)
            => configured == Timeout.InfiniteTimeSpan || configured > minimum ? configured : minimum;

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A leftover .part is pruned with the job's other files.
            }
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(A4FClient));
        }

        /// <summary>One generation of this client: its record (guarded by locking the run), its task, and an immediate failure to rethrow.</summary>
        private sealed class Run
        {
            public Run(A4FLocalJob job) => Job = job;

            public A4FLocalJob Job { get; }

            public Task? Task { get; set; }

            /// <summary>Cancels this generation alone (Stop-SqJob); linked to the submitting pipeline's token and the client's.</summary>
            public CancellationTokenSource? Stop { get; set; }

            /// <summary>A refusal (4xx) or a lost answer, for <see cref="SubmitAsync"/> to throw when it came within the early window.</summary>
            public VideoApiException? Early { get; set; }
        }
    }
}
