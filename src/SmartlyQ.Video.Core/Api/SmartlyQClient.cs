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
using SmartlyQ.Video.Core.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Resilience;

namespace SmartlyQ.Video.Core.Api
{
    /// <summary>
    /// HTTP client of the SmartlyQ API (<c>https://api.smartlyq.com/v1</c>): account, models, video jobs and the
    /// download of finished videos. One instance owns one <see cref="HttpClient"/>; it is safe to use from several
    /// threads at once. Every call retries 429, 408, 5xx, network errors and timeouts (see
    /// <see cref="SmartlyQClientOptions"/>), then throws <see cref="SmartlyQApiException"/> for an error answer,
    /// <see cref="HttpRequestException"/> when the API could not be reached, and
    /// <see cref="OperationCanceledException"/> as soon as the caller's token fires.
    /// The API key is sent only to the base URI's origin and appears in no message, log line or
    /// <see cref="ToString"/>.
    /// </summary>
    public sealed class SmartlyQClient : IVideoProvider, IAccountProvider, IDisposable
    {
        /// <summary>Bytes copied per read while downloading.</summary>
        internal const int DownloadBufferSize = 81920;

        private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new MediaTypeWithQualityHeaderValue("application/json");
        private static readonly byte[] EmptyObjectJson = JsonSerializer.SerializeToUtf8Bytes(new EmptyObjectDto(), SmartlyQJsonContext.Default.EmptyObjectDto);

        private readonly ApiKey _apiKey;
        private readonly Uri _apiRoot;
        private readonly HttpClient _http;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly ApiErrorReader _errors;
        private int _disposed;

        /// <summary>
        /// Creates a client. Throws <see cref="ArgumentException"/> naming <c>ApiKey</c> when no key is given, and
        /// naming <c>BaseUri</c> when the base URI is not absolute http(s) or is plain http to a host other than
        /// loopback (localhost, 127.0.0.0/8, ::1) — https is required so the key never travels unencrypted.
        /// </summary>
        public SmartlyQClient(SmartlyQClientOptions options)
            : this(options, TimeProvider.System)
        {
        }

        /// <summary>As the public constructor, with the clock that retry waits use (tests pass a fake one).</summary>
        internal SmartlyQClient(SmartlyQClientOptions options, TimeProvider timeProvider)
        {
            SmartlyQClientOptionsValidation.Validate(options);
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));

            _apiKey = options.ApiKey!;
            BaseUri = options.BaseUri;
            _apiRoot = ApiUris.NormalizeBase(options.BaseUri);
            var redactor = new SecretRedactor(_apiKey);
            _errors = new ApiErrorReader(redactor, timeProvider);
            _pipeline = RetryPipelineFactory.Create(options, timeProvider, SafeLog(options.Log, redactor));

            // A handler passed in belongs to the caller. Certificate validation stays as the platform does it.
            _http = options.Handler != null
                ? new HttpClient(options.Handler, disposeHandler: false)
                : new HttpClient(new HttpClientHandler(), disposeHandler: true);
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SmartlyQ.Video", ClientVersion()));
        }

        /// <summary>API root as configured, e.g. <c>https://api.smartlyq.com/v1</c>; every endpoint path is relative to it.</summary>
        public Uri BaseUri { get; }

        /// <summary>
        /// <c>GET /me</c>: the account the key belongs to (id, name, email, workspace names, key scopes).
        /// A missing or invalid key gives <see cref="SmartlyQApiException"/> with status 401.
        /// </summary>
        public async Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken)
        {
            const string path = "me";
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, SmartlyQJsonContext.Default.ApiEnvelopeAccountDto, cancellationToken).ConfigureAwait(false);
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
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, SmartlyQJsonContext.Default.ApiEnvelopeBalanceDto, cancellationToken).ConfigureAwait(false);
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
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, SmartlyQJsonContext.Default.ApiEnvelopeListVideoModelDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (envelope?.Data == null) throw _errors.InvalidResponse(response, Operation(HttpMethod.Get, path), "its body has no data list");
                return envelope.Data.Select(WireMapper.ToModel).Where(m => m != null).Select(m => m!).ToArray();
            }
        }

        /// <summary>
        /// <c>POST /videos/generate</c> with the request as snake_case JSON (null fields left out) and
        /// <c>X-Idempotency-Key: <paramref name="idempotencyKey"/></c> on every attempt, so a retried submission is
        /// answered with the first job instead of a second charge. Returns the 202 answer: <c>job_uid</c>, first status
        /// and <c>usage</c> (cost in SQC). Throws <see cref="ArgumentException"/> when <c>Model</c>, <c>Type</c> or the
        /// key is empty; 402 (no credits) and 422 (value not supported by the model) come as <see cref="SmartlyQApiException"/>.
        /// </summary>
        public async Task<JobSubmission> SubmitAsync(VideoRequest request, string idempotencyKey, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.Model)) throw new ArgumentException("The video request needs a model id (see GET /videos/models).", nameof(request));
            if (string.IsNullOrWhiteSpace(request.Type)) throw new ArgumentException("The video request needs a type: text_to_video or image_to_video.", nameof(request));
            RequireIdempotencyKey(idempotencyKey);

            const string path = "videos/generate";
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToWire(request), SmartlyQJsonContext.Default.VideoGenerateRequestDto);
            var (envelope, response) = await SendAsync(HttpMethod.Post, path, body, idempotencyKey, SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                string? jobUid = envelope?.Data?.AnyId;
                if (envelope?.Data == null || jobUid == null)
                    throw _errors.InvalidResponse(response, Operation(HttpMethod.Post, path), "its body names no job_uid");
                return new JobSubmission
                {
                    JobUid = jobUid,
                    Status = string.IsNullOrWhiteSpace(envelope.Data.Status) ? JobStatus.Queued : JobStatusExtensions.Parse(envelope.Data.Status),
                    Usage = WireMapper.ToUsage(envelope.Usage),
                    RequestId = envelope.Meta?.RequestId ?? RequestIdHeader(response),
                };
            }
        }

        /// <summary>
        /// <c>GET /jobs/{job_uid}</c> (the uid is URL-escaped): status, and once finished <c>result.video_url</c>
        /// or <c>error</c>. Unknown uid: <see cref="SmartlyQApiException"/> with status 404.
        /// </summary>
        public async Task<JobSnapshot> GetJobAsync(string jobUid, CancellationToken cancellationToken)
        {
            RequireJobUid(jobUid);
            string path = "jobs/" + Uri.EscapeDataString(jobUid);
            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (envelope?.Data == null) throw _errors.InvalidResponse(response, Operation(HttpMethod.Get, path), "its body has no job object");
                return WireMapper.ToSnapshot(envelope.Data, envelope.Meta?.RequestId ?? RequestIdHeader(response), jobUid);
            }
        }

        /// <summary>
        /// <c>GET /jobs?status=&amp;type=&amp;page=&amp;per_page=</c> (null filters left out): one page of jobs, newest first,
        /// with its <c>pagination</c>. When the API sends no <c>pagination</c>, page and size are the ones asked for.
        /// </summary>
        public async Task<JobPage> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
        {
            query ??= new JobQuery();
            var parameters = new List<string>();
            if (!string.IsNullOrEmpty(query.Status)) parameters.Add("status=" + Uri.EscapeDataString(query.Status));
            if (!string.IsNullOrEmpty(query.Type)) parameters.Add("type=" + Uri.EscapeDataString(query.Type));
            parameters.Add("page=" + query.Page.ToString(CultureInfo.InvariantCulture));
            parameters.Add("per_page=" + query.PerPage.ToString(CultureInfo.InvariantCulture));
            string path = "jobs?" + string.Join("&", parameters);

            var (envelope, response) = await SendAsync(HttpMethod.Get, path, null, null, SmartlyQJsonContext.Default.ApiEnvelopeListJobDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (envelope?.Data == null) throw _errors.InvalidResponse(response, Operation(HttpMethod.Get, path), "its body has no data list");
                string? requestId = envelope.Meta?.RequestId ?? RequestIdHeader(response);
                JobSnapshot[] jobs = envelope.Data.Where(j => j != null).Select(j => WireMapper.ToSnapshot(j!, requestId)).ToArray();
                PaginationDto? page = envelope.Pagination;
                int pageNumber = page?.Page ?? query.Page;
                int perPage = page?.PerPage ?? query.PerPage;
                return new JobPage
                {
                    Jobs = jobs,
                    Page = pageNumber,
                    PerPage = perPage,
                    Total = page?.Total ?? Math.Max(0, pageNumber - 1) * perPage + jobs.Length,
                    Pages = page?.Pages ?? pageNumber,
                };
            }
        }

        /// <summary>
        /// <c>POST /jobs/{job_uid}/cancel</c> with body <c>{}</c> and <c>X-Idempotency-Key</c>; returns the job as the API
        /// reports it. An answer without a job body (e.g. 204) yields the uid with status <c>cancelled</c>.
        /// A job already finished gives <see cref="SmartlyQApiException"/> (409 in the emulator).
        /// </summary>
        public async Task<JobSnapshot> CancelJobAsync(string jobUid, string idempotencyKey, CancellationToken cancellationToken)
        {
            RequireJobUid(jobUid);
            RequireIdempotencyKey(idempotencyKey);
            string path = "jobs/" + Uri.EscapeDataString(jobUid) + "/cancel";
            var (envelope, response) = await SendAsync(HttpMethod.Post, path, EmptyObjectJson, idempotencyKey, SmartlyQJsonContext.Default.ApiEnvelopeJobDto, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                string? requestId = envelope?.Meta?.RequestId ?? RequestIdHeader(response);
                return envelope?.Data == null
                    ? new JobSnapshot { JobUid = jobUid, Status = JobStatus.Cancelled, RequestId = requestId }
                    : WireMapper.ToSnapshot(envelope.Data, requestId, jobUid, JobStatus.Cancelled);
            }
        }

        /// <summary>
        /// GET of a finished job's <c>result.video_url</c>, streamed into <paramref name="destination"/> in
        /// 81,920-byte chunks; <paramref name="progress"/> receives the cumulative bytes written. Returns the bytes written.
        /// The API key is sent only when the URL has the base URI's scheme, host and port (CDN hosts never see it).
        /// Transient failures are retried only before the first byte is written. A non-2xx answer gives
        /// <see cref="SmartlyQApiException"/>; a body shorter or longer than its <c>Content-Length</c>, or a connection
        /// lost midway, gives <see cref="IOException"/>.
        /// </summary>
        public async Task<long> DownloadAsync(Uri videoUrl, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (videoUrl == null) throw new ArgumentNullException(nameof(videoUrl));
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (!videoUrl.IsAbsoluteUri || videoUrl.Scheme != Uri.UriSchemeHttps && videoUrl.Scheme != Uri.UriSchemeHttp)
                throw new ArgumentException("The video URL must be an absolute http(s) URL.", nameof(videoUrl));
            if (!destination.CanWrite) throw new ArgumentException("The destination stream is not writable.", nameof(destination));
            ThrowIfDisposed();

            bool sendKey = ApiUris.SameOrigin(videoUrl, _apiRoot);
            string operation = "GET " + ApiUris.WithoutQuery(videoUrl);
            var buffer = new byte[DownloadBufferSize];
            Stream? body = null;
            int firstRead = 0;

            HttpResponseMessage response = await ExecuteAsync(operation, async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, videoUrl);
                if (sendKey) AddAuthorization(request);
                HttpResponseMessage answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                if (!answer.IsSuccessStatusCode) return answer;
                try
                {
                    // The first read happens inside the retry so a connection lost before any byte is retried.
                    body = await answer.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    firstRead = await body.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false);
                    return answer;
                }
                catch
                {
                    answer.Dispose();
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);

            using (response)
            {
                if (!response.IsSuccessStatusCode) throw await _errors.FromResponseAsync(response).ConfigureAwait(false);
                long? expected = response.Content.Headers.ContentLength;
                long written = 0;
                int read = firstRead;
                try
                {
                    while (read > 0)
                    {
                        await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                        written += read;
                        progress?.Report(written);
                        read = await body!.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (HttpRequestException ex)
                {
                    throw new IOException(DownloadBrokeOff(operation, written, expected), ex);
                }
                catch (IOException ex) when (!(ex is EndOfStreamException))
                {
                    throw new IOException(DownloadBrokeOff(operation, written, expected), ex);
                }

                if (expected.HasValue && expected.Value != written)
                    throw new IOException(string.Format(CultureInfo.InvariantCulture,
                        "Download of {0} is incomplete: expected {1} bytes (Content-Length) but received {2} bytes.", operation, expected.Value, written));
                return written;
            }
        }

        /// <summary>Shows the base URI and the key mode, never the key: <c>SmartlyQClient https://api.smartlyq.com/v1 (Live key)</c>.</summary>
        public override string ToString() => "SmartlyQClient " + BaseUri + " (" + _apiKey.Mode + " key)";

        /// <summary>Releases the HTTP client (and its handler unless <see cref="SmartlyQClientOptions.Handler"/> was given).</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _http.Dispose();
        }

        /// <summary>
        /// Sends one API call through the retry pipeline and reads the envelope. The response is returned still open
        /// (content already buffered) so callers can read headers; they dispose it.
        /// </summary>
        private async Task<(ApiEnvelope<T>? Envelope, HttpResponseMessage Response)> SendAsync<T>(
            HttpMethod method, string path, byte[]? body, string? idempotencyKey, JsonTypeInfo<ApiEnvelope<T>> typeInfo, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            Uri uri = ApiUris.Combine(_apiRoot, path);
            string operation = Operation(method, path);

            HttpResponseMessage response = await ExecuteAsync(operation, async token =>
            {
                // A request message can be sent only once, so each attempt builds its own with the same key.
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Accept.Add(AcceptJson);
                AddAuthorization(request);
                if (idempotencyKey != null) request.Headers.TryAddWithoutValidation("X-Idempotency-Key", idempotencyKey);
                if (body != null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

            try
            {
                if (!response.IsSuccessStatusCode) throw await _errors.FromResponseAsync(response).ConfigureAwait(false);
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

        /// <summary>Runs <paramref name="attempt"/> under the retry pipeline; a timeout that outlives the retries becomes <see cref="HttpRequestException"/>.</summary>
        private async Task<HttpResponseMessage> ExecuteAsync(string operation, Func<CancellationToken, Task<HttpResponseMessage>> attempt, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ResilienceContext context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
            try
            {
                return await _pipeline.ExecuteAsync(
                    async (ctx, run) => await run(ctx.CancellationToken).ConfigureAwait(false),
                    context,
                    attempt).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Not the caller's cancellation: HttpClient gave up waiting for an answer.
                string text = string.Format(CultureInfo.InvariantCulture, "{0} timed out: no answer within {1:0} s.", operation, _http.Timeout.TotalSeconds);
                throw new HttpRequestException(text, new TimeoutException(text, ex));
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private void AddAuthorization(HttpRequestMessage request)
            => request.Headers.TryAddWithoutValidation("Authorization", _apiKey.ToBearerValue());

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

        private static void RequireJobUid(string jobUid)
        {
            if (string.IsNullOrWhiteSpace(jobUid)) throw new ArgumentException("A job uid is required, e.g. job_a1b2c3d4e5f6.", nameof(jobUid));
        }

        private static void RequireIdempotencyKey(string idempotencyKey)
        {
            if (string.IsNullOrWhiteSpace(idempotencyKey))
                throw new ArgumentException("An idempotency key is required so a retried request cannot run twice.", nameof(idempotencyKey));
        }

        private static string DownloadBrokeOff(string operation, long written, long? expected)
            => string.Format(CultureInfo.InvariantCulture, "Download of {0} broke off after {1} bytes{2}.",
                operation, written, expected.HasValue ? " of " + expected.Value.ToString(CultureInfo.InvariantCulture) : "");

        private static ReadOnlySpan<byte> TrimUtf8(byte[] bytes)
        {
            ReadOnlySpan<byte> span = bytes;
            if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span.Slice(3);
            int start = 0;
            while (start < span.Length && (span[start] == ' ' || span[start] == '\t' || span[start] == '\r' || span[start] == '\n')) start++;
            return span.Slice(start);
        }

        /// <summary>The caller's log, with the key removed and its failures kept away from the request.</summary>
        private static Action<string>? SafeLog(Action<string>? log, SecretRedactor redactor)
        {
            if (log == null) return null;
            return line =>
            {
                try
                {
                    log(redactor.Redact(line));
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
