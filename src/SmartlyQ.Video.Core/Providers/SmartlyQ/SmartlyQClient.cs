using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// The SmartlyQ API (<c>https://api.smartlyq.com/v1</c>) as a video provider: account, balance, models, video jobs
    /// (submit, get, list, cancel) and the download of finished videos, over an <see cref="HttpTransport"/>. Safe to use
    /// from several threads at once. Every call retries 429, 408, 5xx, network errors and attempt timeouts (see
    /// <see cref="SmartlyQClientOptions"/>) within a total timeout, then throws <see cref="VideoApiException"/> for an
    /// error answer, <see cref="HttpRequestException"/> when the API could not be reached (with an inner
    /// <see cref="TimeoutException"/> when it did not answer in time; the message names the request and the limit),
    /// and <see cref="OperationCanceledException"/> as soon as the caller's token fires (never retried).
    /// POSTs are retried too: they carry an idempotency key (<c>X-Idempotency-Key</c>), so a repeat is answered with
    /// the first result. Every attempt first waits for a permit of the key's rate limit, learned from
    /// <c>X-RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c> and seeded with the documented 60 per 60 s
    /// (<see cref="SmartlyQClientOptions.Pacing"/>, on by default): one client per key never receives a 429;
    /// submissions and cancels go first, polls last. The API key is sent only to the base URI's origin and appears
    /// in no message, log line or <see cref="ToString"/>. <see cref="Statistics"/> counts requests, retries by cause
    /// and download resumes.
    /// </summary>
    public sealed partial class SmartlyQClient
        : IVideoProvider, IIdempotentSubmission, IJobLister, IJobCanceller, IAccountProvider, IBalanceProvider, IRateBudget
    {
        /// <summary>The header every POST carries its idempotency key in.</summary>
        public const string IdempotencyKeyHeader = "X-Idempotency-Key";

        /// <summary>SmartlyQ's documented default rate limit, assumed until an answer's headers say otherwise.</summary>
        internal static readonly RateLimitSeed DocumentedRateLimit = new RateLimitSeed(60, TimeSpan.FromMinutes(1));

        private static readonly byte[] EmptyObjectJson = JsonSerializer.SerializeToUtf8Bytes(new EmptyObjectDto(), SmartlyQJsonContext.Default.EmptyObjectDto);

        private readonly ApiKeyMode _mode;
        private readonly HttpTransport _transport;
        private readonly SmartlyQErrorReader _errors;

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
            : this(Settings(options), timeProvider)
        {
        }

        /// <summary>
        /// The client Connect builds from the registry (<see cref="SmartlyQProvider.Entry"/>): the credential is a key
        /// that passed <see cref="ApiKey.FormatError"/>; errors as for the public constructor.
        /// </summary>
        internal SmartlyQClient(ProviderSettings settings, TimeProvider timeProvider)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));
            ApiCredential credential = settings.Credential
                ?? throw new ArgumentException("ApiKey is required: pass a SmartlyQ key that starts with sqk_live_ or sqk_test_.", "ApiKey");
            _mode = ApiKey.ModeOf(credential.Masked);
            _errors = new SmartlyQErrorReader(credential);
            _transport = new HttpTransport(
                TransportOptions.From(settings, WireMapper.Provider, SmartlyQClientOptions.DefaultBaseUri, _errors, new XRateLimitReader(), DocumentedRateLimit),
                timeProvider);
        }

        /// <summary><c>SmartlyQ</c>.</summary>
        public string Name => WireMapper.Provider;

        /// <summary>API root as configured, e.g. <c>https://api.smartlyq.com/v1</c>; every endpoint path is relative to it.</summary>
        public Uri BaseUri => _transport.BaseUri;

        /// <summary><c>X-Idempotency-Key</c>.</summary>
        public string IdempotencyHeader => IdempotencyKeyHeader;

        /// <summary>Requests sent, retries by cause, download resumes and restarts, 429s received and pacing waits since this client was created.</summary>
        public ClientStatistics Statistics => _transport.Statistics;

        /// <summary>
        /// The key's request rate as the API's answers have shown it: <c>X-RateLimit-Limit</c> ÷ the window (learned
        /// from <c>X-RateLimit-Reset</c>; 60 s until two windows were seen). Null until an answer carried the limit.
        /// Known whether or not <see cref="SmartlyQClientOptions.Pacing"/> is on.
        /// </summary>
        public double? RequestsPerSecond => _transport.RequestsPerSecond;

        /// <summary>The pacer every attempt passes (tests read its state).</summary>
        internal RequestPacer Pacer => _transport.Pacer;

        /// <summary>
        /// <c>GET /me</c>: the account the key belongs to (id, name, email, workspace names, key scopes).
        /// A missing or invalid key gives <see cref="VideoApiException"/> with status 401.
        /// </summary>
        public async Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken)
        {
            var (envelope, response) = await SendAsync(HttpMethod.Get, "me", null, null, null, RequestPriority.Normal, SmartlyQJsonContext.Default.ApiEnvelopeAccountDto, cancellationToken).ConfigureAwait(false);
            if (envelope?.Data == null) throw _errors.InvalidResponse(response, "GET /me", "its body has no data object");
            return WireMapper.ToAccount(envelope.Data);
        }

        /// <summary>
        /// <c>GET /me/balance</c>: the Developer API wallet in SQC. Reads both documented shapes
        /// (<c>balance</c>/<c>purchased_balance</c>/<c>monthly_balance</c>/<c>monthly_reset_at</c> and <c>balance_sqc</c>);
        /// money is parsed with the invariant culture from 4-decimal strings or JSON numbers.
        /// </summary>
        public async Task<WalletBalance> GetBalanceAsync(CancellationToken cancellationToken)
        {
            var (envelope, response) = await SendAsync(HttpMethod.Get, "me/balance", null, null, null, RequestPriority.Normal, SmartlyQJsonContext.Default.ApiEnvelopeBalanceDto, cancellationToken).ConfigureAwait(false);
            WalletBalance? balance = envelope?.Data == null ? null : WireMapper.ToBalance(envelope.Data, envelope.Meta?.RequestId ?? response.RequestId);
            return balance ?? throw _errors.InvalidResponse(response, "GET /me/balance", "its body holds no balance");
        }

        /// <summary>
        /// <c>GET /videos/models</c>: every model and the values it accepts (durations in seconds, resolutions,
        /// modes, aspect ratios, styles, movements, prompt length, supported extras). Lists the API leaves out are empty.
        /// Each model's <see cref="VideoModel.Source"/> is this endpoint; its <see cref="VideoModel.Fields"/> are the
        /// body fields its entry gives values or flags for (never <c>ImagePath</c>: SmartlyQ takes image URLs only).
        /// </summary>
        public async Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            var (envelope, response) = await SendAsync(HttpMethod.Get, "videos/models", null, null, null, RequestPriority.Normal, SmartlyQJsonContext.Default.ApiEnvelopeListVideoModelDto, cancellationToken).ConfigureAwait(false);
            if (envelope?.Data == null) throw _errors.InvalidResponse(response, "GET /videos/models", "its body has no data list");
            return envelope.Data.Select(WireMapper.ToModel).Where(m => m != null).Select(m => m!).ToArray();
        }

        /// <summary>
        /// <c>POST /videos/generate</c> with the request as snake_case JSON (null fields left out) and
        /// <c>X-Idempotency-Key: </c><see cref="SubmitOptions.IdempotencyKey"/> (required) on every attempt, so a retried
        /// submission is answered with the first job instead of a second charge. Returns the 202 answer: <c>job_uid</c>,
        /// first status and <c>usage</c> (cost in SQC). Retried after network errors and timeouts as well as 408/429/5xx:
        /// a submission whose 202 was lost is answered, on the retry with the same key, with the API's replay of that 202.
        /// Throws <see cref="ArgumentException"/> when <c>Model</c> or <c>Type</c> is empty, <c>ImagePath</c> or an option
        /// is given (SmartlyQ takes neither), or the key is missing or not 1–255 visible ASCII characters
        /// (<see cref="IdempotencyKeyRule"/>; a CR/LF would end the header); nothing is sent. 402 (no credits), 409 (the
        /// key was already used for a different request; not retried) and 422 (value not supported by the model) come as
        /// <see cref="VideoApiException"/>.
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

            byte[] body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), SmartlyQJsonContext.Default.VideoGenerateRequestDto);
            var (envelope, response) = await SendAsync(HttpMethod.Post, "videos/generate", null, body, idempotencyKey, RequestPriority.Submission,
                SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken, conflictMeansKeyReuse: true).ConfigureAwait(false);
            string? jobUid = envelope?.Data?.AnyId;
            if (envelope?.Data == null || jobUid == null)
                throw _errors.InvalidResponse(response, "POST /videos/generate", "its body names no job_uid");
            return new JobSubmission
            {
                JobUid = jobUid,
                Status = string.IsNullOrWhiteSpace(envelope.Data.Status) ? JobStatus.Queued : SmartlyQStatus.ToNeutral(envelope.Data.Status),
                ProviderStatus = string.IsNullOrWhiteSpace(envelope.Data.Status) ? null : envelope.Data.Status!.Trim(),
                Usage = WireMapper.ToUsage(envelope.Usage),
                RequestId = envelope.Meta?.RequestId ?? response.RequestId,
            };
        }

        /// <summary>
        /// <c>GET /jobs/{job_uid}</c> (the uid is URL-escaped): status, and once finished <c>result.video_url</c>
        /// or <c>error</c>. Unknown uid: <see cref="VideoApiException"/> with status 404. A uid that is empty or has
        /// anything but letters, digits, <c>_</c> and <c>-</c> (so <c>../me</c>, <c>a/b</c>, <c>x?y=1</c> cannot change
        /// the route) gives <see cref="ArgumentException"/> naming <c>JobUid</c>, and nothing is sent.
        /// </summary>
        public async Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
        {
            string jobUid = JobUids.Validate(jobId);
            string path = "jobs/" + Uri.EscapeDataString(jobUid);
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, null, RequestPriority.Poll, SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken).ConfigureAwait(false);
            if (envelope?.Data == null) throw _errors.InvalidResponse(response, "GET /" + path, "its body has no job object");
            return WireMapper.ToSnapshot(envelope.Data, envelope.Meta?.RequestId ?? response.RequestId, jobUid);
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

            var parameters = new List<KeyValuePair<string, string>>();
            if (status != null) parameters.Add(new KeyValuePair<string, string>("status", status));
            parameters.Add(new KeyValuePair<string, string>("page", page.ToString(CultureInfo.InvariantCulture)));
            parameters.Add(new KeyValuePair<string, string>("per_page", perPage.ToString(CultureInfo.InvariantCulture)));

            var (envelope, response) = await SendAsync(HttpMethod.Get, "jobs", parameters, null, null, RequestPriority.Poll, SmartlyQJsonContext.Default.ApiEnvelopeListJobDto, cancellationToken).ConfigureAwait(false);
            if (envelope?.Data == null) throw _errors.InvalidResponse(response, "GET /jobs", "its body has no data list");
            string? requestId = envelope.Meta?.RequestId ?? response.RequestId;
            JobSnapshot[] rows = envelope.Data.Where(j => j != null).Select(j => WireMapper.ToSnapshot(j!, requestId)).ToArray();
            PaginationDto? pagination = envelope.Pagination;
            int answered = pagination?.Page ?? page;
            bool more = pagination?.Pages is int pages ? answered < pages : rows.Length >= perPage;
            bool filterHere = query.Status.HasValue && status == null;
            return new JobPage
            {
                Jobs = filterHere ? rows.Where(j => j.Status == query.Status!.Value).ToArray() : rows,
                NextCursor = more ? (answered + 1).ToString(CultureInfo.InvariantCulture) : null,
                Total = filterHere ? null : pagination?.Total,
            };
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
            string jobUid = JobUids.Validate(jobId);
            RequireIdempotencyKey(idempotencyKey!);
            string path = "jobs/" + Uri.EscapeDataString(jobUid) + "/cancel";
            var (envelope, response) = await SendAsync(HttpMethod.Post, path, null, EmptyObjectJson, idempotencyKey, RequestPriority.Submission, SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken).ConfigureAwait(false);
            string? requestId = envelope?.Meta?.RequestId ?? response.RequestId;
            return envelope?.Data == null
                ? new JobSnapshot { JobUid = jobUid, Provider = Name, Status = JobStatus.Cancelled, RequestId = requestId }
                : WireMapper.ToSnapshot(envelope.Data, requestId, jobUid, JobStatus.Cancelled);
        }

        /// <summary>Shows the base URI and the key mode, never the key: <c>SmartlyQClient https://api.smartlyq.com/v1 (Live key)</c>.</summary>
        public override string ToString() => "SmartlyQClient " + BaseUri + " (" + _mode + " key)";

        /// <summary>
        /// Releases the HTTP client (and its handler unless <see cref="SmartlyQClientOptions.Handler"/> was given);
        /// requests still waiting for the pacer fail with <see cref="ObjectDisposedException"/>.
        /// </summary>
        public void Dispose() => _transport.Dispose();

        /// <summary>
        /// Sends one API call (a POST with <paramref name="idempotencyKey"/> may be retried: it is keyed) and reads
        /// SmartlyQ's envelope. A 409 to a keyed POST is explained as key reuse where it is one; a 2xx envelope with
        /// <c>"success": false</c> is an error too; a body that is not the documented JSON gives <c>INVALID_RESPONSE</c>.
        /// </summary>
        private async Task<(ApiEnvelope<T>? Envelope, TransportResponse Response)> SendAsync<T>(
            HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>>? query, byte[]? body, string? idempotencyKey,
            RequestPriority priority, JsonTypeInfo<ApiEnvelope<T>> typeInfo, CancellationToken cancellationToken, bool conflictMeansKeyReuse = false)
        {
            var request = new TransportRequest(
                method, path, priority,
                idempotencyKey != null ? ReplayRule.Keyed : ReplayRule.Safe,
                query,
                idempotencyKey != null ? new[] { new KeyValuePair<string, string>(IdempotencyKeyHeader, idempotencyKey) } : null,
                body != null ? new JsonBody(body) : null);

            TransportResponse response;
            try
            {
                response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoApiException error) when (idempotencyKey != null && error.StatusCode == 409)
            {
                throw _errors.ExplainConflict(error, request.Operation, idempotencyKey, conflictMeansKeyReuse);
            }

            ReadOnlySpan<byte> json = response.TrimmedBody();
            if (json.Length == 0) return (null, response);

            ApiEnvelope<T>? envelope;
            try
            {
                envelope = JsonSerializer.Deserialize(json, typeInfo);
            }
            catch (JsonException ex)
            {
                throw _errors.InvalidResponse(response, request.Operation, "its body is not the documented JSON (" + ex.Message + ")");
            }
            if (envelope?.Success == false)
                throw _errors.FromEnvelope(response, envelope.Error, envelope.Message, envelope.Meta?.RequestId);
            return (envelope, response);
        }

        /// <summary>The settings of a client made from <see cref="SmartlyQClientOptions"/>.</summary>
        private static ProviderSettings Settings(SmartlyQClientOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            return new ProviderSettings
            {
                BaseUri = options.BaseUri,
                Credential = options.ApiKey?.ToCredential(),
                Handler = options.Handler,
                MaxRetries = options.MaxRetries,
                RetryBaseDelay = options.RetryBaseDelay,
                MaxRetryDelay = options.MaxRetryDelay,
                AttemptTimeout = options.AttemptTimeout,
                TotalTimeout = options.TotalTimeout,
                DownloadTotalTimeout = options.DownloadTotalTimeout,
                Pacing = options.Pacing,
                Log = options.Log,
                RequestLog = options.RequestLog,
                DebugLog = options.DebugLog,
            };
        }

        /// <summary>Required so a retried request cannot run twice; checked so it cannot add header lines of its own.</summary>
        private static void RequireIdempotencyKey(string idempotencyKey) => IdempotencyKeyRule.Validate(idempotencyKey, nameof(idempotencyKey), IdempotencyKeyHeader);
    }
}
