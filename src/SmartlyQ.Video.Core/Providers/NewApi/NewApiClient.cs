using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Core.Json;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// A self-hosted new-api gateway's task endpoint as a video provider (research-2026-12/new-api-gateway.md), over an
    /// <see cref="HttpTransport"/>: the model list (<c>GET models</c>, which needs the token and so also proves it on
    /// connect), submissions (<c>POST video/generations</c>), task fetches (<c>GET video/generations/{task_id}</c>) and
    /// downloads of the result URL. The token travels as <c>Authorization: Bearer</c>, only to the base URI's origin.
    /// new-api takes no idempotency key, lists no tasks and cancels none, so a submission is never retried once it may
    /// have reached the gateway (a lost answer is <see cref="ApiErrorKind.Uncertain"/>). It sends no rate-limit
    /// headers, so requests are paced at <see cref="ConservativeRateLimit"/>. Errors are read by
    /// <see cref="NewApiErrorReader"/>; request ids come from <c>X-Oneapi-Request-Id</c>. Safe to use from several threads.
    /// </summary>
    public sealed class NewApiClient : IVideoProvider, IRateBudget
    {
        /// <summary>
        /// 10 requests per second. new-api documents no limit for its relay: the video routes carry no global limiter
        /// (its <c>GLOBAL_API_RATE_LIMIT</c>, 180–360 per 180 s per IP, guards the dashboard's <c>/api</c>), answers carry no
        /// limit headers, and a task fetch is a database read (the gateway's own poller asks the upstream every 15 s).
        /// What can bite is an operator's per-model request limit, whose 429 has no Retry-After. So the pace is a
        /// conservative 10/s — enough for the job tracker to poll 1,000 tasks every 400 s at its quarter share, far
        /// fewer than a default 1/s would allow — and a 429 backs off with the transport's retries.
        /// </summary>
        internal static readonly RateLimitSeed ConservativeRateLimit = new RateLimitSeed(10, TimeSpan.FromSeconds(1));

        private const string GeneratePath = "video/generations";
        private const string ModelsPath = "models";

        private readonly HttpTransport _transport;
        private readonly NewApiErrorReader _errors;

        /// <summary>
        /// The client Connect builds from the registry (<see cref="NewApiProvider.Entry"/>). Throws
        /// <see cref="ArgumentException"/> naming <c>ApiKey</c> without a credential, and naming <c>BaseUri</c> without a
        /// base URI (a gateway has no public address) or for one the transport refuses (not absolute http(s), plain http to a host other than loopback).
        /// </summary>
        internal NewApiClient(ProviderSettings settings, TimeProvider timeProvider)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));
            ApiCredential credential = settings.Credential
                ?? throw new ArgumentException("ApiKey is required: pass a token of the new-api gateway (usually sk-…).", "ApiKey");
            if (settings.BaseUri == null)
                throw new ArgumentException(NewApiProvider.MissingBaseUriMessage, "BaseUri");
            _errors = new NewApiErrorReader(credential);
            _transport = new HttpTransport(
                TransportOptions.From(settings, NewApiProvider.Name, new Uri("https://your-gateway.example/v1"), _errors, new NewApiRateLimitReader(), ConservativeRateLimit),
                timeProvider);
        }

        /// <summary><c>NewApi</c>.</summary>
        public string Name => NewApiProvider.Name;

        /// <summary>API root as configured, e.g. <c>https://gateway.example.com/v1</c>.</summary>
        public Uri BaseUri => _transport.BaseUri;

        /// <summary>Requests, retries by cause, download resumes, 429s and pacing waits since this client was created.</summary>
        public ClientStatistics Statistics => _transport.Statistics;

        /// <summary>
        /// <see cref="ConservativeRateLimit"/>'s 10 requests per second (the gateway's answers never state a limit), so the
        /// job tracker spaces its one-request-per-task polls by it rather than by its cautious default of one.
        /// </summary>
        public double? RequestsPerSecond => _transport.RequestsPerSecond;

        /// <summary>
        /// <c>GET models</c>: the video models of the token (<see cref="NewApiCatalog"/>; source <c>GET /v1/models</c>).
        /// A missing or invalid token gives <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Unauthorized"/>.
        /// </summary>
        public async Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            var request = new TransportRequest(HttpMethod.Get, ModelsPath, RequestPriority.Normal, ReplayRule.Safe);
            var (dto, response) = await _transport.SendJsonAsync(request, NewApiJsonContext.Default.NewApiModelListDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            if (dto?.Data == null) throw _errors.InvalidResponse(response, request.Operation, "its body has no data list");
            return NewApiCatalog.ToModels(dto.Data);
        }

        /// <summary>
        /// <c>POST video/generations</c> with the body <see cref="NewApiRequestBody"/> writes. Returns the task id
        /// (<c>task_</c> + 32 letters and digits; <c>id</c>, else <c>task_id</c>) and its first status (<c>queued</c>).
        /// <see cref="SubmitOptions.IdempotencyKey"/> is ignored (new-api takes none), so the POST is retried only when it
        /// provably never reached the gateway. A request the task endpoint cannot express gives
        /// <see cref="ArgumentException"/> and nothing is sent. Task errors (<c>invalid_request</c>, <c>fail_to_fetch_task</c>
        /// with the upstream's status and message, <c>task_failed</c>, <c>model_price_error</c>…) come as <see cref="VideoApiException"/>.
        /// </summary>
        public async Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (options == null) throw new ArgumentNullException(nameof(options));
            byte[] body = NewApiRequestBody.Write(request);
            var message = new TransportRequest(HttpMethod.Post, GeneratePath, RequestPriority.Submission, ReplayRule.Unsafe, body: new JsonBody(body));
            var (dto, response) = await _transport.SendJsonAsync(message, NewApiJsonContext.Default.NewApiSubmitDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            string? id = LenientJson.FirstText(dto?.Id, dto?.TaskId);
            if (id == null) throw _errors.InvalidResponse(response, message.Operation, "its body names no task id; the task may exist but cannot be followed");
            string? status = LenientJson.FirstText(dto?.Status);
            return new JobSubmission
            {
                JobUid = id,
                Status = status == null ? JobStatus.Queued : NewApiStatus.ToNeutral(status),
                ProviderStatus = status,
                RequestId = response.RequestId,
            };
        }

        /// <summary>
        /// <c>GET video/generations/{task_id}</c>. Reads the task envelope (<c>data.status</c> upper-case,
        /// <c>data.result_url</c>) or the docs' flat answer (<c>status</c>, <c>url</c>), mapping the word with
        /// <see cref="NewApiStatus"/>. The video URL is the result URL of a finished task only: on a failed one
        /// new-api puts the failure reason there, so the error is <c>fail_reason</c>, else that text, else
        /// <c>error.message</c>. An unknown task is the gateway's 400 <c>task_not_exist</c>, here
        /// <see cref="ApiErrorKind.NotFound"/>. An id that is empty or has anything but letters, digits, <c>_</c> and
        /// <c>-</c> gives <see cref="ArgumentException"/> naming <c>JobUid</c>, and nothing is sent.
        /// </summary>
        public async Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
        {
            string taskId = JobUids.Validate(jobId);
            var request = new TransportRequest(HttpMethod.Get, GeneratePath + "/" + taskId, RequestPriority.Poll, ReplayRule.Safe);
            var (dto, response) = await _transport.SendJsonAsync(request, NewApiJsonContext.Default.NewApiFetchDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            if (dto == null) throw _errors.InvalidResponse(response, request.Operation, "its body is empty");
            NewApiTaskDto? data = dto.Data;
            string? word = LenientJson.FirstText(data?.Status, dto.Status);
            if (word == null) throw _errors.InvalidResponse(response, request.Operation, "its body has no status");
            JobStatus status = NewApiStatus.ToNeutral(word);
            string? resultUrl = LenientJson.FirstText(data?.ResultUrl, data?.Url, dto.Url);
            return new JobSnapshot
            {
                JobUid = taskId,
                Provider = Name,
                Status = status,
                ProviderStatus = word,
                VideoUrl = status == JobStatus.Succeeded ? ApiUris.ResolveAnswerUrl(_transport.ApiRoot, resultUrl, pathRelative: false) : null,
                Model = LenientJson.FirstText(data?.Properties?.OriginModelName),
                Error = status == JobStatus.Failed
                    ? new JobError("JOB_FAILED", LenientJson.FirstText(data?.FailReason, resultUrl, LenientJson.TextOrMessage(data?.Error), LenientJson.TextOrMessage(dto.Error)) ?? "The gateway reports the task as failed without a reason.")
                    : null,
                CreatedAt = Seconds(data?.SubmitTime) ?? Seconds(data?.CreatedAt),
                UpdatedAt = Seconds(data?.FinishTime) ?? Seconds(data?.UpdatedAt),
                RequestId = response.RequestId,
            };
        }

        /// <summary>
        /// Streams the finished video from its <see cref="JobSnapshot.VideoUrl"/> through the transport (bounded buffer,
        /// retries, <c>Range</c> resume, length check). The token goes only to the gateway's own origin — its content
        /// proxy <c>/v1/videos/{task_id}/content</c> needs it; an upstream URL (Kling's, Jimeng's CDN) never sees it.
        /// A job without a video URL gives <see cref="ArgumentException"/>.
        /// </summary>
        public Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            if (job.VideoUrl == null) throw new ArgumentException("Job " + job.JobUid + " has no video URL (status " + job.Status.ToText() + ").", nameof(job));
            return _transport.DownloadAsync(job.VideoUrl, sendCredential: true, destination, resume, progress, cancellationToken);
        }

        /// <summary>Shows the base URI, never the key: <c>NewApiClient https://gateway.example.com/v1</c>.</summary>
        public override string ToString() => "NewApiClient " + BaseUri;

        /// <summary>Releases the HTTP client (and its handler unless the settings gave one).</summary>
        public void Dispose() => _transport.Dispose();

        /// <summary>Unix seconds (the task envelope's times); null for none or 0.</summary>
        private static DateTimeOffset? Seconds(JsonElement? value)
            => value != null && value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out long s) && s > 0 && s < 253402300799L
                ? DateTimeOffset.FromUnixTimeSeconds(s)
                : (DateTimeOffset?)null;
    }
}
