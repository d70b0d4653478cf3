using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Resilience;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// The HTTP layer every provider sends through; it knows no API. One instance owns one <see cref="HttpClient"/>
    /// and is safe to use from several threads at once. Every call retries 429, 408, 5xx, network errors and attempt
    /// timeouts (see <see cref="TransportOptions"/>) as the request's <see cref="ReplayRule"/> allows, within a total
    /// timeout, then throws <see cref="VideoApiException"/> for an error answer (built by the provider's
    /// <see cref="IResponseErrorReader"/>), <see cref="HttpRequestException"/> when the API could not be reached (with an
    /// inner <see cref="TimeoutException"/> when it did not answer in time; the message names the request and the
    /// limit), <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Uncertain"/> when an unkeyed POST may have
    /// reached the server without an answer, and <see cref="OperationCanceledException"/> as soon as the caller's token
    /// fires (never retried). Every attempt first waits for a permit of the key's rate limit (<see cref="RequestPacer"/>).
    /// The credential is sent only to the base URI's origin (downloads elsewhere go without it) and appears in no
    /// message, log line or <see cref="ToString"/>. <see cref="Statistics"/> counts requests, retries by cause and
    /// download resumes.
    /// </summary>
    internal sealed partial class HttpTransport : IDisposable
    {
        /// <summary>Bytes copied per read while downloading.</summary>
        internal const int DownloadBufferSize = 81920;

        private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new MediaTypeWithQualityHeaderValue("application/json");

        // Set when an attempt failed after its request may have left: the one fact that makes an unkeyed POST uncertain.
        private static readonly ResiliencePropertyKey<bool> MayHaveArrived = new ResiliencePropertyKey<bool>("Transport.MayHaveArrived");

        private readonly string _providerName;
        private readonly ApiCredential _credential;
        private readonly Uri _apiRoot;
        private readonly HttpClient _http;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly ResiliencePipeline<HttpResponseMessage> _downloadPipeline;
        private readonly IResponseErrorReader _errors;
        private readonly double? _seedRate;
        private readonly RequestPacer _pacer;
        private readonly TimeProvider _timeProvider;
        private readonly Action<string>? _log;
        private readonly int _maxRetries;
        private readonly TimeSpan _retryBaseDelay;
        private readonly TimeSpan _maxRetryDelay;
        private readonly TimeSpan _attemptTimeout;
        private readonly TimeSpan _totalTimeout;
        private readonly TimeSpan _downloadTotalTimeout;
        private int _disposed;

        /// <summary>
        /// Creates a transport. Throws <see cref="ArgumentException"/> naming the option it refuses: <c>ApiKey</c>
        /// without a credential; <c>BaseUri</c> when it is not absolute http(s), is plain http to a host other than
        /// loopback (localhost, 127.0.0.0/8, ::1) — https is required so the key never travels unencrypted — or holds a
        /// control character or line break, raw or percent-encoded in its path; a retry or timeout setting out of range.
        /// Without <see cref="TransportOptions.Handler"/> the handler comes from <see cref="ClientHandlerFactory"/>.
        /// </summary>
        public HttpTransport(TransportOptions options, TimeProvider timeProvider)
        {
            TransportOptionsValidation.Validate(options);
            _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            Statistics = options.Statistics ?? new ClientStatistics();
            _providerName = options.ProviderName;
            _credential = options.Credential!;
            BaseUri = options.BaseUri!;
            _apiRoot = ApiUris.NormalizeBase(BaseUri);
            _errors = options.ErrorReader!;
            _log = SafeLog(options.Log, _credential);
            Action<string>? requestLog = SafeLog(options.RequestLog, _credential);
            Action<string>? debugLog = SafeLog(options.DebugLog, _credential);
            _maxRetries = options.MaxRetries;
            _retryBaseDelay = options.RetryBaseDelay;
            _maxRetryDelay = options.MaxRetryDelay;
            _attemptTimeout = options.AttemptTimeout;
            _totalTimeout = options.TotalTimeout;
            _downloadTotalTimeout = options.DownloadTotalTimeout;
            _pacer = new RequestPacer(options.Pacing, timeProvider, _log, Statistics, options.MaxRetryDelay, options.PacingSeed, options.RateLimits!);
            _seedRate = options.PacingSeed.RequestsPerSecond;
            _pipeline = RetryPipelineFactory.Create(options, options.TotalTimeout, timeProvider, _log, Statistics, _pacer);
            _downloadPipeline = RetryPipelineFactory.Create(options, Timeout.InfiniteTimeSpan, timeProvider, _log, Statistics, _pacer);

            // A handler passed in belongs to the caller. Certificate validation stays as the platform does it.
            HttpMessageHandler handler = options.Handler ?? ClientHandlerFactory.Create();
            if (requestLog != null || debugLog != null) handler = new HttpTraceHandler(handler, _apiRoot, requestLog, debugLog, _credential.HeaderName);
            _http = new HttpClient(handler, disposeHandler: options.Handler == null);

            // The pipeline's attempt and total timeouts replace HttpClient's 100 s, which would also cut long downloads.
            _http.Timeout = Timeout.InfiniteTimeSpan;
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SmartlyQ.Video", ClientVersion()));
        }

        /// <summary>API root as configured, e.g. <c>https://api.openai.com/v1</c>.</summary>
        public Uri BaseUri { get; }

        /// <summary>The base with one trailing '/': request paths are relative to it.</summary>
        public Uri ApiRoot => _apiRoot;

        /// <summary>Requests sent, retries by cause, download resumes and restarts, 429s received and pacing waits.</summary>
        public ClientStatistics Statistics { get; }

        /// <summary>
        /// The key's request rate as the answers have shown it (limit ÷ window), else as the pacing seed assumes it (a
        /// documented or configured rate); null while neither says.
        /// </summary>
        public double? RequestsPerSecond => _pacer.RequestsPerSecond ?? _seedRate;

        /// <summary>The pacer every attempt passes (tests read its state).</summary>
        internal RequestPacer Pacer => _pacer;

        /// <summary>The credential's masked form, e.g. <c>sqk_live_…</c>.</summary>
        public string MaskedKey => _credential.Masked;

        /// <summary>
        /// Sends <paramref name="request"/> through the retry pipeline and returns its answer with the body read. A
        /// non-2xx answer is thrown as the provider's <see cref="VideoApiException"/> (see the class summary for the rest).
        /// </summary>
        public async Task<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            ThrowIfDisposed();
            Uri uri = request.Resolve(_apiRoot);
            string operation = request.Operation;

            HttpResponseMessage response = await ExecuteAsync(_pipeline, operation, request.Priority, request.Replay, async token =>
            {
                // A request message can be sent only once, so each attempt builds its own, body included.
                using var message = new HttpRequestMessage(request.Method, uri);
                message.Headers.Accept.Add(AcceptJson);
                _credential.Apply(message);
                foreach (KeyValuePair<string, string> header in request.Headers) message.Headers.Add(header.Key, header.Value);
                if (request.Body != null) message.Content = CreateContent(request.Body, operation);
                return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

            using (response)
            {
                byte[] body = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) throw Error(response, body, operation);
                TransportResponse answer = TransportResponse.From(response, body, RetryAfterHeader.Read(response, _timeProvider));
                answer.RequestId = _errors.RequestId(answer);
                return answer;
            }
        }

        /// <summary><paramref name="text"/> with the key removed (and its part after the public prefix), for text from elsewhere.</summary>
        public string Redact(string text) => _credential.Redact(text);

        /// <summary>Shows the base URI and the masked key, never the key: <c>HttpTransport https://api.openai.com/v1 (Bearer sk-proj-…)</c>.</summary>
        public override string ToString() => "HttpTransport " + BaseUri + " (" + _credential + ")";

        /// <summary>
        /// Releases the HTTP client (and its handler unless <see cref="TransportOptions.Handler"/> was given);
        /// requests still waiting for the pacer fail with <see cref="ObjectDisposedException"/>.
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _pacer.Dispose();
            _http.Dispose();
        }

        /// <summary>
        /// The provider's exception for an error answer: its reader sees the body with the key removed, and the
        /// message it builds is redacted again.
        /// </summary>
        private VideoApiException Error(HttpResponseMessage response, byte[] body, string operation)
        {
            byte[] clean = RedactBody(body);
            TransportResponse answer = TransportResponse.From(response, clean, RetryAfterHeader.Read(response, _timeProvider));
            answer.RequestId = _errors.RequestId(answer);
            VideoApiException error = _errors.Read(answer, operation);
            string message = Redact(error.Message);
            return message == error.Message ? error : error.WithMessage(message);
        }

        private async Task<VideoApiException> ErrorAsync(HttpResponseMessage response, string operation)
        {
            byte[] body = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return Error(response, body, operation);
        }

        private byte[] RedactBody(byte[] body)
        {
            if (body.Length == 0) return body;
            string text = Encoding.UTF8.GetString(body);
            string clean = Redact(text);
            return ReferenceEquals(text, clean) || text == clean ? body : Encoding.UTF8.GetBytes(clean);
        }

        /// <summary>A body that cannot be built (its file is gone) fails the call at once: nothing was sent, so nothing is retried.</summary>
        private HttpContent CreateContent(TransportBody body, string operation)
        {
            try
            {
                return body.CreateContent();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new InvalidOperationException(Redact(operation + " was not sent: its body could not be built (" + ex.Message + ")."), ex);
            }
        }

        /// <summary>
        /// Runs <paramref name="attempt"/> under <paramref name="pipeline"/>, each attempt paced as <paramref name="priority"/>
        /// and retried as <paramref name="replay"/> allows. A timeout that outlives the retries becomes
        /// <see cref="HttpRequestException"/> with an inner <see cref="TimeoutException"/>, both naming the request and
        /// the limit; an unkeyed POST that may have arrived becomes <see cref="ApiErrorKind.Uncertain"/>; the caller's
        /// cancellation is rethrown at once with the caller's token.
        /// </summary>
        private async Task<HttpResponseMessage> ExecuteAsync(
            ResiliencePipeline<HttpResponseMessage> pipeline, string operation, RequestPriority priority, ReplayRule replay,
            Func<CancellationToken, Task<HttpResponseMessage>> attempt, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ResilienceContext context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
            context.Properties.Set(PacingStrategy.Priority, priority);
            context.Properties.Set(RetryPipelineFactory.Replay, replay);
            if (ReferenceEquals(pipeline, _pipeline) && TransportOptionsValidation.IsLimited(_totalTimeout))
                context.Properties.Set(RetryPipelineFactory.Deadline, _timeProvider.GetUtcNow() + _totalTimeout);
            try
            {
                return await pipeline.ExecuteAsync(
                    async (ctx, run) =>
                    {
                        int number = ctx.Properties.GetValue(RetryPipelineFactory.Attempts, 0) + 1;
                        ctx.Properties.Set(RetryPipelineFactory.Attempts, number);
                        Statistics.AddRequest();
                        // Read by the trace handler in this attempt's flow: its request line says why it was retried.
                        HttpTraceHandler.SetAttempt(number, number > 1 ? ctx.Properties.GetValue<string?>(RetryPipelineFactory.LastFailure!, null) : null);
                        try
                        {
                            return await run(ctx.CancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (!TransientFailure.IsConnectFailure(ex) && !(ex is InvalidOperationException))
                        {
                            ctx.Properties.Set(MayHaveArrived, true);
                            throw;
                        }
                    },
                    context,
                    attempt).ConfigureAwait(false);
            }
            catch (Exception ex) when (replay == ReplayRule.Unsafe && !cancellationToken.IsCancellationRequested
                                       && context.Properties.GetValue(MayHaveArrived, false) && IsTransportFailure(ex))
            {
                throw Uncertain(operation, context, ex);
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

        /// <summary>A network failure or timeout (not an error answer, not a body that could not be built).</summary>
        private static bool IsTransportFailure(Exception ex)
            => ex is HttpRequestException || ex is IOException || ex is TimeoutRejectedException || ex is OperationCanceledException;

        /// <summary>"POST /videos timed out after it was sent; …": a submission that may or may not have made a job.</summary>
        private VideoApiException Uncertain(string operation, ResilienceContext context, Exception cause)
        {
            string what = cause is TimeoutRejectedException rejected
                ? "got no answer within " + TransientFailure.Seconds(rejected.Timeout) + " (AttemptTimeout)"
                : cause is OperationCanceledException
                    ? (context.Properties.GetValue(RetryPipelineFactory.TotalTimedOut, false) ? "got no answer within the total timeout of " + TransientFailure.Seconds(_totalTimeout) : "got no answer (the HTTP handler gave up waiting)")
                    : "lost its connection (" + TransientFailure.WithCause(cause) + ")";
            string text = Redact(operation + " " + what + " after it was sent. It was not retried: " + _providerName
                + " takes no idempotency key, so a repeat could start a second job. Whether the first one exists is unknown.");
            return new VideoApiException(_providerName, 0, ApiErrorKind.Uncertain, "SUBMISSION_UNCERTAIN", text, innerException: Leaks(cause) ? null : cause);
        }

        /// <summary>True when the exception's text, inner exceptions included, holds the key (a proxy that echoed the header).</summary>
        private bool Leaks(Exception ex)
        {
            string text = ex.ToString();
            return Redact(text) != text;
        }

        /// <summary>A copy with the key removed from the message and without the inner exceptions that held it.</summary>
        private Exception Scrubbed(Exception ex)
            => ex is IOException ? new IOException(Redact(ex.Message)) : (Exception)new HttpRequestException(Redact(ex.Message));

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
            text = Redact(text);
            return new HttpRequestException(text, new TimeoutException(text, cause));
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(HttpTransport));
        }

        /// <summary>The caller's log, with the key and URL query strings removed and its failures kept away from the request.</summary>
        private static Action<string>? SafeLog(Action<string>? log, ApiCredential credential)
        {
            if (log == null) return null;
            return line =>
            {
                try
                {
                    log(ApiUris.StripQueries(credential.Redact(line)));
                }
                catch (Exception)
                {
                    // A broken log sink must not fail a paid submission.
                }
            };
        }

        private static string ClientVersion()
        {
            Version? version = typeof(HttpTransport).Assembly.GetName().Version;
            return version == null ? "0.0.0" : version.ToString(3);
        }
    }
}
