using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Core.Json;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>
    /// The NanoGPT video API (<c>https://nano-gpt.com/api</c>) as a video provider, over an <see cref="HttpTransport"/>:
    /// the model catalog (<c>GET v1/video-models</c>), submissions (<c>POST generate-video</c>), the unified status
    /// endpoint (<c>GET video/status</c>), downloads of finished videos (relative content-proxy URLs included) and the
    /// balance (<c>POST check-balance</c>, which also proves the key on connect). The key travels as <c>x-api-key</c>,
    /// only to the base URI's origin. NanoGPT takes no idempotency key, so a submission is never retried once it may
    /// have reached the server: a lost answer is <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Uncertain"/>.
    /// It lists no jobs, cancels none and sends no rate-limit headers (only <c>Retry-After</c> on a 429, which the
    /// transport honours), so requests are paced at the documented global limit, <see cref="DocumentedRateLimit"/>.
    /// Errors are read by <see cref="NanoGptErrorReader"/>. Safe to use from several threads.
    /// </summary>
    public sealed class NanoGptClient : IVideoProvider, IAccountProvider, IBalanceProvider, IRateBudget
    {
        /// <summary>
        /// NanoGPT's documented global limit, 25 requests per second (<c>miscellaneous/rate-limits.mdx</c>). No header
        /// ever states the key's limit, so the pacer keeps this one: as the key's only client, no 429 from pace.
        /// </summary>
        internal static readonly RateLimitSeed DocumentedRateLimit = new RateLimitSeed(25, TimeSpan.FromSeconds(1));

        private const string GeneratePath = "generate-video";
        private const string StatusPath = "video/status";
        private const string ModelsPath = "v1/video-models";
        private const string BalancePath = "check-balance";

        private static readonly KeyValuePair<string, string>[] Detailed = { new KeyValuePair<string, string>("detailed", "true") };

        private readonly HttpTransport _transport;
        private readonly NanoGptErrorReader _errors;

        /// <summary>
        /// The client Connect builds from the registry (<see cref="NanoGptProvider.Entry"/>). Throws
        /// <see cref="ArgumentException"/> naming <c>ApiKey</c> without a credential, and naming <c>BaseUri</c> for a base
        /// URI the transport refuses (not absolute http(s), plain http to a host other than loopback, control characters).
        /// </summary>
        internal NanoGptClient(ProviderSettings settings, TimeProvider timeProvider)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));
            ApiCredential credential = settings.Credential
                ?? throw new ArgumentException("ApiKey is required: pass a NanoGPT key (it starts with sk-nano-).", "ApiKey");
            _errors = new NanoGptErrorReader(credential);
            _transport = new HttpTransport(
                TransportOptions.From(settings, NanoGptProvider.Name, NanoGptProvider.DefaultBaseUri, _errors, new NanoGptRateLimitReader(), DocumentedRateLimit),
                timeProvider);
        }

        /// <summary><c>NanoGPT</c>.</summary>
        public string Name => NanoGptProvider.Name;

        /// <summary>API root as configured, e.g. <c>https://nano-gpt.com/api</c>.</summary>
        public Uri BaseUri => _transport.BaseUri;

        /// <summary>Requests, retries by cause, download resumes, 429s and pacing waits since this client was created.</summary>
        public ClientStatistics Statistics => _transport.Statistics;

        /// <summary>
        /// The documented 25 requests per second: NanoGPT's answers never carry a limit, so the job tracker spaces its
        /// one-request-per-job polls by the documented one rather than by its cautious default.
        /// </summary>
        public double? RequestsPerSecond => _transport.RequestsPerSecond;

        /// <summary>
        /// NanoGPT has no account endpoint: the key is proved with <c>POST check-balance</c>, which needs a valid key
        /// (the model list does not: its auth is optional). Returns an empty <see cref="AccountInfo"/>. A missing or
        /// invalid key gives <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Unauthorized"/>.
        /// </summary>
        public async Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken)
        {
            await GetBalanceAsync(cancellationToken).ConfigureAwait(false);
            return new AccountInfo();
        }

        /// <summary>
        /// <c>POST check-balance</c> (no body; a read, so it is retried like a GET): <c>usd_balance</c> in USD (a string
        /// of up to 8 decimals, or a number). <c>nano_balance</c> (XNO) is not reported: <see cref="WalletBalance"/> has one currency.
        /// </summary>
        public async Task<WalletBalance> GetBalanceAsync(CancellationToken cancellationToken)
        {
            var request = new TransportRequest(HttpMethod.Post, BalancePath, RequestPriority.Normal, ReplayRule.Safe);
            var (dto, response) = await _transport.SendJsonAsync(request, NanoGptJsonContext.Default.NanoGptBalanceDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            decimal? usd = LenientJson.Decimal(dto?.UsdBalance);
            if (usd == null) throw _errors.InvalidResponse(response, request.Operation, "its body holds no usd_balance");
            return new WalletBalance
            {
                Balance = usd.Value,
                Currency = NanoGptCatalog.DefaultCurrency,
                Provider = Name,
                RequestId = response.RequestId,
            };
        }

        /// <summary>
        /// <c>GET v1/video-models?detailed=true</c>: every video model with the values it accepts, mapped by
        /// <see cref="NanoGptCatalog"/> (source <c>GET /api/v1/video-models</c>; prices in the catalog's currency, USD).
        /// Entries without an id are skipped.
        /// </summary>
        public async Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            var request = new TransportRequest(HttpMethod.Get, ModelsPath, RequestPriority.Normal, ReplayRule.Safe, Detailed);
            var (dto, response) = await _transport.SendJsonAsync(request, NanoGptJsonContext.Default.NanoGptModelListDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            if (dto?.Data == null) throw _errors.InvalidResponse(response, request.Operation, "its body has no data list");
            return dto.Data.Select(NanoGptCatalog.ToModel).Where(m => m != null).Select(m => m!).ToArray();
        }

        /// <summary>
        /// <c>POST generate-video</c> with the body <see cref="NanoGptRequestBody"/> writes (a local ImagePath becomes
        /// <c>imageDataUrl</c>). Returns the 202 (or 200) answer: <c>runId</c> (else <c>id</c>), first status, and
        /// <c>cost</c>/<c>remainingBalance</c> in <c>paymentSource</c> (USD, or XNO when paid in Nano).
        /// <see cref="SubmitOptions.IdempotencyKey"/> is ignored (NanoGPT takes none), so the POST is retried only when it
        /// provably never reached the server; otherwise a lost answer is <see cref="ApiErrorKind.Uncertain"/>.
        /// A request NanoGPT cannot express gives <see cref="ArgumentException"/> and nothing is sent (see
        /// <see cref="NanoGptRequestBody.Write"/>). 400 (invalid parameters, unknown model, safety filter), 401 and 402
        /// (with the required balance) come as <see cref="VideoApiException"/>.
        /// </summary>
        public async Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (options == null) throw new ArgumentNullException(nameof(options));
            byte[] body = NanoGptRequestBody.Write(request);
            var message = new TransportRequest(HttpMethod.Post, GeneratePath, RequestPriority.Submission, ReplayRule.Unsafe, body: new JsonBody(body));
            var (dto, response) = await _transport.SendJsonAsync(message, NanoGptJsonContext.Default.NanoGptSubmitDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            string? runId = string.IsNullOrWhiteSpace(dto?.RunId) ? dto?.Id : dto!.RunId;
            if (dto == null || string.IsNullOrWhiteSpace(runId))
                throw _errors.InvalidResponse(response, message.Operation, "its body names no runId; the job may exist but cannot be followed");
            decimal? cost = LenientJson.Decimal(dto.Cost);
            decimal? remaining = LenientJson.Decimal(dto.RemainingBalance);
            string? status = string.IsNullOrWhiteSpace(dto.Status) ? null : dto.Status!.Trim();
            return new JobSubmission
            {
                JobUid = runId!.Trim(),
                Status = status == null ? JobStatus.Queued : NanoGptStatus.ToNeutral(status),
                ProviderStatus = status,
                Usage = cost == null && remaining == null ? null : new ApiUsage
                {
                    Units = 1,
                    Cost = cost ?? 0m,
                    BalanceRemaining = remaining,
                    Currency = string.IsNullOrWhiteSpace(dto.PaymentSource) ? NanoGptCatalog.DefaultCurrency : dto.PaymentSource!.Trim().ToUpperInvariant(),
                },
                RequestId = response.RequestId,
            };
        }

        /// <summary>
        /// <c>GET video/status?requestId=&lt;runId&gt;</c> (the unified endpoint; no model needed). Reads <c>data.status</c>,
        /// else the top-level <c>status</c>, keeping the word as <see cref="JobSnapshot.ProviderStatus"/> and mapping it
        /// with <see cref="NanoGptStatus"/>; the video URL from <c>data.output.video.url</c>, else <c>data.output.url</c>,
        /// <c>videoUrl</c>, <c>video_url</c>, <c>videos[0].url</c>, made absolute (a root-relative URL such as
        /// <c>/api/generate-video/content?…</c> against the base URI's origin, another relative one against the base URI).
        /// A failed job's error is <c>data.error</c> (else <c>userFriendlyError</c>, else the top-level <c>error</c>), code
        /// <c>NSFW_CONTENT</c> when <c>isNSFWError</c>. Unknown id: 404 NotFound; another account's: 403 Forbidden.
        /// An id that is empty or has anything but letters, digits, <c>_</c> and <c>-</c> gives
        /// <see cref="ArgumentException"/> naming <c>JobUid</c>, and nothing is sent.
        /// </summary>
        public async Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
        {
            string runId = JobUids.Validate(jobId);
            var request = new TransportRequest(HttpMethod.Get, StatusPath, RequestPriority.Poll, ReplayRule.Safe,
                new[] { new KeyValuePair<string, string>("requestId", runId) });
            var (dto, response) = await _transport.SendJsonAsync(request, NanoGptJsonContext.Default.NanoGptStatusDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            if (dto == null) throw _errors.InvalidResponse(response, request.Operation, "its body is empty");
            NanoGptStatusDataDto? data = dto.Data;
            string? word = LenientJson.FirstText(data?.Status, dto.Status);
            if (word == null) throw _errors.InvalidResponse(response, request.Operation, "its body has no status");
            JobStatus status = NanoGptStatus.ToNeutral(word);

            string? url = LenientJson.FirstText(data?.Output?.Video?.Url, data?.Output?.Url, dto.Output?.Video?.Url, dto.Output?.Url, dto.VideoUrl, dto.VideoUrlSnake,
                dto.Videos?.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v?.Url))?.Url);
            return new JobSnapshot
            {
                // The id asked for, not the answer's: a legacy provider id there must not replace the runId the journal knows.
                JobUid = runId,
                Provider = Name,
                Status = status,
                ProviderStatus = word,
                VideoUrl = ApiUris.ResolveAnswerUrl(_transport.ApiRoot, url, pathRelative: true),
                Model = LenientJson.FirstText(dto.Model),
                Error = status == JobStatus.Failed ? FailureOf(dto, data) : null,
                CreatedAt = LenientJson.Timestamp(dto.CreatedAt),
                UpdatedAt = LenientJson.Timestamp(dto.CompletedAt),
                RequestId = response.RequestId,
            };
        }

        /// <summary>
        /// Streams the finished video of <paramref name="job"/> from its <see cref="JobSnapshot.VideoUrl"/> through the
        /// transport (<see cref="HttpTransport.DownloadAsync"/>: bounded buffer, retries, <c>Range</c> resume, length
        /// check, continuing <paramref name="resume"/>'s kept bytes only for the same file). The key goes only to the API's
        /// origin — NanoGPT's content proxy (<c>/api/generate-video/content</c>) needs it; a CDN URL never sees it.
        /// A job without a video URL gives <see cref="ArgumentException"/>.
        /// </summary>
        public Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            if (job.VideoUrl == null) throw new ArgumentException("Job " + job.JobUid + " has no video URL (status " + job.Status.ToText() + ").", nameof(job));
            return _transport.DownloadAsync(job.VideoUrl, sendCredential: true, destination, resume, progress, cancellationToken);
        }

        /// <summary>Shows the base URI, never the key: <c>NanoGptClient https://nano-gpt.com/api</c>.</summary>
        public override string ToString() => "NanoGptClient " + BaseUri;

        /// <summary>Releases the HTTP client (and its handler unless the settings gave one).</summary>
        public void Dispose() => _transport.Dispose();

        private static JobError FailureOf(NanoGptStatusDto dto, NanoGptStatusDataDto? data)
        {
            string? error = LenientJson.TextOrMessage(data?.Error) ?? LenientJson.TextOrMessage(dto.Error);
            string? friendly = LenientJson.FirstText(data?.UserFriendlyError);
            string? message = error != null && friendly != null && !string.Equals(error, friendly, StringComparison.Ordinal)
                ? error + " (" + friendly + ")"
                : error ?? friendly;
            return new JobError(LenientJson.True(data?.IsNsfwError) ? "NSFW_CONTENT" : "JOB_FAILED", message);
        }
    }
}
