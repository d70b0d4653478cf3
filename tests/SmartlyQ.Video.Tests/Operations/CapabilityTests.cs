using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>The operations over a provider without optional capabilities: clear "not supported" errors, no key sent.</summary>
    public class CapabilityTests
    {
        private readonly FakeVideoProvider _fake = new FakeVideoProvider();
        private readonly BareVideoProvider _bare;
        private readonly SmartlyQConnection _connection;
        private readonly FakeSink _sink = new FakeSink();

        public CapabilityTests()
        {
            _bare = new BareVideoProvider(_fake);
            _connection = new SmartlyQConnection(_bare, ApiKeyMode.Live, new AccountInfo { Name = "Bare user" });
        }

        [Fact]
        public async Task Get_SqBalance_on_a_provider_without_a_balance_says_it_is_not_supported_by_it()
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => GetBalanceOperation.RunAsync(_connection, _sink, CancellationToken.None));

            Assert.Equal("NotSupportedByProvider", ex.Error.ErrorId);
            Assert.Equal(ErrorKind.NotImplemented, ex.Error.Category);
            Assert.Equal("A balance (Get-SqBalance) is not supported by Bare.", ex.Error.Exception.Message);
        }

        [Fact]
        public async Task Stop_SqJob_on_a_provider_that_cannot_cancel_says_so_and_asks_nothing()
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => new StopJobOperation(_connection, false).StopAsync("job_1", null, _sink, CancellationToken.None));

            Assert.Equal("Cancelling jobs (Stop-SqJob) is not supported by Bare.", ex.Error.Exception.Message);
            Assert.Empty(_sink.ShouldProcessCalls);
        }

        [Fact]
        public async Task Get_SqJob_listing_on_a_provider_that_cannot_list_says_so()
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => new GetJobOperation(_connection).ListAsync(new GetJobOptions { First = 5 }, _sink, CancellationToken.None));

            Assert.Equal("Listing jobs (Get-SqJob -Status, -First or -Since) is not supported by Bare.", ex.Error.Exception.Message);
        }

        [Fact]
        public async Task A_provider_without_idempotency_keys_gets_none_and_the_job_records_none()
        {
            await new NewVideoOperation(_connection).ProcessAsync(new NewVideoInput { Request = new VideoRequest { Model = "kling-v2-1", Prompt = "p" } }, _sink, CancellationToken.None);

            Assert.Null(Assert.Single(_bare.SubmitOptionsSeen).IdempotencyKey);
            VideoJob job = Assert.Single(_sink.OutputOf<VideoJob>());
            Assert.Null(job.IdempotencyKey);
            Assert.Equal("Bare", job.Provider);
        }

        [Fact]
        public async Task Wait_SqJob_polls_one_by_one_when_the_provider_cannot_list()
        {
            _fake.ListAvailable = true;
            var jobs = Enumerable.Range(1, 4).Select(i => "job_bare" + i).ToArray();
            foreach (string uid in jobs) _fake.Script(uid, JobStatus.Succeeded);
            using var wait = new WaitJobOperation(_connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 60 });

            foreach (string uid in jobs) wait.Track(new VideoJob { JobUid = uid }, null);
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Equal(4, _sink.OutputOf<VideoJob>().Count);
            Assert.Empty(_fake.Lists);
        }
    }
}
