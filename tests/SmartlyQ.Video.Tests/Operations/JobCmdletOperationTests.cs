using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>Get-SqJob and Stop-SqJob over a fake API, with the jobs New-SqVideo recorded in the connection.</summary>
    public class JobCmdletOperationTests
    {
        private readonly FakeVideoProvider _provider = new FakeVideoProvider();
        private readonly FakeSink _sink = new FakeSink();
        private readonly SmartlyQConnection _connection;

        public JobCmdletOperationTests() => _connection = FakeConnection.For(_provider);

        private async Task<VideoJob> Submit(string prompt)
        {
            var sink = new FakeSink();
            await new NewVideoOperation(_connection).ProcessAsync(
                new NewVideoInput { Request = new VideoRequest { Model = "kling-v2-1", Prompt = prompt }, TargetObject = prompt }, sink, CancellationToken.None);
            return Assert.Single(sink.OutputOf<VideoJob>());
        }

        [Fact]
        public async Task Session_jobs_are_the_submitted_ones_in_order_and_need_no_API_call()
        {
            VideoJob first = await Submit("first");
            VideoJob second = await Submit("second");
            var whatIf = new FakeSink { Confirm = false };
            await new NewVideoOperation(_connection).ProcessAsync(
                new NewVideoInput { Request = new VideoRequest { Model = "kling-v2-1", Prompt = "not sent" } }, whatIf, CancellationToken.None);

            new GetJobOperation(_connection).WriteSessionJobs(_sink);

            Assert.Equal(new[] { first.JobUid, second.JobUid }, _sink.OutputOf<VideoJob>().Select(j => j.JobUid));
            Assert.Empty(_provider.Polls);
        }

        [Fact]
        public async Task A_job_by_uid_has_its_current_state_and_keeps_what_was_sent_and_charged()
        {
            VideoJob submitted = await Submit("a fox");
            _provider.Script(submitted.JobUid, JobStatus.Succeeded);

            await new GetJobOperation(_connection).GetAsync(submitted.JobUid, submitted.JobUid, _sink, CancellationToken.None);

            VideoJob job = Assert.Single(_sink.OutputOf<VideoJob>());
            Assert.Equal(JobStatus.Succeeded, job.Status);
            Assert.Equal("a fox", job.Prompt);
            Assert.Equal(0.28m, job.Cost);
            var session = new FakeSink();
            new GetJobOperation(_connection).WriteSessionJobs(session);
            Assert.Equal(JobStatus.Succeeded, Assert.Single(session.OutputOf<VideoJob>()).Status);
        }

        [Theory]
        [InlineData("job_unknown", "RESOURCE_NOT_FOUND", ErrorKind.ObjectNotFound)]
        [InlineData("job/../me", "InvalidJobUid", ErrorKind.InvalidArgument)]
        public async Task An_unknown_or_malformed_uid_is_a_non_terminating_error(string uid, string errorId, ErrorKind kind)
        {
            await new GetJobOperation(_connection).GetAsync(uid, uid, _sink, CancellationToken.None);

            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(kind, error.Category);
            Assert.Equal(uid, error.TargetObject);
            Assert.Empty(_sink.Output);
        }

        [Fact]
        public async Task Listing_stops_after_First_jobs_and_sends_the_status_in_the_API_spelling()
        {
            _provider.ListAvailable = true;
            foreach (string uid in new[] { "job_a", "job_b", "job_c" }) _provider.Script(uid, JobStatus.Running);

            await new GetJobOperation(_connection).ListAsync(new GetJobOptions { Status = "Running", First = 2 }, _sink, CancellationToken.None);

            Assert.Equal(new[] { "job_c", "job_b" }, _sink.OutputOf<VideoJob>().Select(j => j.JobUid));
            JobQuery query = Assert.Single(_provider.Lists);
            Assert.Equal(JobStatus.Running, query.Status);
            Assert.Equal(GetJobOperation.PageSize, query.Limit);
        }

        [Fact]
        public async Task Listing_with_an_unknown_status_stops_the_command_naming_Status()
        {
            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() =>
                new GetJobOperation(_connection).ListAsync(new GetJobOptions { Status = "done" }, _sink, CancellationToken.None));

            Assert.Equal("InvalidStatus", ex.Error.ErrorId);
            Assert.Contains("Status", ex.Error.Exception.Message);
            Assert.Empty(_provider.Lists);
        }

        [Fact]
        public async Task Stop_cancels_with_a_fixed_key_per_job_and_writes_the_job_only_with_PassThru()
        {
            VideoJob quiet = await Submit("quiet");
            VideoJob shown = await Submit("shown");

            await new StopJobOperation(_connection, passThru: false).StopAsync(quiet.JobUid, quiet, _sink, CancellationToken.None);
            await new StopJobOperation(_connection, passThru: true).StopAsync(shown.JobUid, shown, _sink, CancellationToken.None);

            Assert.Equal(new[] { (quiet.JobUid, "cancel-" + quiet.JobUid), (shown.JobUid, "cancel-" + shown.JobUid) }, _provider.Cancels.ToArray());
            VideoJob written = Assert.Single(_sink.OutputOf<VideoJob>());
            Assert.Equal(shown.JobUid, written.JobUid);
            Assert.Equal(JobStatus.Cancelled, written.Status);
            Assert.Equal("shown", written.Prompt);
            Assert.Empty(_sink.Errors);
        }

        [Fact]
        public async Task Stop_under_WhatIf_cancels_nothing()
        {
            VideoJob job = await Submit("kept");
            _sink.Confirm = false;

            await new StopJobOperation(_connection, passThru: true).StopAsync(job.JobUid, job, _sink, CancellationToken.None);

            Assert.Empty(_provider.Cancels);
            Assert.Empty(_sink.Output);
            Assert.Equal((job.JobUid, "Cancel video job"), Assert.Single(_sink.ShouldProcessCalls));
        }

        [Fact]
        public async Task Stopping_a_finished_job_is_an_error_that_names_it_and_says_why()
        {
            VideoJob job = await Submit("done");
            _provider.Script(job.JobUid, JobStatus.Succeeded);

            await new StopJobOperation(_connection, passThru: true).StopAsync(job.JobUid, job, _sink, CancellationToken.None);

            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal(ErrorKind.InvalidOperation, error.Category);
            Assert.Contains(job.JobUid + " cannot be cancelled", error.Exception.Message);
            Assert.Contains("succeeded", error.Exception.Message);
            Assert.Same(job, error.TargetObject);
            Assert.Empty(_sink.Output);
        }

        [Fact]
        public void A_closed_connection_is_refused_naming_Connect_SmartlyQ()
        {
            _connection.Dispose();
            _connection.Dispose(); // a second Dispose does nothing

            var ex = Assert.Throws<OperationTerminatedException>(() => ConnectionGuard.Require(null, _connection));

            Assert.True(_connection.IsDisposed);
            Assert.Equal("ConnectionClosed", ex.Error.ErrorId);
            Assert.IsNotType<ObjectDisposedException>(ex.Error.Exception);
            Assert.Contains("Connect-SmartlyQ", ex.Error.Exception.Message);
        }
    }
}
