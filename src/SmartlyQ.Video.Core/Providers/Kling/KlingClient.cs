using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// Kling's video API as a video provider, official (<c>https://api-singapore.klingai.com</c>, each request signed
    /// with a short-lived HS256 JWT from the access key / secret key pair) or through a new-api gateway
    /// (<c>https://&lt;gateway&gt;/kling</c>, the gateway's token as Bearer), over an <see cref="HttpTransport"/>:
    /// submissions (<c>POST v1/videos/text2video</c> or <c>v1/videos/image2video</c>), task fetches on the route that
    /// made the task (the job uid says which, <see cref="KlingJobId"/>) and downloads of the result URL (a public CDN
    /// URL: no credential goes with it). Kling has no model list, so the catalog is built in (<see cref="KlingCatalog"/>),
    /// and connect proves the credential with a fetch of a task that cannot exist. Kling takes no idempotency key, so a
    /// submission is never retried once it may have reached the API (a lost answer is <see cref="ApiErrorKind.Uncertain"/>).
    /// Neither API sends rate-limit headers: requests are paced at <see cref="ConservativeRateLimit"/>. Both answer
    /// shapes are read: Kling's envelope (<c>{"code":0,"message":"SUCCEED","data":{"task_id","task_status",…}}</c>) and
    /// new-api's (an OpenAI video object on submit, the TaskDto envelope on fetch). Errors are read by
    /// <see cref="KlingErrorReader"/>. Safe to use from several threads.
    /// </summary>
    public sealed class KlingClient : IVideoProvider, IAccountProvider, IRateBudget
    {
        /// <summary>
        /// 10 requests per second. Kling documents no request rate, only concurrency per resource pack (1303 when a
        /// task would exceed it), and new-api none for its relay; 10/s lets the job tracker poll many tasks without
        /// bursting, and a 429 backs off with the transport's retries.
        /// </summary>
        internal static readonly RateLimitSeed ConservativeRateLimit = new RateLimitSeed(10, TimeSpan.FromSeconds(1));

        /// <summary>The task id connect fetches to prove the credential: well-formed, and no task ever has it.</summary>
        internal const string ProbeTaskId = "smartlyq-connect-check-0000";

        private readonly HttpTransport _transport;
        private readonly KlingErrorReader _errors;
        private readonly bool _official;

        /// <summary>
        /// The client Connect builds from the registry (<see cref="KlingProvider.Entry"/>). A signed credential (the key
        /// pair) means Kling's official API, any other a gateway token. Throws <see cref="ArgumentException"/> naming
        /// <c>ApiKey</c> without a credential, and naming <c>BaseUri</c> for a base URI the transport refuses (not absolute
        /// http(s), plain http to a host other than loopback).
        /// </summary>
        internal KlingClient(ProviderSettings settings, TimeProvider timeProvider)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));
            ApiCredential credential = settings.Credential
                ?? throw new ArgumentException("ApiKey is required: pass -Credential (access key, secret key) for Kling's API, or a gateway token as -ApiKey.", "ApiKey");
            _official = credential.IsSigned;
            _errors = new KlingErrorReader(credential);
            _transport = new HttpTransport(
                TransportOptions.From(settings, KlingProvider.Name, KlingProvider.DefaultBaseUri, _errors, new KlingRateLimitReader(), ConservativeRateLimit),
                timeProvider);
        }

        /// <summary><c>Kling</c>.</summary>
        public string Name => KlingProvider.Name;

        /// <summary>API root as configured, e.g. <c>https://api-singapore.klingai.com</c> or <c>https://gateway.example.com/kling</c>.</summary>
        public Uri BaseUri => _transport.BaseUri;

        /// <summary>Requests, retries by cause, download resumes, 429s and pacing waits since this client was created.</summary>
        public ClientStatistics Statistics => _transport.Statistics;

        /// <summary><see cref="ConservativeRateLimit"/>'s 10 per second, or the rate given to Connect (answers never state one).</summary>
        public double? RequestsPerSecond => _transport.RequestsPerSecond;

        /// <summary>
        /// Proves the credential: <c>GET v1/videos/text2video/{a task id that cannot exist}</c>, whose "no such task"
        /// (404, Kling's 1203, new-api's 400 <c>task_not_exist</c>) or other 400 means the credential passed. Returns the
        /// masked key as the account's name (Kling has no account endpoint). A refused credential gives
        /// <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Unauthorized"/>.
        /// </summary>
        public async Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken)
        {
            var request = new TransportRequest(HttpMethod.Get, KlingJobId.TextRoute + "/" + ProbeTaskId, RequestPriority.Normal, ReplayRule.Safe);
            try
            {
                await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoApiException ex) when (ex.Kind == ApiErrorKind.NotFound || ex.StatusCode == 400 || ex.StatusCode == 404)
            {
            }
            return new AccountInfo { Name = (_official ? "Kling access key " : "Kling gateway token ") + _transport.MaskedKey };
        }

        /// <summary>
        /// The built-in catalog (<see cref="KlingCatalog"/>); sends nothing. Through a gateway no model takes
        /// GenerateAudio (new-api drops <c>sound</c>).
        /// </summary>
        public Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(KlingCatalog.For(_official));
        }

        /// <summary>
        /// <c>POST v1/videos/image2video</c> when the request has an image, else <c>v1/videos/text2video</c>, with the body
        /// <see cref="KlingRequestBody"/> writes. Returns the job uid (<see cref="KlingJobId"/>: the task id, prefixed
        /// <c>i2v-</c> for image2video) and its first status (<c>submitted</c>, or new-api's <c>queued</c>).
        /// <see cref="SubmitOptions.IdempotencyKey"/> is ignored (Kling takes none). A request Kling cannot express gives
        /// <see cref="ArgumentException"/> and nothing is sent. Kling's refusals (HTTP 4xx/5xx with a numeric code, or a
        /// 200 whose <c>code</c> is not 0) and the gateway's come as <see cref="VideoApiException"/> with the code as
        /// <see cref="VideoApiException.ErrorCode"/>.
        /// </summary>
        public async Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (options == null) throw new ArgumentNullException(nameof(options));
            var (image, body) = KlingRequestBody.Write(request, _official);
            var message = new TransportRequest(HttpMethod.Post, image ? KlingJobId.ImageRoute : KlingJobId.TextRoute, RequestPriority.Submission, ReplayRule.Unsafe, body: new JsonBody(body));
            var (dto, response) = await _transport.SendJsonAsync(message, KlingJsonContext.Default.KlingEnvelopeDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            if (dto == null) throw _errors.InvalidResponse(response, message.Operation, "its body is empty; the task may exist but cannot be followed");
            ThrowIfRefused(dto, response);
            string? taskId = LenientJson.FirstText(dto.Data?.TaskId, dto.TaskId, dto.Id);
            if (taskId == null) throw _errors.InvalidResponse(response, message.Operation, "its body names no task id; the task may exist but cannot be followed");
            string uid;
            try
            {
                uid = KlingJobId.Encode(image, taskId);
            }
            catch (ArgumentException)
            {
                throw _errors.InvalidResponse(response, message.Operation, "its task id is not a plain token (letters, digits, '_' and '-'); the task cannot be followed");
            }
            string? status = LenientJson.FirstText(dto.Data?.TaskStatus, dto.Data?.Status, dto.Status);
            return new JobSubmission
            {
                JobUid = uid,
                Status = status == null ? JobStatus.Queued : KlingStatus.ToNeutral(status),
                ProviderStatus = status,
                RequestId = response.RequestId,
            };
        }

        /// <summary>
        /// <c>GET v1/videos/text2video/{task_id}</c> or <c>v1/videos/image2video/{task_id}</c>, the route the uid names
        /// (a uid without <c>i2v-</c> is polled on text2video). Reads Kling's envelope (<c>data.task_status</c>, the first of
        /// <c>data.task_result.videos[].url</c>, <c>task_status_msg</c> on failure, times in ms) or new-api's TaskDto
        /// (<c>data.status</c>, <c>result_url</c>, <c>fail_reason</c>, times in s, the raw Kling answer in <c>data.data</c>).
        /// An unknown task is <see cref="VideoApiException"/> with <see cref="ApiErrorKind.NotFound"/> (Kling's 404 or
        /// new-api's 400 <c>task_not_exist</c>). A uid that is empty or has anything but letters, digits, <c>_</c> and
        /// <c>-</c> gives <see cref="ArgumentException"/> naming <c>JobUid</c>, and nothing is sent.
        /// </summary>
        public async Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
        {
            var (route, taskId) = KlingJobId.Decode(jobId);
            string uid = jobId.Trim();
            var request = new TransportRequest(HttpMethod.Get, route + "/" + taskId, RequestPriority.Poll, ReplayRule.Safe);
            var (dto, response) = await _transport.SendJsonAsync(request, KlingJsonContext.Default.KlingEnvelopeDto, _errors.InvalidResponse, cancellationToken).ConfigureAwait(false);
            if (dto == null) throw _errors.InvalidResponse(response, request.Operation, "its body is empty");
            ThrowIfRefused(dto, response);
            KlingTaskDto? data = dto.Data;
            string? word = LenientJson.FirstText(data?.TaskStatus, data?.Status, dto.Status);
            if (word == null) throw _errors.InvalidResponse(response, request.Operation, "its body has no task status");
            JobStatus status = KlingStatus.ToNeutral(word);
            (string? innerMessage, string? innerUrl) = Upstream(data?.Data);
            string? url = LenientJson.FirstText(FirstVideoUrl(data?.TaskResult), data?.ResultUrl, innerUrl);
            return new JobSnapshot
            {
                JobUid = uid,
                Provider = Name,
                Status = status,
                ProviderStatus = word,
                VideoUrl = status == JobStatus.Succeeded ? ApiUris.ResolveAnswerUrl(_transport.ApiRoot, url, pathRelative: false) : null,
                Error = status == JobStatus.Failed
                    ? new JobError("JOB_FAILED", _transport.Redact(LenientJson.FirstText(data?.TaskStatusMsg, data?.FailReason, innerMessage, data?.ResultUrl)
                        ?? "Kling reports the task as failed without a reason."))
                    : null,
                CreatedAt = KlingJson.Timestamp(data?.SubmitTime) ?? KlingJson.Timestamp(data?.CreatedAt),
                UpdatedAt = KlingJson.Timestamp(data?.FinishTime) ?? KlingJson.Timestamp(data?.UpdatedAt),
                RequestId = response.RequestId ?? dto.RequestId,
            };
        }

        /// <summary>
        /// Streams the finished video from its <see cref="JobSnapshot.VideoUrl"/> (Kling's CDN, public) through the
        /// transport (bounded buffer, retries, <c>Range</c> resume, length check), without any credential: the URL is
        /// public, and a signed token or gateway token must not travel to another host. A job without a video URL gives
        /// <see cref="ArgumentException"/>.
        /// </summary>
        public Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            if (job.VideoUrl == null) throw new ArgumentException("Job " + job.JobUid + " has no video URL (status " + job.Status.ToText() + ").", nameof(job));
            return _transport.DownloadAsync(job.VideoUrl, sendCredential: false, destination, resume, progress, cancellationToken);
        }

        /// <summary>Shows the base URI, never the key: <c>KlingClient https://api-singapore.klingai.com</c>.</summary>
        public override string ToString() => "KlingClient " + BaseUri;

        /// <summary>Releases the HTTP client (and its handler unless the settings gave one).</summary>
        public void Dispose() => _transport.Dispose();

        /// <summary>A 2xx answer in Kling's envelope whose numeric <c>code</c> is not 0: the error it names.</summary>
        private void ThrowIfRefused(KlingEnvelopeDto dto, TransportResponse response)
        {
            if (dto.Code?.ValueKind == JsonValueKind.Number && KlingJson.Integer(dto.Code) is long code && code != 0)
                throw _errors.Refused(response, (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, code)), dto.Message, dto.RequestId ?? response.RequestId);
        }

        private static string? FirstVideoUrl(KlingTaskResultDto? result)
        {
            if (result?.Videos == null) return null;
            foreach (KlingVideoDto? video in result.Videos)
                if (!string.IsNullOrWhiteSpace(video?.Url)) return video!.Url;
            return null;
        }

        /// <summary>
        /// TaskDto's <c>data</c>: the raw Kling answer (an object, or a string of one); its <c>data.task_status_msg</c>
        /// and first video URL. Nothing for anything else.
        /// </summary>
        private static (string? Message, string? Url) Upstream(JsonElement? raw)
        {
            if (raw == null) return (null, null);
            JsonElement value = raw.Value;
            if (value.ValueKind == JsonValueKind.String)
            {
                string? text = value.GetString();
                if (string.IsNullOrWhiteSpace(text) || !text!.TrimStart().StartsWith("{", StringComparison.Ordinal)) return (null, null);
                try
                {
                    using JsonDocument document = JsonDocument.Parse(text);
                    return Upstream(document.RootElement.Clone());
                }
                catch (JsonException)
                {
                    return (null, null);
                }
            }
            JsonElement? task = KlingJson.Member(value, "data");
            if (task == null) return (null, null);
            string? message = KlingJson.String(KlingJson.Member(task, "task_status_msg"));
            string? url = null;
            JsonElement? videos = KlingJson.Member(KlingJson.Member(task, "task_result"), "videos");
            if (videos?.ValueKind == JsonValueKind.Array)
                foreach (JsonElement video in videos.Value.EnumerateArray())
                    if (KlingJson.String(KlingJson.Member(video, "url")) is string found) { url = found; break; }
            return (message, url);
        }
    }
}
