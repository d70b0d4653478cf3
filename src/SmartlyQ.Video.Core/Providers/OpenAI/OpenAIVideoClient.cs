using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// The OpenAI Videos API (<c>https://api.openai.com/v1</c>, shared/api/sources/openai-videos-openapi.yaml) as a
    /// video provider: create (<c>POST /videos</c>, JSON, or multipart with an <c>input_reference</c> file), retrieve
    /// (<c>GET /videos/{id}</c>), list (<c>GET /videos?limit=&amp;after=&amp;order=desc</c>) and the video
    /// (<c>GET /videos/{id}/content</c>), over an <see cref="HttpTransport"/> with Bearer auth. Models come from the
    /// built-in <see cref="OpenAICatalog"/>. The API takes no idempotency key, so a create is retried only when it
    /// provably never arrived; a lost answer is <see cref="ApiErrorKind.Uncertain"/> and New-SqVideo's journal settles
    /// it by listing. Pacing follows <c>x-ratelimit-*-requests</c>. Also serves a new-api gateway's <c>/v1/videos</c>
    /// (<c>-BaseUri</c>), tolerating its bodies (see <see cref="OpenAIVideoReader"/>, <see cref="OpenAIErrorReader"/>).
    /// Safe to use from several threads; the key appears in no message, log line or <see cref="ToString"/>.
    /// </summary>
    internal sealed class OpenAIVideoClient : IVideoProvider, IJobLister, IAccountProvider, IRateBudget
    {
        private const int MaxListLimit = 100;

        private readonly HttpTransport _transport;
        private readonly OpenAIErrorReader _errors;

        /// <summary>
        /// The client Connect builds from <see cref="OpenAIProvider.Entry"/>. Throws <see cref="ArgumentException"/>
        /// naming <c>ApiKey</c> without a credential and <c>BaseUri</c> for a base the transport refuses.
        /// </summary>
        public OpenAIVideoClient(ProviderSettings settings, TimeProvider timeProvider)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            if (timeProvider == null) throw new ArgumentNullException(nameof(timeProvider));
            ApiCredential credential = settings.Credential
                ?? throw new ArgumentException("ApiKey is required: pass an OpenAI key (sk-…).", "ApiKey");
            _errors = new OpenAIErrorReader(credential);
            _transport = new HttpTransport(
                TransportOptions.From(settings, OpenAIProvider.Name, OpenAIProvider.DefaultBaseUri, _errors, new OpenAIRateLimitReader(), RateLimitSeed.Unknown),
                timeProvider);
        }

        /// <summary><c>OpenAI</c>.</summary>
        public string Name => OpenAIProvider.Name;

        /// <inheritdoc />
        public Uri BaseUri => _transport.BaseUri;

        /// <inheritdoc />
        public ClientStatistics Statistics => _transport.Statistics;

        /// <summary><c>x-ratelimit-limit-requests</c> ÷ its window as the answers showed it; null until one carried it.</summary>
        public double? RequestsPerSecond => _transport.RequestsPerSecond;

        /// <summary>
        /// Proves the key with <c>GET /videos?limit=1</c> (the API has no account route for it). A gateway that does not
        /// serve the list (404/405) has not refused the key, so the connection stands; 401 is thrown.
        /// </summary>
        public async Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken)
        {
            try
            {
                await SendAsync(HttpMethod.Get, "videos", new[] { Pair("limit", "1") }, null, RequestPriority.Normal, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoApiException ex) when (ex.StatusCode == 404 || ex.StatusCode == 405)
            {
            }

            return new AccountInfo { Name = "OpenAI API key " + _transport.MaskedKey };
        }

        /// <summary>The built-in catalog (<see cref="OpenAICatalog"/>); sends nothing.</summary>
        public Task<IReadOnlyList<VideoModel>> ListModelsAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(OpenAICatalog.Models);
        }

        /// <summary>
        /// <c>POST /videos</c>: <c>model</c>, <c>prompt</c>, <c>seconds</c> (Duration as a string), <c>size</c> (the
        /// <c>size</c> option, else AspectRatio × Resolution, see <see cref="OpenAICatalog.SizeFor"/>) and the reference
        /// image: ImageUrl as JSON <c>input_reference.image_url</c>, ImagePath as a multipart <c>input_reference</c> file
        /// part (JPEG/PNG/WebP). Not keyed (<see cref="SubmitOptions.IdempotencyKey"/> is ignored). Throws
        /// <see cref="ArgumentException"/> before sending for a missing model or prompt, a field OpenAI has no place
        /// for (NegativePrompt, Seed, Mode, Style, Movement, GenerateAudio, CameraFixed), an option other than
        /// <c>size</c>, both size forms, or a resolution × aspect pair with no size.
        /// </summary>
        public async Task<JobSubmission> SubmitAsync(VideoRequest request, SubmitOptions options, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.Model)) throw new ArgumentException("The video request needs a model: sora-2 or sora-2-pro.", nameof(request));
            if (string.IsNullOrWhiteSpace(request.Prompt)) throw new ArgumentException("OpenAI needs a prompt for every video.", nameof(request));
            string? unsupported = Unsupported(request);
            if (unsupported != null) throw new ArgumentException("OpenAI does not accept " + unsupported + ".", nameof(request));
            string? size = Size(request);

            var dto = new OpenAICreateRequestDto
            {
                Model = request.Model!.Trim(),
                Prompt = request.Prompt,
                Seconds = request.Duration?.ToString(CultureInfo.InvariantCulture),
                Size = size,
                InputReference = request.ImageUrl != null ? new OpenAIImageReferenceDto { ImageUrl = request.ImageUrl } : null,
            };
            TransportBody body = request.ImagePath != null ? Multipart(dto, request.ImagePath) : new JsonBody(JsonSerializer.SerializeToUtf8Bytes(dto, OpenAIJsonContext.Default.OpenAICreateRequestDto));

            var (video, response) = await SendAsync(HttpMethod.Post, "videos", null, body, RequestPriority.Submission, cancellationToken).ConfigureAwait(false);
            JobSnapshot job = OpenAIVideoReader.ToSnapshot(video, _transport.ApiRoot, response.RequestId)
                ?? throw _errors.InvalidResponse(response, "POST /videos", "its body names no video id");
            return new JobSubmission
            {
                JobUid = job.JobUid,
                Status = job.Status == JobStatus.Unknown ? JobStatus.Queued : job.Status,
                ProviderStatus = job.ProviderStatus,
                RequestId = response.RequestId,
            };
        }

        /// <summary>
        /// <c>GET /videos/{video_id}</c>. An id that is empty or has anything but letters, digits, <c>_</c> and <c>-</c>
        /// gives <see cref="ArgumentException"/> naming <c>JobUid</c>, and nothing is sent; an unknown id is a 404.
        /// </summary>
        public async Task<JobSnapshot> GetJobAsync(string jobId, CancellationToken cancellationToken)
        {
            string id = JobUids.Validate(jobId);
            string path = "videos/" + Uri.EscapeDataString(id);
            var (video, response) = await SendAsync(HttpMethod.Get, path, null, null, RequestPriority.Poll, cancellationToken).ConfigureAwait(false);
            JobSnapshot? job = OpenAIVideoReader.ToSnapshot(video, _transport.ApiRoot, response.RequestId);
            if (job == null) throw _errors.InvalidResponse(response, "GET /" + path, "its body has no video object");
            // A gateway answers with its own task id in place of the upstream one; the caller's id stays the job's name.
            return job.JobUid == id ? job : Renamed(job, id);
        }

        /// <summary>
        /// <c>GET /videos?limit=&amp;order=desc[&amp;after=]</c>: one page, newest first, at most 100. The cursor is the
        /// <c>after</c> id (<see cref="JobPage.NextCursor"/> is the page's <c>last_id</c> while <c>has_more</c>); the API
        /// has no status filter, so <see cref="JobQuery.Status"/> filters the page here. A cursor that is not an id gives
        /// <see cref="ArgumentException"/> and nothing is sent. A gateway without the route answers 404.
        /// </summary>
        public async Task<JobPage> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
        {
            query ??= new JobQuery();
            if (query.Status == JobStatus.Unknown) throw new ArgumentException("Status Unknown is not a state jobs can be listed by.", nameof(query.Status));
            var parameters = new List<KeyValuePair<string, string>>
            {
                Pair("limit", Math.Max(1, Math.Min(MaxListLimit, query.Limit)).ToString(CultureInfo.InvariantCulture)),
                Pair("order", "desc"),
            };
            if (query.Cursor != null) parameters.Add(Pair("after", JobUids.Validate(query.Cursor)));

            var (page, response) = await SendAsync(HttpMethod.Get, "videos", parameters, null, RequestPriority.Poll, cancellationToken).ConfigureAwait(false);
            var (jobs, next) = OpenAIVideoReader.ToPage(page, _transport.ApiRoot, response.RequestId);
            return new JobPage
            {
                Jobs = query.Status.HasValue ? jobs.Where(j => j.Status == query.Status.Value).ToArray() : jobs.ToArray(),
                NextCursor = next,
            };
        }

        /// <summary>
        /// <c>GET /videos/{id}/content</c> (the MP4, variant <c>video</c>) with the key, streamed by the transport with
        /// resume and length check. A job that has not succeeded gives <see cref="ArgumentException"/>.
        /// </summary>
        public Task<long> DownloadAsync(JobSnapshot job, Stream destination, DownloadResume? resume, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            if (job.Status != JobStatus.Succeeded) throw new ArgumentException("Video " + job.JobUid + " has no content yet (status " + job.Status.ToText() + ").", nameof(job));
            Uri content = OpenAIVideoReader.ContentUri(_transport.ApiRoot, JobUids.Validate(job.JobUid));
            return _transport.DownloadAsync(content, sendCredential: true, destination, resume, progress, cancellationToken);
        }

        /// <summary>Shows the base URI, never the key.</summary>
        public override string ToString() => "OpenAIVideoClient " + BaseUri;

        /// <summary>Releases the HTTP client.</summary>
        public void Dispose() => _transport.Dispose();

        private async Task<(JsonElement Body, TransportResponse Response)> SendAsync(
            HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>>? query, TransportBody? body, RequestPriority priority, CancellationToken cancellationToken)
        {
            // Creates carry no key: an ambiguous failure is not replayed (Unsafe); reads are.
            var request = new TransportRequest(method, path, priority, method == HttpMethod.Get ? ReplayRule.Safe : ReplayRule.Unsafe, query, null, body);
            TransportResponse response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            ReadOnlySpan<byte> json = response.TrimmedBody();
            try
            {
                using JsonDocument document = JsonDocument.Parse(json.ToArray());
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
                return (document.RootElement.Clone(), response);
            }
            catch (JsonException ex)
            {
                throw _errors.InvalidResponse(response, request.Operation, "its body is not the documented JSON (" + ex.Message + ")");
            }
        }

        /// <summary>The neutral fields OpenAI has no place for, named; null when there are none.</summary>
        private static string? Unsupported(VideoRequest request)
        {
            var names = new List<string>();
            if (request.NegativePrompt != null) names.Add(VideoField.NegativePrompt);
            if (request.Seed != null) names.Add(VideoField.Seed);
            if (request.Mode != null) names.Add(VideoField.Mode);
            if (request.Style != null) names.Add(VideoField.Style);
            if (request.Movement != null) names.Add(VideoField.Movement);
            if (request.GenerateAudio == true) names.Add(VideoField.GenerateAudio);
            if (request.CameraFixed == true) names.Add(VideoField.CameraFixed);
            if (request.ImageUrl != null && request.ImagePath != null) names.Add("both ImageUrl and ImagePath");
            foreach (string option in request.Options.Keys)
                if (!string.Equals(option, OpenAICatalog.SizeOption, StringComparison.OrdinalIgnoreCase)) names.Add("the option '" + UnsafeCharacters.Show(option, 60) + "'");
            return names.Count == 0 ? null : string.Join(", ", names);
        }

        private static string? Size(VideoRequest request)
        {
            string? option = request.Options.FirstOrDefault(o => string.Equals(o.Key, OpenAICatalog.SizeOption, StringComparison.OrdinalIgnoreCase)).Value;
            if (option != null)
            {
                if (request.AspectRatio != null || request.Resolution != null)
                    throw new ArgumentException("Give OpenAI's size either as the size option or as AspectRatio and Resolution, not both.", nameof(request));
                if (UnsafeCharacters.IndexOf(option) >= 0) throw new ArgumentException("The size option holds a control character.", nameof(request));
                return option.Trim();
            }

            string? size = OpenAICatalog.SizeFor(request.Model!.Trim(), request.Resolution, request.AspectRatio);
            if (size == null && (request.AspectRatio != null || request.Resolution != null))
                throw new ArgumentException("Model " + request.Model + " renders no size for resolution '" + UnsafeCharacters.Show(request.Resolution, 20)
                    + "' and aspect ratio '" + UnsafeCharacters.Show(request.AspectRatio, 20) + "' (see Get-SqVideoModel).", nameof(request));
            return size;
        }

        private static MultipartBody Multipart(OpenAICreateRequestDto dto, string imagePath)
        {
            string mediaType = ReferenceImage.MediaType(imagePath) ?? throw new ArgumentException("ImagePath is not a JPEG, PNG or WebP image.", "ImagePath");
            var fields = new List<KeyValuePair<string, string>> { Pair("model", dto.Model!), Pair("prompt", dto.Prompt!) };
            if (dto.Seconds != null) fields.Add(Pair("seconds", dto.Seconds));
            if (dto.Size != null) fields.Add(Pair("size", dto.Size));
            return new MultipartBody(fields, new MultipartFile("input_reference", imagePath, mediaType));
        }

        private JobSnapshot Renamed(JobSnapshot job, string id) => new JobSnapshot
        {
            JobUid = id,
            Provider = job.Provider,
            Type = job.Type,
            Status = job.Status,
            ProviderStatus = job.ProviderStatus,
            VideoUrl = job.Status == JobStatus.Succeeded ? OpenAIVideoReader.ContentUri(_transport.ApiRoot, id) : null,
            Duration = job.Duration,
            Model = job.Model,
            Prompt = job.Prompt,
            Error = job.Error,
            CreatedAt = job.CreatedAt,
            UpdatedAt = job.UpdatedAt,
            RequestId = job.RequestId,
        };

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
