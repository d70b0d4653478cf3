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
using SmartlyQ.Video.Core.Validation;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>
    /// The Save-SqVideo sandbox: half the jobs fail at the provider (seeded, so the same ones every run), giving
    /// completed and failed jobs on one connection. A second, slow sandbox (jobs wait an hour) gives a pending and a
    /// cancelled job; its connection still downloads the good jobs, whose video URLs point at the first sandbox like
    /// a CDN. Files go under one temporary root, one folder per case.
    /// </summary>
    public sealed class SaveFixture : JobsFixture
    {
        public SandboxServer Slow { get; private set; } = null!;
        public SmartlyQConnection SlowConnection { get; private set; } = null!;
        public List<VideoJob> Completed { get; } = new List<VideoJob>();

        /// <summary>As New-SqVideo wrote it (status queued): Save-SqVideo looks it up and finds it failed.</summary>
        public VideoJob Failed { get; private set; } = null!;

        public VideoJob Pending { get; private set; } = null!;
        public VideoJob Cancelled { get; private set; } = null!;
        public string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-badinput-save-" + Guid.NewGuid().ToString("N"))).FullName;

        protected override SandboxOptions Options()
        {
            SandboxOptions options = FastOptions();
            options.FailureRate = 0.5;
            options.Seed = 20260101;
            return options;
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var submitted = new List<VideoJob>();
            for (int i = 0; i < 10; i++) submitted.Add(await Submit(Connection, "Save-SqVideo fixture job " + i));
            foreach (VideoJob job in submitted)
            {
                VideoJob finished = await UntilFinished(job);
                if (finished.Status == JobStatus.Succeeded) Completed.Add(finished);
                else if (finished.Status == JobStatus.Failed && Failed == null) Failed = job;
            }

            Assert.True(Completed.Count >= 2 && Failed != null, "the seeded failure draw must give at least two completed jobs and one failed job; pick another Seed");

            SandboxOptions slow = FastOptions();
            slow.QueuedDuration = TimeSpan.FromHours(1);
            Slow = await SandboxServer.StartAsync(slow);
            SlowConnection = await ConnectLive(Slow);
            Pending = await Submit(SlowConnection, "Save-SqVideo pending job");
            VideoJob toCancel = await Submit(SlowConnection, "Save-SqVideo cancelled job");
            await ((IJobCanceller)SlowConnection.Videos).CancelJobAsync(toCancel.JobUid, "cancel-" + toCancel.JobUid, CancellationToken.None);
            Cancelled = toCancel.With(await SlowConnection.Videos.GetJobAsync(toCancel.JobUid, CancellationToken.None));
            Assert.Equal(JobStatus.Cancelled, Cancelled.Status);
        }

        public override async Task DisposeAsync()
        {
            SlowConnection?.Dispose();
            if (Slow != null) await Slow.DisposeAsync();
            await base.DisposeAsync();
            Directory.Delete(Root, recursive: true);
        }

        private async Task<VideoJob> UntilFinished(VideoJob job)
        {
            for (int i = 0; i < 200; i++)
            {
                VideoJob now = job.With(await Connection.Videos.GetJobAsync(job.JobUid, CancellationToken.None));
                if (now.Status.IsTerminal()) return now;
                await Task.Delay(100);
            }

            throw new TimeoutException("Fixture job " + job.JobUid + " did not finish within 20 s.");
        }
    }

    /// <summary>One bad Save-SqVideo record: a piped job or a -JobUid, saved between two good jobs on the connection given.</summary>
    public sealed class SaveRecordCase
    {
        public SaveRecordCase(string name, bool slow, Func<SaveFixture, VideoJob?> job, Func<SaveFixture, string?> uid, string? errorId, ErrorKind? category, params string[] mentions)
        {
            Name = name;
            Slow = slow;
            Job = job;
            Uid = uid;
            ErrorId = errorId;
            Category = category;
            Mentions = mentions;
        }

        public string Name { get; }
        public bool Slow { get; }
        public Func<SaveFixture, VideoJob?> Job { get; }
        public Func<SaveFixture, string?> Uid { get; }
        public string? ErrorId { get; }
        public ErrorKind? Category { get; }

        /// <summary>Text the message must contain; <c>{uid}</c> is replaced by the job uid.</summary>
        public string[] Mentions { get; }

        public override string ToString() => Name;
    }

    /// <summary>
    /// Save-SqVideo: a -Path that is missing or a file stops the command; a bad -FileName is refused for the job; a
    /// bad record (unfinished, failed, unknown or malformed job) is one error while the good jobs around it are
    /// saved. Never a file outside the folder, never a *.partial left, never a charge.
    /// </summary>
    public sealed class SaveVideoBadInputTests : IClassFixture<SaveFixture>
    {
        private const string NotCompleted = "JobNotCompleted";
        private const string NotFound = "RESOURCE_NOT_FOUND";
        private const string Invalid = "InvalidJobUid";
        private readonly SaveFixture _fixture;

        public SaveVideoBadInputTests(SaveFixture fixture) => _fixture = fixture;

        // --- -Path: terminating ---

        public static readonly string[] PathCases =
        {
            "-Path that does not exist",
            "-Path that is a file",
            "-Path below a file",
        };

        public static TheoryData<string> PathCaseNames => new TheoryData<string>(PathCases);

        [Theory]
        [MemberData(nameof(PathCaseNames))]
        public async Task Path_that_is_not_a_folder_stops_the_command_naming_it_and_writes_nothing(string name)
        {
            string folder = CaseFolder();
            string file = Path.Combine(folder, "not-a-folder.txt");
            File.WriteAllText(file, "keep");
            string path = name switch
            {
                "-Path that does not exist" => Path.Combine(folder, "missing"),
                "-Path that is a file" => file,
                "-Path below a file" => Path.Combine(file, "sub"),
                _ => throw new ArgumentException(name),
            };
            LedgerMark mark = _fixture.MarkLedger();
            var sink = new FakeSink();
            using var save = new SaveVideoOperation(_fixture.Connection, new SaveVideoOptions { Directory = path });

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => save.ProcessAsync(_fixture.Completed[0], null, _fixture.Completed[0], sink, CancellationToken.None));

            Assert.Equal("PathNotFolder", ex.Error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Error.Category);
            Assert.Contains("Path '" + path + "'", ex.Message);
            Assert.Contains(name == "-Path that is a file" ? "is a file; -Path must be a folder" : "does not exist", ex.Message);
            Assert.Equal(path, ex.Error.TargetObject);
            Assert.Empty(sink.Output);
            Assert.Equal(new[] { file }, Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories));
            Assert.Equal("keep", File.ReadAllText(file));
            AssertNothingOutsideCaseFolders();
            Assert.Empty(mark.Since());
        }

        // --- -FileName: refused per job, and nothing written anywhere ---

        public static readonly string[] FileNameCases =
        {
            "../x.mp4", "..\\x.mp4", "/abs/x.mp4", "C:\\x.mp4", "\\\\server\\share\\x.mp4", "a|b.mp4", "a?b*.mp4", "a\tb.mp4",
            "..", ".", "x.", "sub/x.mp4", "{job_uid}/../../x.mp4", "   ",
        };

        public static TheoryData<string> FileNameCaseNames => new TheoryData<string>(FileNameCases);

        [Theory]
        [MemberData(nameof(FileNameCaseNames))]
        public async Task FileName_that_is_not_a_plain_name_is_refused_naming_FileName_and_nothing_is_written(string fileName)
        {
            string folder = CaseFolder();
            VideoJob job = _fixture.Completed[0];
            LedgerMark mark = _fixture.MarkLedger();
            var sink = new FakeSink();

            using var save = new SaveVideoOperation(_fixture.Connection, new SaveVideoOptions { Directory = folder, FileName = fileName });
            await save
                .ProcessAsync(job, null, job, sink, CancellationToken.None);

            OperationError error = Assert.Single(sink.Errors);
            Assert.Equal("InvalidFileName", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Category);
            Assert.Same(job, error.TargetObject);
            Assert.Equal("FileName", ((ArgumentException)error.Exception).ParamName);
            string expanded = fileName.Replace("{job_uid}", job.JobUid).Trim();
            Assert.Contains(expanded.Length == 0 ? "FileName is empty" : "FileName '" + UnsafeCharacters.Show(expanded) + "'", error.Exception.Message);
            Assert.Empty(sink.Output);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
            AssertNothingOutsideCaseFolders();
            Assert.False(File.Exists("/abs/x.mp4"));
            Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, expanded.Length == 0 ? "-" : expanded)));
            Assert.Empty(mark.Since());
        }

        // --- bad records between good ones ---

        public static readonly SaveRecordCase[] RecordCases =
        {
            new SaveRecordCase("pending job piped in", true, f => f.Pending, f => null, NotCompleted, ErrorKind.InvalidOperation, "Job {uid} is queued", "only succeeded jobs"),
            new SaveRecordCase("pending job given by -JobUid", true, f => null, f => f.Pending.JobUid, NotCompleted, ErrorKind.InvalidOperation, "Job {uid} is queued"),
            new SaveRecordCase("cancelled job piped in", true, f => f.Cancelled, f => null, NotCompleted, ErrorKind.InvalidOperation, "Job {uid} is cancelled"),
            new SaveRecordCase("failed job piped in", false, f => f.Failed, f => null, NotCompleted, ErrorKind.InvalidOperation, "Job {uid} failed (", "only succeeded jobs"),
            new SaveRecordCase("failed job given by -JobUid", false, f => null, f => f.Failed.JobUid, NotCompleted, ErrorKind.InvalidOperation, "Job {uid} failed ("),
            new SaveRecordCase("unknown well-formed -JobUid", false, f => null, f => "job_000000000000", NotFound, ErrorKind.ObjectNotFound, "'{uid}' was not found", "HTTP 404"),
            new SaveRecordCase("-JobUid of another API key's job", false, f => null, f => f.OtherKeysJobUid, NotFound, ErrorKind.ObjectNotFound, "'{uid}' was not found"),
            Uid("-JobUid '../../me'", "../../me", "JobUid '{uid}' is malformed"),
            Uid("-JobUid ''", "", "JobUid is empty"),
            Uid("-JobUid with spaces", "job id with spaces", "JobUid '{uid}' is malformed"),
            Uid("-JobUid with a non-ASCII letter", "job_ü", "JobUid '{uid}' is malformed"),
            Uid("-JobUid of 204 characters", "job_" + new string('b', 200), "JobUid '{uid}' is malformed"),
            new SaveRecordCase("piped job object with an empty JobUid", false, f => new VideoJob { JobUid = "", Status = JobStatus.Queued }, f => null, null, null, "JobUid is empty"),
            new SaveRecordCase("completed job object whose video URL is a file: URL", false,
                f => new VideoJob { JobUid = "job_0000000000aa", Status = JobStatus.Succeeded, Model = "kling-v2-1", VideoUrl = new Uri("file:///etc/hostname") },
                f => null, null, null, "is not an http or https URL"),
        };

        public static TheoryData<string> RecordCaseNames => new TheoryData<string>(RecordCases.Select(c => c.Name));

        [Theory]
        [MemberData(nameof(RecordCaseNames))]
        public Task Bad_record_is_one_error_naming_the_job_and_the_good_jobs_around_it_are_saved(string name)
            => Run(RecordCases.Single(c => c.Name == name));

        [Fact]
        public async Task Piped_job_with_an_empty_JobUid_is_refused_like_an_empty_JobUid_parameter()
        {
            OperationError error = await Run(RecordCases.Single(c => c.Name == "piped job object with an empty JobUid"));

            Assert.Equal(Invalid, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Category);
            Assert.Equal("JobUid", ((ArgumentException)error.Exception).ParamName);
        }

        [Fact]
        public async Task Refused_video_URL_error_names_the_job()
        {
            OperationError error = await Run(RecordCases.Single(c => c.Name == "completed job object whose video URL is a file: URL"));

            Assert.Contains("job_0000000000aa", error.Exception.Message);
            Assert.NotEqual(ErrorKind.NotSpecified, error.Category);
        }

        private async Task<OperationError> Run(SaveRecordCase bad)
        {
            string folder = CaseFolder();
            VideoJob good1 = _fixture.Completed[0], good2 = _fixture.Completed[1];
            VideoJob? badJob = bad.Job(_fixture);
            string? badUid = bad.Uid(_fixture);
            object badTarget = (object?)badJob ?? badUid!;
            LedgerMark mark = _fixture.MarkLedger();
            LedgerMark slowMark = new LedgerMark(_fixture.Slow.Ledger);
            var sink = new FakeSink();
            using var save = new SaveVideoOperation(bad.Slow ? _fixture.SlowConnection : _fixture.Connection, new SaveVideoOptions { Directory = folder });

            await save.ProcessAsync(good1, null, good1, sink, CancellationToken.None);
            await save.ProcessAsync(badJob, badUid, badTarget, sink, CancellationToken.None);
            await save.ProcessAsync(good2, null, good2, sink, CancellationToken.None);
            await save.CompleteAsync(sink, CancellationToken.None);

            OperationError error = Assert.Single(sink.Errors);
            Assert.Same(badTarget, error.TargetObject);
            if (bad.ErrorId != null) Assert.Equal(bad.ErrorId, error.ErrorId);
            if (bad.Category != null) Assert.Equal(bad.Category, error.Category);
            if (bad.ErrorId == Invalid) Assert.Equal("JobUid", ((ArgumentException)error.Exception).ParamName);
            if (bad.ErrorId == NotCompleted) Assert.Contains("Wait-SqJob", error.RecommendedAction);
            string uid = (badJob?.JobUid ?? badUid ?? "").Trim();
            foreach (string mention in bad.Mentions) Assert.Contains(mention.Replace("{uid}", uid), error.Exception.Message, StringComparison.OrdinalIgnoreCase);

            List<FileInfo> saved = sink.SavedFiles();
            Assert.Equal(new[] { good1.JobUid + ".mp4", good2.JobUid + ".mp4" }.OrderBy(n => n), saved.Select(f => f.Name).OrderBy(n => n));
            Assert.All(saved, f => Assert.Equal(folder, f.DirectoryName));
            Assert.Equal(saved.Select(f => f.FullName).OrderBy(p => p), Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).OrderBy(p => p));
            Assert.All(saved, f => Assert.Equal(_fixture.Sandbox.GetVideoLength(Path.GetFileNameWithoutExtension(f.Name)), f.Length));
            AssertNothingOutsideCaseFolders();
            Assert.Empty(mark.Since());
            Assert.Empty(slowMark.Since());
            return error;
        }

        private static SaveRecordCase Uid(string name, string uid, params string[] mentions)
            => new SaveRecordCase(name, false, f => null, f => uid, Invalid, ErrorKind.InvalidArgument, mentions);

        private string CaseFolder() => Directory.CreateDirectory(Path.Combine(_fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

        /// <summary>The root holds only the per-case folders (no file escaped a folder), and no *.partial anywhere.</summary>
        private void AssertNothingOutsideCaseFolders()
        {
            Assert.Empty(Directory.GetFiles(_fixture.Root));
            Assert.Empty(Directory.GetFiles(_fixture.Root, "*" + ".partial", SearchOption.AllDirectories));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_fixture.Root)!, "x.mp4"));
        }
    }
}
