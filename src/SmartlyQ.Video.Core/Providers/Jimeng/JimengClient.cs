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
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers.NewApi;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.Jimeng
{
    /// <summary>
    /// Jimeng (Volcengine's CVSync2Async video API) through a self-hosted new-api gateway's <c>/jimeng/</c> route
    /// (kling-jimeng.md §2, research-2026-12/new-api-gateway.md §10), over an <see cref="HttpTransport"/>: submissions
    /// (<c>POST jimeng/?Action=CVSync2AsyncSubmitTask&amp;Version=2022-08-31</c>), polls — also POSTs —
    /// (<c>?Action=CVSync2AsyncGetResult</c> with <c>{"task_id"}</c>) and downloads of the result URL. Models come from
    /// the built-in <see cref="JimengCatalog"/> (the route lists none). The gateway's token travels as
    /// <c>Authorization: Bearer</c>, only to the gateway's origin. A job id is the gateway's task id: the gateway polls
    /// with it alone (it ignores a req_key there), so it is enough to poll after a restart. new-api takes no idempotency
    /// key, so a submission is never retried once it may have reached the gateway (a lost answer is
    /// <see cref="ApiErrorKind.Uncertain"/>); a bare 429 from its limiter is retried. No rate-limit headers exist, so
    /// requests are paced at <see cref="ConservativeRateLimit"/>. Safe to use from several threads.
    /// </summary>
    public sealed class JimengClient : IVideoProvider, IAccountProvider, IRateBudget
    {
        /// <summary>
        /// 2 requests per second: neither the gateway nor Volcengine states a limit in its answers, and Jimeng's
        /// upstream quotas are small per account (a gateway relays each submission upstream at once); polls are the
        /// gateway's database reads but share the pace. Connect-SmartlyQ -RequestsPerSecond replaces it.
        /// </summary>
        internal static readonly RateLimitSeed ConservativeRateLimit = new RateLimitSeed(2, TimeSpan.FromSeconds(1));

        /// <summary>The <c>Version</c> query value (the one Jimeng's docs and new-api's adaptor use; the gateway checks none).</summary>
        public const string ApiVersion = "2022-08-31";

        /// <summary>The submit action.</summary>
        public const string SubmitAction = "CVSync2AsyncSubmitTask";

        /// <summary>The result action.</summary>
        public const string GetResultAction = "CVSync2AsyncGetResult";

        /// <summary>A task id the gateway can never have issued (its ids are task_ + 32 letters and digits): connect asks for it to prove the token.</summary>
        internal const string ProbeTaskId = "smartlyq-connect-check";

        private const string RoutePath = "jimeng/";

        private readonly HttpTransport _transport;
        private readonly JimengErrorReader _errors;

        /// <summary>
        /// The client Connect builds from the registry (<see cref="JimengProvider.Entry"/>). The base URI is the
        /// gateway's root (<c>https://gw/</c>); one ending in <c>/jimeng</c> or <c>/v1</c> (NewApi's form) is taken as
        /// that root. Throws <see cref="ArgumentException"/> naming <c>ApiKey</c> without a credential, and naming
        /// <c>BaseUri</c> without a base URI or for one the transport refuses (not absolute http(s), plain http to a host other than loopback).
        /// </summary>
        internal JimengClient(ProviderSettings settings, TimeProvider timeProvider)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));
            ApiCredential credential = settings.Credential
                ?? throw new ArgumentException("ApiKey is required: pass a token of the new-api gateway (usually sk-…).", "ApiKey");
            if (settings.BaseUri == null)
                throw new ArgumentException(JimengProvider.MissingBaseUriMessage, "BaseUri");
            _errors = new JimengErrorReader(credential);
            BaseUri = settings.BaseUri;
            var options = TransportOptions.From(settings, JimengProvider.Name, new Uri("https://your-gateway.example/"), _errors, new NewApiRateLimitReader(), ConservativeRateLimit);
            // Connect's options with the gateway's root as the base (init-only members: keep in step with TransportOptions.From).
            _transport = new HttpTransport(new TransportOptions
            {
                ProviderName = options.ProviderName,
                BaseUri = GatewayRoot(settings.BaseUri),
                DefaultBaseUri = options.DefaultBaseUri,
                Credential = options.Credential,
                ErrorReader = options.ErrorReader,
                RateLimits = options.RateLimits,
                PacingSeed = options.PacingSeed,
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
                Handler = options.Handler,
            }, timeProvider);
        }

        /// <summary><c>Jimeng</c>.</summary>
        public string Name => JimengProvider.Name;

        /// <summary>
        /// The base URI as configured, e.g. <c>https://gateway.example.com/</c> or <c>https://gateway.example.com/jimeng</c>;
        /// requests go to the gateway root's <c>jimeng/</c> either way.
        /// </summary>
        public Uri BaseUri { get; }

        /// <summary>Requests, retries by cause, download resumes, 429s and pacing waits since this client was created.</summary>
        public ClientStatistics Statistics => _transport.Statistics;

        /// <summary><see cref="ConservativeRateLimit"/>'s 2 per second, or the -RequestsPerSecond given (the answers never state a limit).</summary>
        public double? RequestsPerSecond => _transport.RequestsPerSecond;

        /// <summary>
        /// Proves the token: a GetResult for <see cref="ProbeTaskId"/>, which the gateway cannot know. Its "no such task"
        /// (<c>task_not_exist</c>, or Volcengine's <c>not_found</c>) means the token was accepted; a missing or invalid
        /// token is <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Unauthorized"/>. Creates nothing, costs nothing.
        /// </summary>
        public async Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken)
        {
            try
            {
                await GetJobAsync(ProbeTaskId, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoApiException ex) when (ex.Kind == ApiErrorKind.NotFound && (ex.ErrorCode == "task_not_exist" || ex.ErrorCode == "not_found"))
            {
                // The gateway looked the task up for this token: the token is good. A 404 "Invalid URL" (a wrong base) is not caught.
            }
            return new AccountInfo { Name = "new-api gateway token " + _transport.MaskedKey + " (Jimeng)" };
        }

        /// <summary>The built-in catalog (<see cref="JimengCatalog"/>); sends nothing.</summary>
        public Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(JimengCatalog.Models);
        }

        /// <summary>
        /// <c>POST jimeng/?Action=CVSync2AsyncSubmitTask&amp;Version=2022-08-31</c> with the body
        /// <see cref="JimengRequestBody.Submit"/> writes. Returns the gateway's task id (<c>id</c>, else <c>task_id</c>,
        /// else Volcengine's <c>data.task_id</c>) and its first status. A request Jimeng cannot express gives
        /// <see cref="ArgumentException"/> naming Jimeng and the field, and nothing is sent. Refusals come as
        /// <see cref="VideoApiException"/>: the gateway's (<c>model_not_found</c>, <c>invalid_request</c>,
        /// <c>insufficient_user_quota</c>…) and Jimeng's (a 500 whose code is Volcengine's numeric code).
        /// <see cref="SubmitOptions.IdempotencyKey"/> is ignored (none is taken).
        /// </summary>
        public async Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (options == null) throw new ArgumentNullException(nameof(options));
            byte[] body = JimengRequestBody.Submit(request);
            var message = new TransportRequest(HttpMethod.Post, RoutePath, RequestPriority.Submission, ReplayRule.Unsafe, Action(SubmitAction), body: new JsonBody(body));
            TransportResponse response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
            using JsonDocument document = Parse(response, message.Operation);
            JsonElement root = document.RootElement;
            ThrowOnVolcengineError(response, root);
            JsonElement? data = LenientJson.Member(root, "data");
            string? id = LenientJson.FirstText(LenientJson.String(LenientJson.Member(root, "id")), LenientJson.String(LenientJson.Member(root, "task_id")),
                LenientJson.String(LenientJson.Member(data, "task_id")));
            if (id == null) throw _errors.InvalidResponse(response, message.Operation, "its body names no task id; the task may exist but cannot be followed");
            string? status = LenientJson.String(LenientJson.Member(root, "status"));
            JobStatus neutral = status == null ? JobStatus.Queued : JimengStatus.ToNeutral(status);
            return new JobSubmission
            {
                JobUid = id,
                Status = neutral == JobStatus.Unknown ? JobStatus.Queued : neutral,
                ProviderStatus = status,
                RequestId = response.RequestId ?? LenientJson.String(LenientJson.Member(root, "request_id")),
            };
        }

        /// <summary>
        /// <c>POST jimeng/?Action=CVSync2AsyncGetResult&amp;Version=2022-08-31</c> with <c>{"task_id"}</c> (a read, so
        /// retried like a GET). Reads new-api's task envelope (<c>{"code":"success","data":{TaskDto}}</c>, upper-case
        /// <c>data.status</c>, <c>result_url</c>, <c>fail_reason</c>) or Volcengine's (<c>{"code":10000,"data":{"status",
        /// "video_url"}}</c>): <c>in_queue</c> queued, <c>generating</c> running, <c>done</c> succeeded, <c>expired</c>
        /// failed. An unknown task is <see cref="VideoApiException"/> with <see cref="ApiErrorKind.NotFound"/> — the
        /// gateway's 400 <c>task_not_exist</c>, or <c>not_found</c> in a 200; another Volcengine code than 10000 is a
        /// <see cref="VideoApiException"/> with that code and message. An id that is empty or has anything but letters,
        /// digits, <c>_</c> and <c>-</c> gives <see cref="ArgumentException"/> naming <c>JobUid</c>, and nothing is sent.
        /// </summary>
        public async Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
        {
            string taskId = JobUids.Validate(jobId);
            var request = new TransportRequest(HttpMethod.Post, RoutePath, RequestPriority.Poll, ReplayRule.Safe, Action(GetResultAction),
                body: new JsonBody(JimengRequestBody.GetResult(taskId)));
            TransportResponse response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using JsonDocument document = Parse(response, request.Operation);
            JsonElement root = document.RootElement;
            ThrowOnVolcengineError(response, root);
            JsonElement? code = LenientJson.Member(root, "code");
            JsonElement? data = LenientJson.Member(root, "data");
            if (code?.ValueKind == JsonValueKind.String && !string.Equals(code.Value.GetString(), "success", StringComparison.OrdinalIgnoreCase) && data?.ValueKind != JsonValueKind.Object)
                throw _errors.FromEnvelope(response, root); // a task error that came with a 2xx
            if (data?.ValueKind != JsonValueKind.Object) throw _errors.InvalidResponse(response, request.Operation, "its body has no data object");
            string? word = LenientJson.String(LenientJson.Member(data, "status"));
            if (word == null) throw _errors.InvalidResponse(response, request.Operation, "its body has no status");
            string? requestId = response.RequestId ?? LenientJson.String(LenientJson.Member(root, "request_id"));
            if (word == JimengStatus.NotFound) throw _errors.TaskNotFound(response, taskId, requestId);
            JobStatus status = JimengStatus.ToNeutral(word);
            string? resultUrl = LenientJson.FirstText(LenientJson.String(LenientJson.Member(data, "result_url")), LenientJson.String(LenientJson.Member(data, "video_url")));
            return new JobSnapshot
            {
                JobUid = taskId,
                Provider = Name,
                Status = status,
                ProviderStatus = word,
                // On a failed task new-api puts the failure reason in result_url: only a finished task's is a video.
                VideoUrl = status == JobStatus.Succeeded ? ApiUris.ResolveAnswerUrl(_transport.ApiRoot, resultUrl, pathRelative: false) : null,
                Model = LenientJson.String(LenientJson.Member(LenientJson.Member(data, "properties"), "origin_model_name")),
                Error = status == JobStatus.Failed ? FailureOf(word, data, resultUrl) : null,
                CreatedAt = Seconds(LenientJson.Member(data, "submit_time")) ?? Seconds(LenientJson.Member(data, "created_at")),
                UpdatedAt = Seconds(LenientJson.Member(data, "finish_time")) ?? Seconds(LenientJson.Member(data, "updated_at")),
                RequestId = requestId,
            };
        }

        /// <summary>
        /// Streams the finished video from its <see cref="JobSnapshot.VideoUrl"/> through the transport (bounded buffer,
        /// retries, <c>Range</c> resume, length check). The token goes only to the gateway's own origin; Jimeng's CDN
        /// URL never sees it. A job without a video URL gives <see cref="ArgumentException"/>.
        /// </summary>
        public Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            if (job.VideoUrl == null) throw new ArgumentException("Job " + job.JobUid + " has no video URL (status " + job.Status.ToText() + ").", nameof(job));
            return _transport.DownloadAsync(job.VideoUrl, sendCredential: true, destination, resume, progress, cancellationToken);
        }

        /// <summary>Shows the base URI, never the key: <c>JimengClient https://gateway.example.com/</c>.</summary>
        public override string ToString() => "JimengClient " + BaseUri;

        /// <summary>Releases the HTTP client (and its handler unless the settings gave one).</summary>
        public void Dispose() => _transport.Dispose();

        /// <summary>
        /// The gateway's root for a base URI: as given, or without a last segment <c>jimeng</c> (the route itself) or
        /// <c>v1</c> (NewApi's base of the same gateway); query and fragment dropped.
        /// </summary>
        internal static Uri GatewayRoot(Uri baseUri)
        {
            if (!baseUri.IsAbsoluteUri) return baseUri; // the transport refuses it, naming BaseUri
            string path = baseUri.AbsolutePath.TrimEnd('/');
            int slash = path.LastIndexOf('/');
            string last = slash < 0 ? path : path.Substring(slash + 1);
            if (string.Equals(last, "jimeng", StringComparison.OrdinalIgnoreCase) || string.Equals(last, "v1", StringComparison.OrdinalIgnoreCase))
                path = path.Substring(0, Math.Max(slash, 0));
            return new Uri(baseUri.GetLeftPart(UriPartial.Authority) + path + "/");
        }

        private static KeyValuePair<string, string>[] Action(string action) => new[]
        {
            new KeyValuePair<string, string>("Action", action),
            new KeyValuePair<string, string>("Version", ApiVersion),
        };

        private JsonDocument Parse(TransportResponse response, string operation)
        {
            ReadOnlySpan<byte> json = response.TrimmedBody();
            if (json.Length == 0) throw _errors.InvalidResponse(response, operation, "its body is empty");
            try
            {
                JsonDocument document = JsonDocument.Parse(json.ToArray());
                if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
                document.Dispose();
            }
            catch (JsonException)
            {
            }
            throw _errors.InvalidResponse(response, operation, "its body is not the documented JSON");
        }

        /// <summary>Volcengine's envelope with a numeric code other than 10000 (or its ResponseMetadata.Error) in a 2xx: its refusal.</summary>
        private void ThrowOnVolcengineError(TransportResponse response, JsonElement root)
        {
            JsonElement? code = LenientJson.Member(root, "code");
            bool refused = code?.ValueKind == JsonValueKind.Number && !(code.Value.TryGetInt64(out long n) && n == JimengErrorReader.SuccessCode);
            if (refused || LenientJson.Member(LenientJson.Member(root, "ResponseMetadata"), "Error")?.ValueKind == JsonValueKind.Object)
                throw _errors.FromEnvelope(response, root);
        }

        private static JobError FailureOf(string word, JsonElement? data, string? resultUrl)
        {
            if (word == JimengStatus.Expired)
                return new JobError("JOB_EXPIRED", "Jimeng reports the task as expired: its result is no longer kept.");
            return new JobError("JOB_FAILED", LenientJson.FirstText(LenientJson.String(LenientJson.Member(data, "fail_reason")), resultUrl,
                LenientJson.TextOrMessage(LenientJson.Member(data, "error"))) ?? "Jimeng reports the task as failed without a reason.");
        }

        /// <summary>Unix seconds (the task envelope's times); null for none or 0.</summary>
        private static DateTimeOffset? Seconds(JsonElement? value)
            => value != null && value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out long s) && s > 0 && s < 253402300799L
                ? DateTimeOffset.FromUnixTimeSeconds(s)
                : (DateTimeOffset?)null;
    }
}
