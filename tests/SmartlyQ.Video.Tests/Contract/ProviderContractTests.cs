using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Sandbox.Chaos;
using Xunit;

namespace SmartlyQ.Video.Tests.Contract
{
    /// <summary>
    /// The provider contract: the same tests against every provider–emulator pair (<see cref="ContractSandbox.Providers"/>).
    /// Each test starts its own sandbox, so faults and limits set for one provider never reach another test.
    /// </summary>
    public sealed class ProviderContractTests
    {
        public static IEnumerable<object[]> Providers => ContractSandbox.Providers();

        private static int Charges(SandboxServer sandbox, string provider)
            => sandbox.Ledger.Entries.Count(e => e.Kind == SandboxLedgerEntry.ChargeKind && string.Equals(e.Provider, provider, StringComparison.OrdinalIgnoreCase));

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task Connects_and_lists_models_that_say_where_their_values_come_from(string provider)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast());
            using SmartlyQConnection connection = await ContractSandbox.Connect(sandbox, provider);

            Assert.Equal(provider, connection.Provider, StringComparer.OrdinalIgnoreCase);
            IReadOnlyList<VideoModel> models = await connection.Videos.ListModelsAsync(CancellationToken.None);
            Assert.NotEmpty(models);
            Assert.All(models, m =>
            {
                Assert.False(string.IsNullOrEmpty(m.Model));
                Assert.NotNull(m.Source);
                Assert.Equal(provider, m.Provider, StringComparer.OrdinalIgnoreCase);
            });
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task A_submitted_job_succeeds_and_downloads_as_the_exact_video_charged_once(string provider)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast());
            using SmartlyQConnection connection = await ContractSandbox.Connect(sandbox, provider);
            IVideoProvider videos = connection.Videos;

            VideoRequest request = await ContractSandbox.ValidRequest(videos, "contract: a red kite over the sea");
            JobSubmission submission = await videos.SubmitAsync(request, new SubmitOptions { IdempotencyKey = videos is IIdempotentSubmission ? Guid.NewGuid().ToString() : null }, CancellationToken.None);
            Assert.False(string.IsNullOrEmpty(submission.JobUid));
            Assert.False(submission.Status.IsTerminal());

            JobSnapshot done = await ContractSandbox.UntilTerminal(videos, submission.JobUid);
            Assert.Equal(JobStatus.Succeeded, done.Status);
            Assert.False(string.IsNullOrEmpty(done.ProviderStatus));
            Assert.Equal(submission.JobUid, done.JobUid);

            using var video = new MemoryStream();
            long length = await videos.DownloadAsync(done, video, null, null, CancellationToken.None);
            Assert.Equal(video.Length, length);
            byte[] bytes = video.ToArray();
            Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));
            using (SHA256 sha = SHA256.Create())
                Assert.Equal(sandbox.GetVideoSha256(done.JobUid), string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2"))));
            Assert.Equal(1, Charges(sandbox, provider));
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task A_job_that_fails_at_the_provider_ends_Failed_with_its_reason(string provider)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast(o => o.FailureRate = 1));
            using SmartlyQConnection connection = await ContractSandbox.Connect(sandbox, provider);
            IVideoProvider videos = connection.Videos;

            VideoRequest request = await ContractSandbox.ValidRequest(videos, "contract: a job that fails");
            JobSubmission submission = await videos.SubmitAsync(request, new SubmitOptions { IdempotencyKey = videos is IIdempotentSubmission ? Guid.NewGuid().ToString() : null }, CancellationToken.None);
            JobSnapshot done = await ContractSandbox.UntilTerminal(videos, submission.JobUid);

            Assert.Equal(JobStatus.Failed, done.Status);
            Assert.NotNull(done.Error);
            Assert.False(string.IsNullOrEmpty(done.Error!.Message));
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task An_unknown_job_is_NotFound_with_the_providers_code_and_request_id(string provider)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast());
            using SmartlyQConnection connection = await ContractSandbox.Connect(sandbox, provider);

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => connection.Videos.GetJobAsync("job_doesnotexist0001", CancellationToken.None));
            // The API's own status: 404 for most, 400 task_not_exist for new-api's tasks.
            Assert.InRange(ex.StatusCode, 400, 404);
            Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
            Assert.Equal(provider, ex.Provider, StringComparer.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrEmpty(ex.ErrorCode));
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task A_wrong_key_of_the_right_format_is_refused_on_connect_without_showing_the_key(string provider)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast());
            string good = sandbox.Providers.Single(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase)).ApiKey!;
            // Same prefix and length, other characters: passes the format rule, unknown to the API.
            string wrong = good.Substring(0, good.Length - 6) + "zz9zz9";

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => ContractSandbox.Connect(sandbox, provider, wrong));
            var api = Assert.IsType<VideoApiException>(ex.Error.Exception);
            Assert.Equal(ApiErrorKind.Unauthorized, api.Kind);
            Assert.DoesNotContain(wrong, ex.Error.Exception.ToString());
            Assert.DoesNotContain("zz9zz9", ex.Error.Exception.Message);
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task A_request_the_api_refuses_is_a_client_error_with_the_providers_message_and_costs_nothing(string provider)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast());
            using SmartlyQConnection connection = await ContractSandbox.Connect(sandbox, provider);
            IVideoProvider videos = connection.Videos;

            // Sent as is, past the shared validator, so the API's own refusal is what is tested.
            var request = new VideoRequest { Model = "no-such-model-contract", Type = VideoType.TextToVideo, Prompt = "contract: refused" };
            var ex = await Assert.ThrowsAsync<VideoApiException>(() => videos.SubmitAsync(request, new SubmitOptions { IdempotencyKey = videos is IIdempotentSubmission ? Guid.NewGuid().ToString() : null }, CancellationToken.None));

            Assert.InRange(ex.StatusCode, 400, 499);
            Assert.Contains(ex.Kind, new[] { ApiErrorKind.BadRequest, ApiErrorKind.Validation, ApiErrorKind.NotFound, ApiErrorKind.ModelNotAvailable });
            Assert.False(string.IsNullOrEmpty(ex.ProviderMessage));
            Assert.Equal(0, Charges(sandbox, provider));
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task Server_errors_on_polls_are_retried_and_the_job_still_completes(string provider)
        {
            // Long enough that several polls meet the faults even when a loaded machine makes the first poll late, with
            // retries enough that a run of faults never outlasts them.
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast(o => o.ProcessingDuration = TimeSpan.FromSeconds(1)));
            using SmartlyQConnection connection = await ContractSandbox.Connect(sandbox, provider, maxRetries: 12);
            IVideoProvider videos = connection.Videos;
            VideoRequest request = await ContractSandbox.ValidRequest(videos, "contract: through server errors");
            JobSubmission submission = await videos.SubmitAsync(request, new SubmitOptions { IdempotencyKey = videos is IIdempotentSubmission ? Guid.NewGuid().ToString() : null }, CancellationToken.None);

            sandbox.SetChaos(new ChaosOptions { ServerErrorRate = 0.5, Seed = 11 });
            JobSnapshot done = await ContractSandbox.UntilTerminal(videos, submission.JobUid);
            sandbox.SetChaos(new ChaosOptions());

            Assert.Equal(JobStatus.Succeeded, done.Status);
            Assert.Equal(1, Charges(sandbox, provider));
            // A synchronous API has no polls: its job is read locally, and the one request was sent before the faults.
            if (sandbox.Providers.Single(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase)).Synchronous) return;
            Assert.True(sandbox.Chaos.Injected[ChaosFaultKinds.ServerError] > 0);
            Assert.True(videos.Statistics.ServerError5xxRetries > 0);
            Assert.Equal(1, Charges(sandbox, provider));
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task A_submission_whose_answer_is_lost_is_never_charged_twice(string provider)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast());
            using SmartlyQConnection connection = await ContractSandbox.Connect(sandbox, provider);
            IVideoProvider videos = connection.Videos;
            VideoRequest request = await ContractSandbox.ValidRequest(videos, "contract: the answer is lost");

            sandbox.SetChaos(new ChaosOptions { AcceptThenDropRate = 1, Seed = 5 });
            Exception? failure = null;
            try
            {
                await videos.SubmitAsync(request, new SubmitOptions { IdempotencyKey = videos is IIdempotentSubmission ? Guid.NewGuid().ToString() : null }, CancellationToken.None);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            sandbox.SetChaos(new ChaosOptions());

            Assert.True(sandbox.Chaos.Injected[ChaosFaultKinds.AcceptThenDrop] > 0);
            // Keyed providers retry with the same key (one job); the others must not retry blind, and say it is uncertain.
            Assert.Equal(1, Charges(sandbox, provider));
            if (videos is IIdempotentSubmission) return;
            var uncertain = Assert.IsType<VideoApiException>(failure);
            Assert.Equal(ApiErrorKind.Uncertain, uncertain.Kind);
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public async Task A_burst_of_polls_under_a_tight_rate_limit_gets_no_429_where_the_api_sends_limits(string provider)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ContractSandbox.Fast(o =>
            {
                o.RateLimitPermits = 20;
                o.RateLimitWindow = TimeSpan.FromSeconds(2);
            }));
            using SmartlyQConnection connection = await ContractSandbox.Connect(sandbox, provider);
            IVideoProvider videos = connection.Videos;
            VideoRequest request = await ContractSandbox.ValidRequest(videos, "contract: polled hard");
            JobSubmission submission = await videos.SubmitAsync(request, new SubmitOptions { IdempotencyKey = videos is IIdempotentSubmission ? Guid.NewGuid().ToString() : null }, CancellationToken.None);

            await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => videos.GetJobAsync(submission.JobUid, CancellationToken.None)));

            // Every poll got its answer; a provider whose API announces its limits was paced below them.
            if (sandbox.Providers.Single(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase)).RateLimitHeaders) Assert.Equal(0, videos.Statistics.RateLimited429Received);
        }
    }
}
