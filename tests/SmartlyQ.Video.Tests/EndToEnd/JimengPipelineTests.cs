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
    /// <c>Import-Csv jimeng-prompts.csv | New-SqVideo | Wait-SqJob | Save-SqVideo</c> over <c>Connect-SmartlyQ -Provider
    /// Jimeng</c>, through the operations over real loopback HTTP against the sandbox's new-api gateway (its /jimeng/ route).
    /// </summary>
    public sealed class JimengPipelineTests : IAsyncLifetime
    {
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-e2e-jimeng-" + Guid.NewGuid().ToString("N"))).FullName;
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
        public async Task Example_csv_gives_three_charged_tasks_three_valid_mp4s_and_free_errors_naming_Jimeng_and_the_field()
        {
            using SmartlyQConnection connection = await PipelineSteps.ConnectAsync(_sandbox, "Jimeng", SandboxServer.NewApiKey);
            Assert.Empty(_sandbox.Ledger.Entries); // connect's proof (a result query for an impossible task) costs nothing

            List<Dictionary<string, string>> rows = CsvTable.Read(Path.Combine(RepoPaths.Root, "examples", "jimeng-prompts.csv"));
            Assert.Equal(5, rows.Count);

            // New-SqVideo: a field Jimeng has no place for (negative_prompt) and a duration the model lacks are refused unsent.
            FakeSink submitted = await PipelineSteps.SubmitAsync(connection, rows);

            Assert.Equal(2, submitted.Errors.Count);
            OperationError negative = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["negative_prompt"] != "");
            Assert.Contains("Jimeng does not accept NegativePrompt", negative.Exception.Message);
            OperationError tooLong = submitted.Errors.Single(e => ((Dictionary<string, string>)e.TargetObject!)["duration"] == "10"
                && ((Dictionary<string, string>)e.TargetObject!)["model"] == "jimeng_vgfm_t2v_l20");
            Assert.Equal("duration", ((ArgumentException)tooLong.Exception).ParamName);
            Assert.Contains("nothing charged", tooLong.Exception.Message);
            Assert.All(submitted.Errors, e => Assert.Contains("Jimeng", e.RecommendedAction));

            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            Assert.Equal(3, jobs.Count);
            Assert.All(jobs, j =>
            {
                Assert.Matches("^task_[0-9A-Za-z]{32}$", j.JobUid);
                Assert.Equal("Jimeng", j.Provider);
            });

            // Wait-SqJob
            List<VideoJob> finished = await PipelineSteps.WaitAllSucceededAsync(connection, jobs);

            // Save-SqVideo: from the upstream's URL, which needs no token.
            List<FileInfo> files = await PipelineSteps.SaveAllAsync(connection, finished, _videos);
            PipelineSteps.AssertSandboxVideos(_sandbox, files);

            // The ledger: one Jimeng charge per task on the gateway's key (no idempotency key), none for the bad rows.
            var charges = _sandbox.Ledger.Entries.Where(e => e.Kind == SandboxLedgerEntry.ChargeKind && e.Provider == "Jimeng").ToList();
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), charges.Select(c => c.JobUid).OrderBy(u => u));
            Assert.All(charges, c => Assert.Null(c.IdempotencyKey));
            Assert.Equal(0.20m + 0.60m + 0.20m, charges.Sum(c => c.Amount)); // 5 s l20, 10 s v30, 5 s i2v l20
        }
    }
}
