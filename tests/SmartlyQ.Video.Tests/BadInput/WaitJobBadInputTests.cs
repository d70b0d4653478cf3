using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>The sandbox of <see cref="WaitJobBadInputTests"/> and <see cref="SaveVideoBadInputTests"/>, plus a job that belongs to the TEST key.</summary>
    public class JobsFixture : SandboxFixture
    {
        /// <summary>A job submitted with <see cref="SandboxServer.TestKey"/>: unknown to the live key's connection.</summary>
        public string OtherKeysJobUid { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using SmartlyQConnection testKey = await Connect(Sandbox, SandboxServer.TestKey);
            OtherKeysJobUid = (await Submit(testKey, "Other key's job")).JobUid;
        }

        /// <summary>Submits one valid kling-v2-1 row through NewVideoOperation.</summary>
        public static async Task<VideoJob> Submit(SmartlyQConnection connection, string prompt)
        {
            var sink = new FakeSink();
            await new NewVideoOperation(connection).ProcessAsync(new NewVideoInput
            {
                Request = new VideoRequest { Model = "kling-v2-1", Prompt = prompt + " " + Guid.NewGuid().ToString("N"), Duration = 5 },
            }, sink, CancellationToken.None);
            Assert.Empty(sink.Errors);
            return Assert.Single(sink.OutputOf<VideoJob>());
        }
    }

    /// <summary>One bad Wait-SqJob input: a -JobUid string, or (<see cref="AsObject"/>) a VideoJob piped in with that JobUid.</summary>
    public sealed class WaitCase
    {
        public WaitCase(string name, Func<JobsFixture, string> uid, bool asObject, string errorId, params string[] mentions)
        {
            Name = name;
            Uid = uid;
            AsObject = asObject;
            ErrorId = errorId;
            Mentions = mentions;
        }

        public string Name { get; }
        public Func<JobsFixture, string> Uid { get; }
        public bool AsObject { get; }
        public string ErrorId { get; }

        /// <summary>What the message must contain besides the uid itself; <c>{uid}</c> is replaced.</summary>
        public string[] Mentions { get; }

        public override string ToString() => Name;
    }

    /// <summary>
    /// Wait-SqJob: each bad job uid is tracked together with one real good job. One error naming the uid (or
    /// JobUid), the good job still written as completed, one charge in the ledger (the good job's) and none for the
    /// bad uid.
    /// </summary>
    public sealed class WaitJobBadInputTests : IClassFixture<JobsFixture>
    {
        private const string NotFound = "RESOURCE_NOT_FOUND";
        private const string Invalid = "InvalidJobUid";
        private static readonly string LongUid = "job_" + new string('a', 200);
        private readonly JobsFixture _fixture;

        public WaitJobBadInputTests(JobsFixture fixture) => _fixture = fixture;

        public static readonly WaitCase[] All =
        {
            Uid("unknown well-formed job uid", "job_000000000000", NotFound, "'{uid}' was not found", "HTTP 404"),
            new WaitCase("job uid of another API key's job", f => f.OtherKeysJobUid, false, NotFound, "'{uid}' was not found"),
            Uid("path traversal '../../me'", "../../me", Invalid, "JobUid '{uid}' is malformed"),
            Uid("job uid with spaces", "job id with spaces", Invalid, "JobUid '{uid}' is malformed"),
            Uid("empty job uid", "", Invalid, "JobUid is empty"),
            Uid("whitespace-only job uid", "   ", Invalid, "JobUid is empty"),
            Uid("job uid of 204 characters", LongUid, Invalid, "JobUid '{uid}' is malformed"),
            Uid("job uid with a non-ASCII letter", "job_ü", Invalid, "JobUid '{uid}' is malformed"),
            Uid("job uid carrying a query string", "job_1?status=completed", Invalid, "JobUid '{uid}' is malformed"),
            Uid("job uid carrying a sub-path", "job_1/cancel", Invalid, "JobUid '{uid}' is malformed"),
            Uid("percent-encoded traversal", "job_%2e%2e%2fme", Invalid, "JobUid '{uid}' is malformed"),
            // A piped object's uid is checked like -JobUid's: refused before any request.
            new WaitCase("piped job object with a traversal JobUid", f => "../../me", true, Invalid, "JobUid '{uid}' is malformed"),
            new WaitCase("piped job object with an empty JobUid", f => "", true, Invalid, "JobUid is empty"),
        };

        public static TheoryData<string> Cases => new TheoryData<string>(All.Select(c => c.Name));

        [Theory]
        [MemberData(nameof(Cases))]
        public Task Bad_job_uid_is_one_error_naming_it_and_the_good_job_is_still_written(string name)
            => Run(All.Single(c => c.Name == name));

        private async Task Run(WaitCase bad)
        {
            string name = bad.Name;
            string uid = bad.Uid(_fixture);
            LedgerMark mark = _fixture.MarkLedger();
            VideoJob good = await JobsFixture.Submit(_fixture.Connection, "Wait-SqJob good job for " + name);
            var badJob = new VideoJob { JobUid = uid, Status = JobStatus.Queued, Model = "kling-v2-1" };
            object badTarget = bad.AsObject ? badJob : uid;

            var sink = new FakeSink();
            // 1 "second" of poll interval or timeout lasts 100 ms: the good job is seen within ~0.5 s, the timeout is 30 s away.
            using (var wait = new WaitJobOperation(_fixture.Connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 300 }, new ScaledTimeProvider(10)))
            {
                wait.Track(good, good);
                if (bad.AsObject) wait.Track(badJob, badJob);
                else wait.Track(uid, uid);
                await wait.WaitAllAsync(sink, CancellationToken.None);
            }

            OperationError error = Assert.Single(sink.Errors);
            Assert.Equal(bad.ErrorId, error.ErrorId);
            Assert.Same(badTarget, error.TargetObject);
            Assert.Equal(bad.ErrorId == Invalid ? ErrorKind.InvalidArgument : ErrorKind.ObjectNotFound, error.Category);
            foreach (string mention in bad.Mentions) Assert.Contains(mention.Replace("{uid}", uid.Trim()), error.Exception.Message);
            if (bad.ErrorId == Invalid) Assert.Equal("JobUid", ((ArgumentException)error.Exception).ParamName);

            VideoJob written = Assert.Single(sink.OutputOf<VideoJob>());
            Assert.Equal(good.JobUid, written.JobUid);
            Assert.Equal(JobStatus.Succeeded, written.Status);
            Assert.NotNull(written.VideoUrl);

            IReadOnlyList<SandboxLedgerEntry> charges = mark.ChargesSince();
            Assert.Equal(good.JobUid, Assert.Single(charges).JobUid);
            Assert.DoesNotContain(mark.Since(), e => e.JobUid == uid);
        }

        private static WaitCase Uid(string name, string uid, string errorId, params string[] mentions)
            => new WaitCase(name, f => uid, false, errorId, mentions);
    }
}
