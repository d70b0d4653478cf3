using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>
    /// The user's main job, <c>Import-Csv prompts.csv | New-SqVideo | Wait-SqJob | Save-SqVideo</c>, through the
    /// operations over real loopback HTTP against the sandbox started in-process.
    /// </summary>
    public sealed class MainPipelineTests : IAsyncLifetime
    {
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-e2e-" + Guid.NewGuid().ToString("N"))).FullName;
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
        public async Task Example_csv_gives_one_charged_job_and_one_playable_mp4_per_valid_row_and_a_free_error_for_the_bad_row()
        {
            CancellationToken ct = CancellationToken.None;
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters { ApiKey = TestSecrets.Secure(SandboxServer.LiveKey), BaseUri = _sandbox.BaseUri }, new FakeSink(), ct);
            List<Dictionary<string, string>> rows = CsvTable.Read(Path.Combine(RepoPaths.Root, "examples", "prompts.csv"));
            Assert.True(rows.Count >= 6, "examples/prompts.csv needs at least 6 rows");

            // New-SqVideo
            var submitted = new FakeSink();
            var newVideo = new NewVideoOperation(connection);
            foreach (Dictionary<string, string> row in rows)
                await newVideo.ProcessAsync(CsvRowBinding.ToInput(row), submitted, ct);

            OperationError rejected = Assert.Single(submitted.Errors);
            var badRow = (Dictionary<string, string>)rejected.TargetObject!;
            Assert.Equal("4:3", badRow["aspect_ratio"]);
            Assert.Equal("aspect_ratio", ((ArgumentException)rejected.Exception).ParamName);
            Assert.Contains("allowed values: 16:9, 9:16, 1:1", rejected.Exception.Message);
            List<VideoJob> jobs = submitted.OutputOf<VideoJob>();
            Assert.Equal(rows.Count - 1, jobs.Count);

            // Wait-SqJob
            var waited = new FakeSink();
            using (var wait = new WaitJobOperation(connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 120 }))
            {
                foreach (VideoJob job in jobs) wait.Track(job, job);
                await wait.WaitAllAsync(waited, ct);
            }

            Assert.Empty(waited.Errors);
            List<VideoJob> finished = waited.OutputOf<VideoJob>();
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), finished.Select(j => j.JobUid).OrderBy(u => u));

            // Save-SqVideo
            var saved = new FakeSink();
            using var save = new SaveVideoOperation(connection, new SaveVideoOptions { Directory = _videos });
            foreach (VideoJob job in finished) await save.ProcessAsync(job, null, job, saved, ct);
            await save.CompleteAsync(saved, ct);

            Assert.Empty(saved.Errors);
            List<FileInfo> files = saved.SavedFiles();
            Assert.Equal(jobs.Select(j => j.JobUid + ".mp4").OrderBy(n => n), files.Select(f => f.Name).OrderBy(n => n));
            foreach (FileInfo file in files)
            {
                List<string> boxes = Mp4Boxes.TopLevel(file.FullName);
                Assert.Equal("ftyp", boxes[0]);
                Assert.Contains("moov", boxes);
                Assert.Contains("mdat", boxes);
            }

            Assert.Equal(files.Count, files.Select(f => Convert.ToBase64String(File.ReadAllBytes(f.FullName))).Distinct().Count());
            Assert.Equal(files.Count, Directory.GetFiles(_videos).Length);

            // The sandbox's ledger: exactly one charge per submitted job, under that job's idempotency key, none else.
            using var http = new HttpClient();
            using JsonDocument ledger = JsonDocument.Parse(await http.GetStringAsync(new Uri(_sandbox.RootUri, "sandbox/ledger"), ct));
            var charges = ledger.RootElement.GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() == "charge")
                .Select(e => (Job: e.GetProperty("job_uid").GetString(), Key: e.GetProperty("idempotency_key").GetString(), Amount: decimal.Parse(e.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            Assert.Equal(jobs.Select(j => (j.JobUid, j.IdempotencyKey)).OrderBy(p => p.JobUid), charges.Select(c => (c.Job!, c.Key)).OrderBy(p => p.Item1));
            Assert.Equal(jobs.Sum(j => j.Cost), charges.Sum(c => c.Amount));
            Assert.All(jobs, j => Assert.True(j.Cost > 0m, "a live key pays for each job"));
        }
    }
}
