using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>
    /// <c>Import-Csv newapi-prompts.csv | New-SqVideo | Wait-SqJob | Save-SqVideo</c> over <c>Connect-SmartlyQ -Provider
    /// NewApi</c>, through the operations over real loopback HTTP against the sandbox's new-api gateway (task endpoint).
    /// </summary>
    public sealed class NewApiPipelineTests : IAsyncLifetime
    {
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-e2e-newapi-" + Guid.NewGuid().ToString("N"))).FullName;
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
        public async Task Example_csv_gives_three_charged_tasks_three_valid_mp4s_and_free_errors_naming_NewApi_and_the_field()
        {
            using SmartlyQConnection connection = await PipelineSteps.ConnectAsync(_sandbox, "NewApi", SandboxServer.NewApiKey);

            List<Dictionary<string, string>> rows = CsvTable.Read(Path.Combine(RepoPaths.Root, "examples", "newapi-prompts.csv"));
            Assert.Equal(5, rows.Count);

            // New-SqVideo: a field the gateway would drop (aspect_ratio) and a duration out of range are refused unsent.
            FakeSink submitted = await PipelineSteps.SubmitAsync(connection, rows);

            Assert.Equal(2, submitted.Errors.Count);
            OperationError dropped = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["aspect_ratio"] == "16:9");
            Assert.Contains("NewApi does not accept AspectRatio", dropped.Exception.Message);
            OperationError tooLong = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["duration"] == "30");
            Assert.Equal("duration", ((ArgumentException)tooLong.Exception).ParamName);
            Assert.Contains("nothing charged", tooLong.Exception.Message);
            Assert.All(submitted.Errors, e => Assert.Contains("NewApi", e.RecommendedAction));

            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            Assert.Equal(3, jobs.Count);
            Assert.All(jobs, j =>
            {
                Assert.Matches("^task_[0-9A-Za-z]{32}$", j.JobUid);
                Assert.Equal("NewApi", j.Provider);
            });

            // Wait-SqJob
            List<VideoJob> finished = await PipelineSteps.WaitAllSucceededAsync(connection, jobs);

            // Save-SqVideo: Kling tasks come from the upstream's URL (no token), the Sora task through the gateway's proxy.
            List<FileInfo> files = await PipelineSteps.SaveAllAsync(connection, finished, _videos);
            PipelineSteps.AssertSandboxVideos(_sandbox, files);

            // The ledger: one NewApi charge per task (no idempotency key: new-api takes none), none for the bad rows.
            var charges = _sandbox.Ledger.Entries.Where(e => e.Kind == SandboxLedgerEntry.ChargeKind && e.Provider == "NewApi").ToList();
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), charges.Select(c => c.JobUid).OrderBy(u => u));
            Assert.All(charges, c => Assert.Null(c.IdempotencyKey));
            Assert.Equal(0.25m + 1.20m + 0.40m, charges.Sum(c => c.Amount));
        }
    }
}
