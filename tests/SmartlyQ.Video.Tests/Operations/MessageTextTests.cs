using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>The texts users read: a failed job, a base URI without its version path, -WhatIf, Wait-SqJob's status lines.</summary>
    public class MessageTextTests
    {
        [Theory]
        [InlineData("The provider failed to generate the video. The charge was refunded.", "failed: JOB_FAILED: The provider failed to generate the video. The charge was refunded.")]
        [InlineData("Prompt rejected.", "failed: JOB_FAILED: Prompt rejected. The API refunds its charge.")]
        [InlineData("Prompt rejected", "failed: JOB_FAILED: Prompt rejected. The API refunds its charge.")]
        public void A_failed_job_says_the_reason_once_and_the_refund_once(string apiMessage, string expectedEnd)
        {
            var job = new VideoJob { JobUid = "job_1", Model = "kling-v2-1", Status = JobStatus.Failed, Error = new JobError("JOB_FAILED", apiMessage) };

            string message = WaitJobOperation.FailedMessage(job);

            Assert.Equal("Job job_1 (kling-v2-1) " + expectedEnd, message);
            Assert.DoesNotContain("..", message);
        }

        [Theory]
        [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/v1")]
        [InlineData("http://127.0.0.1:5080/", "http://127.0.0.1:5080/v1")]
        [InlineData("https://gateway.example.test/smartlyq/", "https://gateway.example.test/smartlyq/v1")]
        [InlineData("https://api.smartlyq.com/v1", null)]
        [InlineData("https://api.smartlyq.com/V2/", null)]
        public void A_base_uri_without_a_version_path_gets_the_v1_suggestion(string baseUri, string? expected)
            => Assert.Equal(expected, ConnectOperation.VersionPathSuggestion(new Uri(baseUri), new Uri("https://api.smartlyq.com/v1")));

        [Fact]
        public async Task WhatIf_names_the_provider_and_the_cost_the_model_list_prices()
        {
            var provider = new FakeVideoProvider();
            VideoModel kling = provider.Models[0];
            provider.Models[0] = new VideoModel
            {
                Model = kling.Model, Name = kling.Name, Types = kling.Types, Duration = kling.Duration, Resolution = kling.Resolution,
                Mode = kling.Mode, AspectRatio = kling.AspectRatio, PromptMaxLength = kling.PromptMaxLength, PricePerSecond = 0.056m, Currency = "SQC",
            };
            var sink = new FakeSink { Confirm = false };
            var operation = new NewVideoOperation(FakeConnection.For(provider));

            await operation.ProcessAsync(new NewVideoInput { Request = new VideoRequest { Model = "kling-v2-1", Prompt = "priced", Duration = 10 } }, sink, CancellationToken.None);
            await operation.ProcessAsync(new NewVideoInput { Request = new VideoRequest { Model = "kling-v2-1", Prompt = "default length" } }, sink, CancellationToken.None);
            await operation.ProcessAsync(new NewVideoInput { Request = new VideoRequest { Model = "pixverse-v4-5", Prompt = "unpriced" } }, sink, CancellationToken.None);

            var calls = sink.ShouldProcessCalls.ToArray();
            Assert.Equal(("SmartlyQ kling-v2-1: 'priced'", "Submit a text_to_video job of 10 s, cost 0.5600 SQC"), calls[0]);
            Assert.Equal("Submit a text_to_video job of 5 s, cost 0.2800 SQC", calls[1].Action);
            Assert.Equal("Submit a text_to_video job of 5 s, costs SQC (the model list gives no price)", calls[2].Action);
            Assert.Empty(provider.Submissions);
        }

        [Fact]
        public void The_cost_estimate_needs_a_price_and_rounds_to_four_decimals()
        {
            var model = new VideoModel { Model = "m", Duration = new[] { 8, 4 }, PricePerSecond = 0.03333m };

            Assert.Equal(0.1333m, model.EstimateCost(null));
            Assert.Equal(0.2666m, model.EstimateCost(8));
            Assert.Null(new VideoModel { Model = "m", Duration = new[] { 5 } }.EstimateCost(5));
            Assert.Null(new VideoModel { Model = "m", PricePerSecond = 1m }.EstimateCost(null));
        }

        [Fact]
        public async Task Wait_writes_each_status_change_of_each_job_as_a_verbose_line()
        {
            var provider = new FakeVideoProvider();
            provider.Script("job_a", JobStatus.Queued, JobStatus.Running, JobStatus.Running, JobStatus.Succeeded);
            provider.Script("job_b", JobStatus.Running, JobStatus.Succeeded);
            var sink = new FakeSink();
            using (var wait = new WaitJobOperation(FakeConnection.For(provider), new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 600 }, new ScaledTimeProvider(100)))
            {
                wait.Track(new VideoJob { JobUid = "job_a", Status = JobStatus.Queued, Model = "kling-v2-1" }, null);
                wait.Track("job_b", "job_b");
                await wait.WaitAllAsync(sink, CancellationToken.None);
            }

            string[] lines = sink.Verbose.ToArray();
            Assert.Equal(new[] { "Job job_a (kling-v2-1): queued -> running", "Job job_a (kling-v2-1): running -> succeeded" },
                lines.Where(l => l.StartsWith("Job job_a", StringComparison.Ordinal)).ToArray());
            Assert.Equal(new[] { "Job job_b: running", "Job job_b: running -> succeeded" },
                lines.Where(l => l.StartsWith("Job job_b", StringComparison.Ordinal)).ToArray());
        }
    }
}
