using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.A4F;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.A4F
{
    /// <summary>
    /// A4F's synchronous endpoint behind a local job: the job comes at once, the answer becomes the video file, refusals
    /// surface on the submission, and a lost answer is uncertain, never sent again.
    /// </summary>
    public sealed class A4FClientTests : IDisposable
    {
        private const string Base = "https://a4f.test/v1";
        private const string Key = "ddc-a4f-0123456789abcdef0123456789abcdef";
        private static readonly VideoRequest Request = new VideoRequest
        {
            Model = "provider-2/kling-v2.1", Type = VideoType.TextToVideo, Prompt = "A fox in fresh snow", Duration = 5, Resolution = "720p", AspectRatio = "16:9",
        };

        private readonly MockHttpMessageHandler _mock = new MockHttpMessageHandler();
        private readonly RecordingHandler _recorder;
        private readonly string _state = Path.Combine(Path.GetTempPath(), "a4f-tests-" + Guid.NewGuid().ToString("N"));
        private A4FClient? _client;

        public A4FClientTests() => _recorder = new RecordingHandler(_mock);

        private A4FClient Client(TimeSpan? window = null) => _client ??= new A4FClient(new ProviderSettings
        {
            BaseUri = new Uri(Base),
            Credential = A4FProvider.Entry.Credential(Key),
            Handler = _recorder,
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Pacing = false,
        }, TimeProvider.System, _state, window ?? TimeSpan.FromSeconds(30));

        public void Dispose()
        {
            _client?.Dispose();
            _recorder.Dispose();
            try { Directory.Delete(_state, true); } catch (IOException) { }
        }

        private static byte[] Video(int length)
        {
            var bytes = new byte[length];
            new Random(length).NextBytes(bytes);
            "ftyp"u8.ToArray().CopyTo(bytes, 4);
            return bytes;
        }

        private static HttpResponseMessage Answer(byte[] video)
            => Answers.Ok("{\"created\":1730000000,\"data\":[{\"b64_json\":\"" + Convert.ToBase64String(video) + "\",\"url\":null,\"revised_prompt\":null}]}");

        private static HttpResponseMessage Error(int status, string type, string message)
            => Answers.Json((HttpStatusCode)status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":\"" + type + "\"}}");

        private async Task<JobSnapshot> Settled(string id)
        {
            await Client().WhenSettled(id);
            return await Client().GetJobAsync(id, CancellationToken.None);
        }

        [Fact]
        public async Task A_submission_returns_a_local_job_and_its_answer_becomes_the_exact_video()
        {
            byte[] video = Video(300_000);
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => Answer(video));

            JobSubmission submission = await Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);

            Assert.Matches("^a4f_[0-9a-f]{32}$", submission.JobUid);
            Assert.False(submission.Status.IsTerminal());
            JobSnapshot done = await Settled(submission.JobUid);
            Assert.Equal(JobStatus.Succeeded, done.Status);
            Assert.Equal("succeeded", done.ProviderStatus);
            Assert.Equal("provider-2/kling-v2.1", done.Model);
            Assert.NotNull(done.VideoUrl);

            using var saved = new MemoryStream();
            long length = await Client().DownloadAsync(done, saved, null, null, CancellationToken.None);
            Assert.Equal(video.Length, length);
            Assert.Equal(video, saved.ToArray());

            RecordedRequest sent = Assert.Single(_recorder.Requests);
            Assert.Equal("Bearer " + Key, sent.Header("Authorization"));
            Assert.Equal(submission.JobUid, sent.Header(A4FClient.ClientRequestIdHeader));
            using JsonDocument body = JsonDocument.Parse(sent.Body!);
            Assert.Equal("provider-2/kling-v2.1", body.RootElement.GetProperty("model").GetString());
            Assert.Equal("A fox in fresh snow", body.RootElement.GetProperty("prompt").GetString());
            Assert.Equal("720p", body.RootElement.GetProperty("quality").GetString());
            Assert.Equal(5, body.RootElement.GetProperty("duration").GetInt32());
            Assert.Equal("16:9", body.RootElement.GetProperty("ratio").GetString());
            Assert.Empty(Directory.GetFiles(_state, "*.part"));
        }

        [Fact]
        public async Task Quality_and_duration_that_A4F_requires_get_defaults_and_ratio_is_left_to_A4F()
        {
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => Answer(Video(100)));

            await Client().SubmitAsync(new VideoRequest { Model = "provider-2/veo", Prompt = "p" }, SubmitOptions.None, CancellationToken.None);

            using JsonDocument body = JsonDocument.Parse(Assert.Single(_recorder.Requests).Body!);
            Assert.Equal("1080p", body.RootElement.GetProperty("quality").GetString());
            Assert.Equal(4, body.RootElement.GetProperty("duration").GetInt32());
            Assert.False(body.RootElement.TryGetProperty("ratio", out _));
        }

        [Theory]
        [InlineData("Seed")]
        [InlineData("NegativePrompt")]
        [InlineData("ImageUrl")]
        [InlineData("Option")]
        public async Task A_field_A4F_has_no_place_for_is_refused_naming_A4F_and_the_field_and_nothing_is_sent(string field)
        {
            VideoRequest request = field switch
            {
                "Seed" => new VideoRequest { Model = Request.Model, Prompt = Request.Prompt, Seed = 7 },
                "NegativePrompt" => new VideoRequest { Model = Request.Model, Prompt = Request.Prompt, NegativePrompt = "blur" },
                "ImageUrl" => new VideoRequest { Model = Request.Model, Prompt = Request.Prompt, ImageUrl = "https://img.test/a.png" },
                _ => Request.WithOptions(new System.Collections.Generic.Dictionary<string, string> { ["cfg_scale"] = "0.5" }),
            };

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().SubmitAsync(request, SubmitOptions.None, CancellationToken.None));

            Assert.Contains("A4F", ex.Message);
            Assert.Equal(field, ex.ParamName);
            Assert.Empty(_recorder.Requests);
        }

        [Theory]
        [InlineData(400, "n_exceeds_model_limit", ApiErrorKind.BadRequest)]
        [InlineData(403, "permission_denied_error", ApiErrorKind.ModelNotAvailable)]
        [InlineData(429, "rate_limit_exceeded", ApiErrorKind.RateLimited)]
        public async Task A_refusal_that_comes_at_once_is_thrown_from_the_submission_with_A4Fs_code_and_message(int status, string type, ApiErrorKind kind)
        {
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => Error(status, type, "Refused: " + type));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None));

            Assert.Equal("A4F", ex.Provider);
            Assert.Equal(status, ex.StatusCode);
            Assert.Equal(type, ex.ErrorCode);
            Assert.Equal(kind, ex.Kind);
            Assert.Equal("Refused: " + type, ex.ProviderMessage);
            Assert.Single(_recorder.Requests);
        }

        [Fact]
        public async Task A_provider_error_ends_the_job_Failed_with_its_code_and_message_and_is_not_sent_again()
        {
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => Error(500, "provider_error", "Upstream provider failed"));

            JobSubmission submission = await Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);
            JobSnapshot done = await Settled(submission.JobUid);

            Assert.Equal(JobStatus.Failed, done.Status);
            Assert.Equal("provider_error", done.Error!.Code);
            Assert.Equal("Upstream provider failed", done.Error.Message);
            Assert.Single(_recorder.Requests);
        }

        [Fact]
        public async Task An_answer_cut_in_the_middle_of_the_base64_is_uncertain_and_never_sent_again()
        {
            string json = "{\"created\":1,\"data\":[{\"b64_json\":\"" + Convert.ToBase64String(Video(200_000)) + "\"}]}";
            byte[] half = Encoding.ASCII.GetBytes(json.Substring(0, json.Length / 2));
            _recorder.Server = (_, _) => Task.FromResult(Answers.Stream(new ScriptedStream(half), json.Length));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None));

            Assert.Equal(ApiErrorKind.Uncertain, ex.Kind);
            Assert.Equal("SUBMISSION_UNCERTAIN", ex.ErrorCode);
            Assert.Single(_recorder.Requests);
            Assert.Empty(Directory.GetFiles(_state, "*.part"));
            Assert.Empty(Directory.GetFiles(_state, "*.mp4"));
        }

        [Fact]
        public async Task An_answer_lost_after_the_job_was_returned_ends_it_Failed_uncertain()
        {
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _recorder.Server = async (_, _) =>
            {
                await release.Task;
                return Answers.Stream(new ScriptedStream(Encoding.ASCII.GetBytes("{\"created\":1,\"data\":[{\"b64_json\":\"AAAA")), 1000);
            };
            A4FClient client = Client(TimeSpan.Zero);

            JobSubmission submission = await client.SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);
            Assert.Equal(JobStatus.Running, (await client.GetJobAsync(submission.JobUid, CancellationToken.None)).Status);
            release.SetResult(true);
            JobSnapshot done = await Settled(submission.JobUid);

            Assert.Equal(JobStatus.Failed, done.Status);
            Assert.Equal("SUBMISSION_UNCERTAIN", done.Error!.Code);
            Assert.Contains("not sent again", done.Error.Message);
            Assert.Single(_recorder.Requests);
        }

        [Fact]
        public async Task Cancelling_the_submitting_pipeline_aborts_the_running_request_and_the_job_is_uncertain()
        {
            var aborted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _recorder.Server = async (_, token) =>
            {
                reached.SetResult(true);
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    aborted.SetResult(true);
                    throw;
                }
                return Answer(Video(10));
            };
            A4FClient client = Client(TimeSpan.Zero);
            using var stop = new CancellationTokenSource();

            JobSubmission submission = await client.SubmitAsync(Request, SubmitOptions.None, stop.Token);
            await reached.Task;
            stop.Cancel();
            await aborted.Task;
            JobSnapshot done = await Settled(submission.JobUid);

            Assert.Equal(JobStatus.Failed, done.Status);
            Assert.Equal("SUBMISSION_UNCERTAIN", done.Error!.Code);
        }

        [Fact]
        public async Task ThrottleLimit_bounds_the_requests_running_at_once_and_later_jobs_wait_queued()
        {
            int running = 0, most = 0;
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var twoArrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            int arrived = 0;
            _recorder.Server = async (_, _) =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                if (Interlocked.Increment(ref arrived) == 2) twoArrived.SetResult(true);
                await release.Task;
                Interlocked.Decrement(ref running);
                return Answer(Video(50));
            };
            A4FClient client = Client(TimeSpan.Zero);
            var options = new SubmitOptions { ThrottleLimit = 2 };

            JobSubmission[] jobs = new JobSubmission[5];
            for (int i = 0; i < jobs.Length; i++) jobs[i] = await client.SubmitAsync(Request, options, CancellationToken.None);

            Assert.Equal(new[] { JobStatus.Running, JobStatus.Running, JobStatus.Queued, JobStatus.Queued, JobStatus.Queued }, jobs.Select(j => j.Status));
            Assert.Equal(JobStatus.Queued, (await client.GetJobAsync(jobs[4].JobUid, CancellationToken.None)).Status);
            await twoArrived.Task;
            release.SetResult(true);
            foreach (JobSubmission job in jobs) Assert.Equal(JobStatus.Succeeded, (await Settled(job.JobUid)).Status);
            Assert.Equal(2, most);
            Assert.Equal(5, _recorder.Requests.Length);
        }

        [Fact]
        public async Task Stop_SqJob_cancels_a_queued_generation_unsent_and_aborts_a_running_one_as_uncertain()
        {
            var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _recorder.Server = async (_, token) =>
            {
                reached.TrySetResult(true);
                await Task.Delay(Timeout.Infinite, token);
                return Answer(Video(10));
            };
            A4FClient client = Client(TimeSpan.Zero);
            var one = new SubmitOptions { ThrottleLimit = 1 };
            JobSubmission running = await client.SubmitAsync(Request, one, CancellationToken.None);
            JobSubmission queued = await client.SubmitAsync(Request, one, CancellationToken.None);
            await reached.Task;

            JobSnapshot cancelled = await client.CancelJobAsync(queued.JobUid, null, CancellationToken.None);
            JobSnapshot aborted = await client.CancelJobAsync(running.JobUid, null, CancellationToken.None);

            Assert.Equal(JobStatus.Cancelled, cancelled.Status);
            Assert.Equal(JobStatus.Failed, aborted.Status);
            Assert.Equal("SUBMISSION_UNCERTAIN", aborted.Error!.Code);
            Assert.Single(_recorder.Requests);
            var again = await Assert.ThrowsAsync<VideoApiException>(() => client.CancelJobAsync(running.JobUid, null, CancellationToken.None));
            Assert.Equal(ApiErrorKind.Conflict, again.Kind);
        }

        [Theory]
        [InlineData("job_doesnotexist0001")]
        [InlineData("a4f_00000000000000000000000000000000")]
        public async Task An_unknown_job_is_NotFound_without_a_request(string id)
        {
            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().GetJobAsync(id, CancellationToken.None));

            Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
            Assert.Equal(404, ex.StatusCode);
            Assert.Equal("JOB_NOT_FOUND", ex.ErrorCode);
            Assert.Empty(_recorder.Requests);
        }

        [Fact]
        public async Task An_id_that_could_change_a_path_is_refused()
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Client().GetJobAsync("../a4f_x", CancellationToken.None));
        }

        [Fact]
        public async Task A_job_whose_process_died_while_its_request_ran_is_Failed_uncertain_for_another_client()
        {
            var store = new A4FJobStore(_state);
            var record = new A4FLocalJob
            {
                Id = "a4f_" + new string('7', 32), Status = A4FLocalStatus.Generating, Model = "provider-2/veo", CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow, OwnerProcessId = int.MaxValue, OwnerProcessStartedAt = DateTimeOffset.UtcNow,
            };
            store.Save(record);

            JobSnapshot job = await Client().GetJobAsync(record.Id, CancellationToken.None);

            Assert.Equal(JobStatus.Failed, job.Status);
            Assert.Equal("SUBMISSION_UNCERTAIN", job.Error!.Code);
        }

        [Fact]
        public async Task A_url_answer_is_downloaded_from_that_url_without_the_key()
        {
            byte[] video = Video(2048);
            _mock.When(HttpMethod.Post, Base + "/video/generations").Respond(_ => Answers.Ok("{\"created\":1,\"data\":[{\"url\":\"https://cdn.a4f-files.test/v/1.mp4\"}]}"));
            _mock.When(HttpMethod.Get, "https://cdn.a4f-files.test/v/1.mp4").Respond(_ => Answers.Bytes(video));

            JobSubmission submission = await Client().SubmitAsync(Request, SubmitOptions.None, CancellationToken.None);
            JobSnapshot done = await Settled(submission.JobUid);
            using var saved = new MemoryStream();
            await Client().DownloadAsync(done, saved, null, null, CancellationToken.None);

            Assert.Equal(new Uri("https://cdn.a4f-files.test/v/1.mp4"), done.VideoUrl);
            Assert.Equal(video, saved.ToArray());
            Assert.Null(_recorder.Requests.Last().Header("Authorization"));
        }

        [Fact]
        public async Task The_model_list_keeps_video_models_with_the_documented_limits_and_a_wrong_key_is_Unauthorized_without_the_key()
        {
            _mock.When(HttpMethod.Get, Base + "/models").Respond(_ => Answers.Ok(
                "{\"object\":\"list\",\"data\":[{\"id\":\"provider-2/sora-2\",\"type\":\"video/generations\"},{\"id\":\"provider-3/gpt-4o\",\"type\":\"chat/completion\"}]}"));

            VideoModel model = Assert.Single(await Client().ListModelsAsync(CancellationToken.None));
            Assert.Equal("provider-2/sora-2", model.Model);
            Assert.Equal(new[] { 1, 2, 3, 4 }, model.Duration);
            Assert.Equal(new[] { "720p", "1080p" }, model.Resolution);

            _mock.Clear();
            _mock.When(HttpMethod.Get, Base + "/models").Respond(_ => Error(401, "invalid_api_key", "Invalid API key " + Key));
            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Client().ListModelsAsync(CancellationToken.None));
            Assert.Equal(ApiErrorKind.Unauthorized, ex.Kind);
            Assert.DoesNotContain("0123456789abcdef0123456789abcdef", ex.ToString());
        }

        [Theory]
        [InlineData("ddc-a4f-0123456789abcdef0123456789abcdef", true)]
        [InlineData("ddc-a4f-0123456789abcdef0123456789abzz9z", true)]
        [InlineData("ddc-a4f-0123", false)]
        [InlineData("sk-0123456789abcdef0123456789abcdef", false)]
        public void The_key_format_is_ddc_a4f_and_32_letters_or_digits_and_errors_never_quote_the_key(string key, bool valid)
        {
            string? error = A4FApiKey.FormatError(key);

            Assert.Equal(valid, error == null);
            if (error != null) Assert.DoesNotContain(key, error);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }
}
