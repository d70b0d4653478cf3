using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Resilience;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Api
{
    /// <summary>
    /// HTTP client of the SmartlyQ API (<c>https://api.smartlyq.com/v1</c>): account, models, video jobs and the
    /// download of finished videos. One instance owns one <see cref="HttpClient"/>; it is safe to use from several
    /// threads at once. Every call retries 429, 408, 5xx, network errors and attempt timeouts (see
    /// <see cref="SmartlyQClientOptions"/>) within a total timeout, then throws <see cref="VideoApiException"/> for
    /// an error answer, <see cref="HttpRequestException"/> when the API could not be reached (with an inner
    /// <see cref="TimeoutException"/> when it did not answer in time; the message names the request and the limit),
    /// and <see cref="OperationCanceledException"/> as soon as the caller's token fires (never retried).
    /// POSTs are retried too: they carry an idempotency key, so a repeat is answered with the first result.
    /// Every attempt to the API first waits for a permit of the key's rate limit (<see cref="SmartlyQClientOptions.Pacing"/>,
    /// on by default): one client per key never receives a 429; submissions and cancels go first, polls last.
    /// The API key is sent only to the base URI's origin and appears in no message, log line or
    /// <see cref="ToString"/>. <see cref="Statistics"/> counts requests, retries by cause and download resumes.
    /// </summary>
    public sealed partial class SmartlyQClient
        : IVideoProvider, IIdempotentSubmission, IJobLister, IJobCanceller, IAccountProvider, IBalanceProvider, IRateBudget
    {
        /// <summary>The header every POST carries its idempotency key in.</summary>
        public const string IdempotencyKeyHeader = "X-Idempotency-Key";

        /// <summary>Bytes copied per read while downloading.</summary>
        internal const int DownloadBufferSize = 81920;

        private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new MediaTypeWithQualityHeaderValue("application/json");
        private static readonly byte[] EmptyObjectJson = JsonSerializer.SerializeToUtf8Bytes(new EmptyObjectDto(), SmartlyQJsonContext.Default.EmptyObjectDto);

        private readonly ApiKey _apiKey;
        private readonly Uri _apiRoot;
        private readonly HttpClient _http;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly ResiliencePipeline<HttpResponseMessage> _downloadPipeline;
        private readonly ApiErrorReader _errors;
        private readonly RequestPacer _pacer;
        private readonly SecretRedactor _redactor;
        private readonly TimeProvider _timeProvider;
        private readonly Action<string>? _log;
        private readonly Action<string>? _requestLog;
        private readonly Action<string>? _debugLog;
        private readonly int _maxRetries;
        private readonly TimeSpan _retryBaseDelay;
        private readonly TimeSpan _maxRetryDelay;
        private readonly TimeSpan _attemptTimeout;
        private readonly TimeSpan _totalTimeout;
        private readonly TimeSpan _downloadTotalTimeout;
        private int _disposed;

        /// <summary>
        /// Creates a client. Throws <see cref="ArgumentException"/> naming <c>ApiKey</c> when no key is given, and
        /// naming <c>BaseUri</c> when the base URI is not absolute http(s) or is plain http to a host other than
        /// loopback (localhost, 127.0.0.0/8, ::1) — https is required so the key never travels unencrypted — or when
        /// it holds a control character or line break, raw or percent-encoded in its path.
        /// Without <see cref="SmartlyQClientOptions.Handler"/> the handler comes from <see cref="ClientHandlerFactory"/>
        /// (on .NET Framework: TLS 1.2/1.3 and enough connections per host for every download and poll at once).
        /// </summary>
        public SmartlyQClient(SmartlyQClientOptions options)
            : this(options, TimeProvider.System)
        {
        }

        /// <summary>As the public constructor, with the clock that retry waits and timeouts use (tests pass a fake one).</summary>
        internal SmartlyQClient(SmartlyQClientOptions options, TimeProvider timeProvider)
        {
            SmartlyQClientOptionsValidation.Validate(options);
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));

            _apiKey = options.ApiKey!;
            BaseUri = options.BaseUri;
            _apiRoot = ApiUris.NormalizeBase(options.BaseUri);
            _redactor = new SecretRedactor(_apiKey);
            _timeProvider = timeProvider;
            _errors = new ApiErrorReader(_redactor, timeProvider);
            _log = SafeLog(options.Log, _redactor);
            _requestLog = SafeLog(options.RequestLog, _redactor);
            _debugLog = SafeLog(options.DebugLog, _redactor);
            _maxRetries = options.MaxRetries;
            _retryBaseDelay = options.RetryBaseDelay;
            _maxRetryDelay = options.MaxRetryDelay;
            _attemptTimeout = options.AttemptTimeout;
            _totalTimeout = options.TotalTimeout;
            _downloadTotalTimeout = options.DownloadTotalTimeout;
            _pacer = new RequestPacer(options.Pacing, timeProvider, _log, Statistics, options.MaxRetryDelay);
            _pipeline = RetryPipelineFactory.Create(options, options.TotalTimeout, timeProvider, _log, Statistics, _pacer);
            _downloadPipeline = RetryPipelineFactory.Create(options, Timeout.InfiniteTimeSpan, timeProvider, _log, Statistics, _pacer);

            // A handler passed in belongs to the caller. Certificate validation stays as the platform does it.
            HttpMessageHandler handler = options.Handler ?? ClientHandlerFactory.Create();
            if (_requestLog != null || _debugLog != null) handler = new HttpTraceHandler(handler, _apiRoot, _requestLog, _debugLog);
            _http = new HttpClient(handler, disposeHandler: options.Handler == null);

            // The pipeline's attempt and total timeouts replace HttpClient's 100 s, which would also cut long downloads.
            _http.Timeout = Timeout.InfiniteTimeSpan;
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SmartlyQ.Video", ClientVersion()));
        }

        /// <summary><c>SmartlyQ</c>.</summary>
        public string Name => WireMapper.Provider;

        /// <summary>API root as configured, e.g. <c>https://api.smartlyq.com/v1</c>; every endpoint path is relative to it.</summary>
        public Uri BaseUri { get; }

        /// <summary><c>X-Idempotency-Key</c>.</summary>
        public string IdempotencyHeader => IdempotencyKeyHeader;

        /// <summary>Requests sent, retries by cause, download resumes and restarts, 429s received and pacing waits since this client was created.</summary>
        public ClientStatistics Statistics { get; } = new ClientStatistics();

        /// <summary>
        /// The key's request rate as the API's answers have shown it: <c>X-RateLimit-Limit</c> ÷ the window (learned
        /// from <c>X-RateLimit-Reset</c>; 60 s until two windows were seen). Null until an answer carried the limit.
        /// Known whether or not <see cref="SmartlyQClientOptions.Pacing"/> is on.
        /// </summary>
        public double? RequestsPerSecond => _pacer.RequestsPerSecond;

        /// <summary>The pacer every attempt passes (tests read its state).</summary>
        internal RequestPacer Pacer => _pacer;

        /// <summary>
        /// <c>GET /me</c>: the account the key belongs to (id, name, email, workspace names, key scopes).
        /// A missing or invalid key gives <see cref="VideoApiException"/> with status 401.
        /// </summary>
        public async Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken)
        {
            const string path = "me";
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, RequestPriority.Normal, SmartlyQJsonContext.Default.ApiEnvelopeAccountDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (envelope?.Data == null) throw _errors.InvalidResponse(response, Operation(HttpMethod.Get, path), "its body has no data object");
                return WireMapper.ToAccount(envelope.Data);
            }
        }

        /// <summary>
        /// <c>GET /me/balance</c>: the Developer API wallet in SQC. Reads both documented shapes
        /// (<c>balance</c>/<c>purchased_balance</c>/<c>monthly_balance</c>/<c>monthly_reset_at</c> and <c>balance_sqc</c>);
        /// money is parsed with the invariant culture from 4-decimal strings or JSON numbers.
        /// </summary>
        public async Task<WalletBalance> GetBalanceAsync(CancellationToken cancellationToken)
        {
            const string path = "me/balance";
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, RequestPriority.Normal, SmartlyQJsonContext.Default.ApiEnvelopeBalanceDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                WalletBalance? balance = envelope?.Data == null ? null : WireMapper.ToBalance(envelope.Data, envelope.Meta?.RequestId ?? RequestIdHeader(response));
                return balance ?? throw _errors.InvalidResponse(response, Operation(HttpMethod.Get, path), "its body holds no balance");
            }
        }

        /// <summary>
        /// <c>GET /videos/models</c>: every model and the values it accepts (durations in seconds, resolutions,
        /// modes, aspect ratios, styles, movements, prompt length, supported extras). Lists the API leaves out are empty.
        /// </summary>
        public async Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            const string path = "videos/models";
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, RequestPriority.Normal, SmartlyQJsonContext.Default.ApiEnvelopeListVideoModelDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (envelope?.Data == null) throw _errors.InvalidResponse(response, Operation(HttpMethod.Get, path), "its body has no data list");
                return envelope.Data.Select(WireMapper.ToModel).Where(m => m != null).Select(m => m!).ToArray();
            }
        }

        /// <summary>
        /// <c>POST /videos/generate</c> with the request as snake_case JSON (null fields left out) and
        /// <c>X-Idempotency-Key: </c><see cref="SubmitOptions.IdempotencyKey"/> (required) on every attempt, so a retried submission is
        /// answered with the first job instead of a second charge. Returns the 202 answer: <c>job_uid</c>, first status
        /// and <c>usage</c> (cost in SQC). Retried after network errors and timeouts as well as 408/429/5xx: a submission
        /// whose 202 was lost is answered, on the retry with the same key, with the API's replay of that 202.
        /// Throws <see cref="ArgumentException"/> when <c>Model</c> or <c>Type</c> is empty, <c>ImagePath</c> or an option is
        /// given (SmartlyQ takes neither), or the key is missing or not 1–255 visible
        /// ASCII characters (<see cref="IdempotencyKeyRule"/>; a CR/LF would end the header); nothing is sent. 402 (no credits),
        /// 409 (the key was already used for a different request; not retried) and 422 (value not supported by the
        /// model) come as <see cref="VideoApiException"/>.
        /// </summary>
        public async Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrWhiteSpace(request.Model)) throw new ArgumentException("The video request needs a model id (see GET /videos/models).", nameof(request));
            if (string.IsNullOrWhiteSpace(request.Type)) throw new ArgumentException("The video request needs a type: text_to_video or image_to_video.", nameof(request));
            if (request.ImagePath != null) throw new ArgumentException("SmartlyQ does not accept ImagePath: it takes a public image URL (ImageUrl).", nameof(request));
            if (request.Options.Count > 0)
                throw new ArgumentException("SmartlyQ does not accept the option(s) " + string.Join(", ", request.Options.Keys) + ".", nameof(request));
            string idempotencyKey = options.IdempotencyKey!;
            RequireIdempotencyKey(idempotencyKey);

            const string path = "videos/generate";
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), SmartlyQJsonContext.Default.VideoGenerateRequestDto);
            var (envelope, response) = await SendAsync(HttpMethod.Post, path, body, idempotencyKey, RequestPriority.Submission, SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken, conflictMeansKeyReuse: true).ConfigureAwait(false);
            using (response)
            {
                string? jobUid = envelope?.Data?.AnyId;
                if (envelope?.Data == null || jobUid == null)
                    throw _errors.InvalidResponse(response, Operation(HttpMethod.Post, path), "its body names no job_uid");
                return new JobSubmission
                {
                    JobUid = jobUid,
                    Status = string.IsNullOrWhiteSpace(envelope.Data.Status) ? JobStatus.Queued : SmartlyQStatus.ToNeutral(envelope.Data.Status),
                    ProviderStatus = string.IsNullOrWhiteSpace(envelope.Data.Status) ? null : envelope.Data.Status!.Trim(),
                    Usage = WireMapper.ToUsage(envelope.Usage),
                    RequestId = envelope.Meta?.RequestId ?? RequestIdHeader(response),
                };
            }
        }

        /// <summary>
        /// <c>GET /jobs/{job_uid}</c> (the uid is URL-escaped): status, and once finished <c>result.video_url</c>
        /// or <c>error</c>. Unknown uid: <see cref="VideoApiException"/> with status 404. A uid that is empty or has
        /// anything but letters, digits, <c>_</c> and <c>-</c> (so <c>../me</c>, <c>a/b</c>, <c>x?y=1</c> cannot change
        /// the route) gives <see cref="ArgumentException"/> naming <c>JobUid</c>, and nothing is sent.
        /// </summary>
        public async Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
        {
            string jobUid = RequireJobUid(jobId);
            string path = "jobs/" + Uri.EscapeDataString(jobUid);
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, RequestPriority.Poll, SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (envelope?.Data == null) throw _errors.InvalidResponse(response, Operation(HttpMethod.Get, path), "its body has no job object");
                return WireMapper.ToSnapshot(envelope.Data, envelope.Meta?.RequestId ?? RequestIdHeader(response), jobUid);
            }
        }

        /// <summary>
        /// <c>GET /jobs?status=&amp;page=&amp;per_page=</c>: one page of jobs, newest first. The cursor is the page number
        /// (1 when null); <see cref="JobPage.NextCursor"/> is the next page's while <c>pagination.pages</c> says there is one
        /// (without <c>pagination</c>: while the page was full). The status goes to the API as its word
        /// (<c>processing</c>, <c>completed</c>, …), except <see cref="JobStatus.Queued"/>: SmartlyQ says <c>queued</c> or
        /// <c>pending</c> for it, so that page is fetched unfiltered and filtered here. A cursor that is not a positive
        /// page number, or <see cref="JobStatus.Unknown"/>, gives <see cref="ArgumentException"/>, and nothing is sent.
        /// </summary>
        public async Task<JobPage> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
        {
            query ??= new JobQuery();
            int page = 1;
            if (query.Cursor != null && (!int.TryParse(query.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
                throw new ArgumentException("Cursor '" + UnsafeCharacters.Show(query.Cursor) + "' is not a page number from an earlier page of GET /jobs.", nameof(query.Cursor));
            if (query.Status == JobStatus.Unknown)
                throw new ArgumentException("Status Unknown is not a state jobs can be listed by.", nameof(query.Status));
            int perPage = Math.Max(1, Math.Min(100, query.Limit));
            string? status = query.Status.HasValue ? SmartlyQStatus.ToFilter(query.Status.Value) : null;

            var parameters = new List<string>();
            if (status != null) parameters.Add("status=" + status);
            parameters.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
            parameters.Add("per_page=" + perPage.ToString(CultureInfo.InvariantCulture));
            string path = "jobs?" + string.Join("&", parameters);

            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, RequestPriority.Poll, SmartlyQJsonContext.Default.ApiEnvelopeListJobDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (envelope?.Data == null) throw _errors.InvalidResponse(response, Operation(HttpMethod.Get, path), "its body has no data list");
                string? requestId = envelope.Meta?.RequestId ?? RequestIdHeader(response);
                JobSnapshot[] rows = envelope.Data.Where(j => j != null).Select(j => WireMapper.ToSnapshot(j!, requestId)).ToArray();
                PaginationDto? pagination = envelope.Pagination;
                bool more = pagination?.Pages is int pages ? (pagination.Page ?? page) < pages : rows.Length >= perPage;
                bool filterHere = query.Status.HasValue && status == null;
                return new JobPage
                {
                    Jobs = filterHere ? rows.Where(j => j.Status == query.Status!.Value).ToArray() : rows,
                    NextCursor = more ? ((pagination?.Page ?? page) + 1).ToString(CultureInfo.InvariantCulture) : null,
                    Total = filterHere ? null : pagination?.Total,
                };
            }
        }

        /// <summary>
        /// <c>POST /jobs/{job_uid}/cancel</c> with body <c>{}</c> and <c>X-Idempotency-Key</c>; returns the job as the API
        /// reports it. An answer without a job body (e.g. 204) yields the uid with status <c>cancelled</c>.
        /// A job already finished gives <see cref="VideoApiException"/> (409 in the emulator). A malformed uid, or a key
        /// that is missing or malformed, gives <see cref="ArgumentException"/> (as for <see cref="GetJobAsync"/> and
        /// <see cref="SubmitAsync"/>), and nothing is sent.
        /// </summary>
        public async Task<JobSnapshot> CancelJobAsync(string jobId, string? idempotencyKey, CancellationToken cancellationToken)
        {
            string jobUid = RequireJobUid(jobId);
            RequireIdempotencyKey(idempotencyKey!);
            string path = "jobs/" + Uri.EscapeDataString(jobUid) + "/cancel";
            var (envelope, response) = await SendAsync(HttpMethod.Post, path, EmptyObjectJson, idempotencyKey, RequestPriority.Submission, SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                string? requestId = envelope?.Meta?.RequestId ?? RequestIdHeader(response);
                return envelope?.Data == null
                    ? new JobSnapshot { JobUid = jobUid, Provider = Name, Status = JobStatus.Cancelled, RequestId = requestId }
                    : WireMapper.ToSnapshot(envelope.Data, requestId, jobUid, JobStatus.Cancelled);
            }
        }

        /// <summary>Shows the base URI and the key mode, never the key: <c>SmartlyQClient https://api.smartlyq.com/v1 (Live key)</c>.</summary>
        public override string ToString() => "SmartlyQClient " + BaseUri + " (" + _apiKey.Mode + " key)";

        /// <summary>
        /// Releases the HTTP client (and its handler unless <see cref="SmartlyQClientOptions.Handler"/> was given);
        /// requests still waiting for the pacer fail with <see cref="ObjectDisposedException"/>.
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _pacer.Dispose();
            _http.Dispose();
        }

        /// <summary>
        /// Sends one API call through the retry pipeline and reads the envelope. The response is returned still open
        /// (content already buffered) so callers can read headers; they dispose it.
        /// </summary>
        private async Task<(ApiEnvelope<T>? Envelope, HttpResponseMessage Response)> SendAsync<T>(
            HttpMethod method, string path, byte[]? body, string? idempotencyKey, RequestPriority priority, JsonTypeInfo<ApiEnvelope<T>> typeInfo, CancellationToken cancellationToken,
            bool conflictMeansKeyReuse = false)
        {
            ThrowIfDisposed();
            Uri uri = ApiUris.Combine(_apiRoot, path);
            string operation = Operation(method, path);

            HttpResponseMessage response = await ExecuteAsync(_pipeline, _totalTimeout, operation, priority, async token =>
            {
                // A request message can be sent only once, so each attempt builds its own with the same key.
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Accept.Add(AcceptJson);
                AddAuthorization(request);
                // Added with validation: the key was checked by IdempotencyKeyRule, and HttpHeaders checks again.
                if (idempotencyKey != null) request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
                if (body != null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    VideoApiException error = await _errors.FromResponseAsync(response).ConfigureAwait(false);
                    if (idempotencyKey != null && error.StatusCode == 409)
                        error = _errors.ExplainConflict(error, operation, idempotencyKey, conflictMeansKeyReuse);
                    throw error;
                }

                byte[] bytes = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                ReadOnlySpan<byte> json = TrimUtf8(bytes);
                if (json.Length == 0) return (null, response);

                ApiEnvelope<T>? envelope;
                try
                {
                    envelope = JsonSerializer.Deserialize(json, typeInfo);
                }
                catch (JsonException ex)
                {
                    throw _errors.InvalidResponse(response, operation, "its body is not the documented JSON (" + ex.Message + ")");
                }
                if (envelope?.Success == false)
                    throw _errors.FromEnvelope(response, envelope.Error, envelope.Message, envelope.Meta?.RequestId);
                return (envelope, response);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Runs <paramref name="attempt"/> under <paramref name="pipeline"/>, each attempt paced as <paramref name="priority"/>. A timeout that outlives the retries becomes
        /// <see cref="HttpRequestException"/> with an inner <see cref="TimeoutException"/>, both naming the request and
        /// the limit; the caller's cancellation is rethrown at once with the caller's token.
        /// </summary>
        private async Task<HttpResponseMessage> ExecuteAsync(
            ResiliencePipeline<HttpResponseMessage> pipeline, TimeSpan totalTimeout, string operation, RequestPriority priority,
            Func<CancellationToken, Task<HttpResponseMessage>> attempt, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ResilienceContext context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
            context.Properties.Set(PacingStrategy.Priority, priority);
            if (SmartlyQClientOptionsValidation.IsLimited(totalTimeout))
                context.Properties.Set(RetryPipelineFactory.Deadline, _timeProvider.GetUtcNow() + totalTimeout);
            try
            {
                return await pipeline.ExecuteAsync(
                    async (ctx, run) =>
                    {
                        int attempt = ctx.Properties.GetValue(RetryPipelineFactory.Attempts, 0) + 1;
                        ctx.Properties.Set(RetryPipelineFactory.Attempts, attempt);
                        Statistics.AddRequest();
                        // Read by the trace handler in this attempt's flow: its request line says why it was retried.
                        HttpTraceHandler.SetAttempt(attempt, attempt > 1 ? ctx.Properties.GetValue<string?>(RetryPipelineFactory.LastFailure!, null) : null);
                        return await run(ctx.CancellationToken).ConfigureAwait(false);
                    },
                    context,
                    attempt).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(operation, context, ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Not the caller's cancellation: the HTTP handler gave up waiting for an answer.
                throw TimedOut(operation, context, ex);
            }
            catch (OperationCanceledException ex) when (ex.CancellationToken != cancellationToken)
            {
                // The pipeline's linked tokens are internal; whoever cancelled should recognise their own token.
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            catch (Exception ex) when ((ex is HttpRequestException || ex is IOException) && Leaks(ex))
            {
                throw Scrubbed(ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>True when the exception's text, inner exceptions included, holds the key (a proxy that echoed the header).</summary>
        private bool Leaks(Exception ex)
        {
            string text = ex.ToString();
            return _redactor.Redact(text) != text;
        }

        /// <summary>A copy with the key removed from the message and without the inner exceptions that held it.</summary>
        private Exception Scrubbed(Exception ex)
            => ex is IOException ? new IOException(_redactor.Redact(ex.Message)) : (Exception)new HttpRequestException(_redactor.Redact(ex.Message));

        /// <summary>"GET /jobs/x timed out: no answer within 30 s (AttemptTimeout); 5 attempts."</summary>
        private HttpRequestException TimedOut(string operation, ResilienceContext context, Exception cause)
        {
            int attempts = context.Properties.GetValue(RetryPipelineFactory.Attempts, 0);
            string? last = context.Properties.GetValue<string?>(RetryPipelineFactory.LastFailure!, null);
            string attemptsText = attempts == 1 ? "1 attempt" : attempts.ToString(CultureInfo.InvariantCulture) + " attempts";
            string text;
            if (context.Properties.GetValue(RetryPipelineFactory.TotalTimedOut, false))
                text = operation + " timed out: no success within the total timeout of " + TransientFailure.Seconds(_totalTimeout)
                       + " (TotalTimeout) after " + attemptsText + (last == null ? "" : "; last failure: " + last) + ".";
            else if (cause is TimeoutRejectedException rejected)
                text = operation + " timed out: no answer within " + TransientFailure.Seconds(rejected.Timeout) + " (AttemptTimeout); gave up after " + attemptsText + ".";
            else
                text = operation + " timed out: the HTTP handler gave up waiting for an answer; gave up after " + attemptsText + ".";
            text = _redactor.Redact(text);
            return new HttpRequestException(text, new TimeoutException(text, cause));
        }

        private void AddAuthorization(HttpRequestMessage request)
            => request.Headers.Authorization = _apiKey.ToAuthorization();

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(SmartlyQClient));
        }

        /// <summary>"POST /videos/generate": the path without query, for log lines and messages.</summary>
        private static string Operation(HttpMethod method, string path)
        {
            int query = path.IndexOf('?');
            return method.Method + " /" + (query >= 0 ? path.Substring(0, query) : path);
        }

        private static string? RequestIdHeader(HttpResponseMessage response)
            => response.Headers.TryGetValues("X-Request-Id", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

        /// <summary>The uid goes into a URL path: it is escaped there too, but only a plain uid keeps the route as meant.</summary>
        private static string RequireJobUid(string jobUid) => JobUids.Validate(jobUid);

        /// <summary>Required so a retried request cannot run twice; checked so it cannot add header lines of its own.</summary>
        private static void RequireIdempotencyKey(string idempotencyKey) => IdempotencyKeyRule.Validate(idempotencyKey, nameof(idempotencyKey));

        private static ReadOnlySpan<byte> TrimUtf8(byte[] bytes)
        {
            ReadOnlySpan<byte> span = bytes;
            if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span.Slice(3);
            int start = 0;
            while (start < span.Length && (span[start] == ' ' || span[start] == '\t' || span[start] == '\r' || span[start] == '\n')) start++;
            return span.Slice(start);
        }

        /// <summary>The caller's log, with the key and URL query strings removed and its failures kept away from the request.</summary>
        private static Action<string>? SafeLog(Action<string>? log, SecretRedactor redactor)
        {
            if (log == null) return null;
            return line =>
            {
                try
                {
                    log(ApiUris.StripQueries(redactor.Redact(line)));
                }
                catch (Exception)
                {
                    // A broken log sink must not fail a paid submission.
                }
            };
        }

        private static string ClientVersion()
        {
            Version? version = typeof(SmartlyQClient).Assembly.GetName().Version;
            return version == null ? "0.0.0" : version.ToString(3);
        }
    }
}
