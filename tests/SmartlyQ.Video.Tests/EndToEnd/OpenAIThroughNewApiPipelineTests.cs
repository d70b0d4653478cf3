using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>
    /// <c>Connect-SmartlyQ -Provider OpenAI -BaseUri https://gateway/v1</c> with a new-api token: the OpenAI dialect through
    /// the gateway's OpenAI-compatible <c>/v1/videos</c>, whose ids are the gateway's <c>task_…</c> and whose video comes
    /// from its content proxy.
    /// </summary>
    public sealed class OpenAIThroughNewApiPipelineTests : IAsyncLifetime
    {
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-e2e-openai-gw-" + Guid.NewGuid().ToString("N"))).FullName;
        private SandboxServer _sandbox = null!;

        public async Task InitializeAsync()
            => _sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                QueuedDuration = TimeSpan.FromMilliseconds(200),
                ProcessingDuration = TimeSpan.FromMilliseconds(400),
            });

        public async Task DisposeAsync()
        {
            await _sandbox.DisposeAsync();
            Directory.Delete(_videos, recursive: true);
        }

        [Fact]
        public async Task Sora_rows_through_the_gateway_are_charged_once_to_the_token_and_saved()
        {
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters
                {
                    Provider = "OpenAI",
                    ApiKey = TestSecrets.Secure(SandboxServer.NewApiKey),
                    BaseUri = _sandbox.ProviderBaseUri("NewApi"),
                },
                new FakeSink(), CancellationToken.None);

            var rows = new List<Dictionary<string, string>>
            {
                new Dictionary<string, string> { ["model"] = "sora-2", ["prompt"] = "A paper boat on a stream", ["duration"] = "4", ["resolution"] = "720p", ["aspect_ratio"] = "16:9" },
                new Dictionary<string, string> { ["model"] = "sora-2-pro", ["prompt"] = "A lighthouse in a storm", ["duration"] = "8", ["resolution"] = "1024p", ["aspect_ratio"] = "16:9" },
                new Dictionary<string, string> { ["model"] = "sora-2", ["prompt"] = "A fox in fresh snow", ["duration"] = "7" },
                new Dictionary<string, string> { ["model"] = "sora-2-pro", ["prompt"] = "A night market", ["duration"] = "4", ["resolution"] = "1080p", ["aspect_ratio"] = "16:9" },
            };
            FakeSink submitted = await PipelineSteps.SubmitAsync(connection, rows);

            // 7 s is not one of OpenAI's durations: refused before anything is sent. 1080p is OpenAI's but not the
            // gateway's (its size check knows 720p and 1792x1024 only): the gateway's own code and message, nothing charged.
            Assert.Equal(2, submitted.Errors.Count);
            Assert.Contains(submitted.Errors, e => e.ErrorId == "VALIDATION_ERROR" && e.Exception.Message.Contains("duration 7"));
            var gatewaySize = (VideoApiException)submitted.Errors.Single(e => e.ErrorId == "invalid_size").Exception;
            Assert.Equal(400, gatewaySize.StatusCode);
            Assert.Equal(ApiErrorKind.BadRequest, gatewaySize.Kind);
            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            Assert.Equal(2, jobs.Count);
            Assert.All(jobs, j => Assert.Matches("^task_[0-9A-Za-z]{32}$", j.JobUid));

            List<VideoJob> finished = await PipelineSteps.WaitAllSucceededAsync(connection, jobs);
            List<FileInfo> files = await PipelineSteps.SaveAllAsync(connection, finished, _videos);
            PipelineSteps.AssertSandboxVideos(_sandbox, files);

            // The gateway bills its own token (USD quota), once per task; OpenAI's emulator charges nothing.
            var charges = _sandbox.Ledger.Entries.Where(e => e.Kind == SandboxLedgerEntry.ChargeKind).ToList();
            Assert.All(charges, c => Assert.Equal("NewApi", c.Provider));
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), charges.Select(c => c.JobUid).OrderBy(u => u));
            Assert.Equal(0.40m + 2.40m, charges.Sum(c => c.Amount));
        }
    }
}
