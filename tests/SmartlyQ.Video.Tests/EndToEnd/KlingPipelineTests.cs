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
    /// <c>Import-Csv kling-prompts.csv | New-SqVideo | Wait-SqJob | Save-SqVideo</c> over <c>Connect-SmartlyQ -Provider
    /// Kling</c> with a gateway token, through the operations over real loopback HTTP against the sandbox's new-api
    /// gateway (its Kling routes).
    /// </summary>
    public sealed class KlingPipelineTests : IAsyncLifetime
    {
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-e2e-kling-" + Guid.NewGuid().ToString("N"))).FullName;
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
        public async Task Example_csv_gives_three_charged_tasks_on_their_routes_three_valid_mp4s_and_free_errors_naming_Kling_and_the_field()
        {
            using SmartlyQConnection connection = await PipelineSteps.ConnectAsync(_sandbox, "Kling", SandboxServer.NewApiKey);

            List<Dictionary<string, string>> rows = CsvTable.Read(Path.Combine(RepoPaths.Root, "examples", "kling-prompts.csv"));
            Assert.Equal(5, rows.Count);

            // New-SqVideo: a field Kling has no place for (seed) and a duration it does not offer are refused unsent.
            FakeSink submitted = await PipelineSteps.SubmitAsync(connection, rows);

            Assert.Equal(2, submitted.Errors.Count);
            OperationError seed = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["seed"] == "42");
            Assert.Contains("Kling does not accept Seed", seed.Exception.Message);
            OperationError duration = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["duration"] == "7");
            Assert.Equal("duration", ((ArgumentException)duration.Exception).ParamName);
            Assert.Contains("nothing charged", duration.Exception.Message);
            Assert.All(submitted.Errors, e => Assert.Contains("Kling", e.RecommendedAction));

            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            Assert.Equal(3, jobs.Count);
            Assert.All(jobs, j => Assert.Equal("Kling", j.Provider));
            // The image row's uid remembers its route (image2video); the others are the gateway's task ids.
            Assert.Equal(2, jobs.Count(j => System.Text.RegularExpressions.Regex.IsMatch(j.JobUid, "^task_[0-9A-Za-z]{32}$")));
            Assert.Single(jobs, j => System.Text.RegularExpressions.Regex.IsMatch(j.JobUid, "^i2v-task_[0-9A-Za-z]{32}$"));

            // Wait-SqJob
            List<VideoJob> finished = await PipelineSteps.WaitAllSucceededAsync(connection, jobs);

            // Save-SqVideo: from Kling's result URL, which needs no token.
            List<FileInfo> files = await PipelineSteps.SaveAllAsync(connection, finished, _videos);
            PipelineSteps.AssertSandboxVideos(_sandbox, files, uid => uid.Replace("i2v-", ""));

            // The ledger: one Kling charge per task (no idempotency key: Kling takes none), none for the bad rows.
            var charges = _sandbox.Ledger.Entries.Where(e => e.Kind == SandboxLedgerEntry.ChargeKind && e.Provider == "Kling").ToList();
            Assert.Equal(jobs.Select(j => j.JobUid.Replace("i2v-", "")).OrderBy(u => u), charges.Select(c => c.JobUid).OrderBy(u => u));
            Assert.All(charges, c => Assert.Null(c.IdempotencyKey));
            Assert.Equal(0.25m + 1.20m + 0.30m, charges.Sum(c => c.Amount));
        }
    }
}
