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
    public class WaitJobOperationTests
    {
        // 1 "second" of poll interval or timeout lasts 10 ms of real time.
        private readonly ScaledTimeProvider _time = new ScaledTimeProvider(100);
        private readonly FakeVideoProvider _provider = new FakeVideoProvider();
        private readonly FakeSink _sink = new FakeSink();

        private WaitJobOperation Create(int timeoutSec = 600)
            => new WaitJobOperation(FakeConnection.For(_provider), new WaitJobOptions { TimeoutSec = timeoutSec, PollIntervalSec = 1 }, _time);

        private static VideoJob Job(string uid) => new VideoJob { JobUid = uid, Status = JobStatus.Queued, Model = "kling-v2-1" };

        [Fact]
        public async Task Jobs_are_written_in_completion_order_not_input_order()
        {
            _provider.Script("job_slow", JobStatus.Queued, JobStatus.Running, JobStatus.Running, JobStatus.Running, JobStatus.Succeeded);
            _provider.Script("job_fast", JobStatus.Running, JobStatus.Succeeded);
            _provider.Script("job_mid", JobStatus.Running, JobStatus.Running, JobStatus.Succeeded);
            using WaitJobOperation wait = Create();

            wait.Track(Job("job_slow"), null);
            wait.Track(Job("job_fast"), null);
            wait.Track(Job("job_mid"), null);
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Equal(new[] { "job_fast", "job_mid", "job_slow" }, _sink.OutputOf<VideoJob>().Select(j => j.JobUid).ToArray());
            Assert.All(_sink.OutputOf<VideoJob>(), j => Assert.Equal(JobStatus.Succeeded, j.Status));
            Assert.All(_sink.OutputOf<VideoJob>(), j => Assert.NotNull(j.VideoUrl));
            Assert.Empty(_sink.Errors);
        }

        [Fact]
        public async Task Track_returns_at_once_and_finished_jobs_flow_out_while_records_still_arrive()
        {
            _provider.Script("job_a", JobStatus.Succeeded);
            _provider.Script("job_b", JobStatus.Running);
            using WaitJobOperation wait = Create();

            wait.Track(Job("job_a"), null);
            wait.Track(Job("job_b"), null);    // never finishes; must not hold up job_a
            Assert.Empty(_sink.Output);
            await Until(() => { wait.WriteFinished(_sink); return _sink.Output.Count == 1; });

            Assert.Equal("job_a", Assert.Single(_sink.OutputOf<VideoJob>()).JobUid);
        }

        [Fact]
        public async Task Failed_and_cancelled_jobs_are_errors_carrying_the_api_error_and_the_job_as_it_ended()
        {
            _provider.Script("job_bad", JobStatus.Running, JobStatus.Failed);
            _provider.Script("job_cancelled", JobStatus.Cancelled);
            _provider.Script("job_ok", JobStatus.Succeeded);
            var row = new { prompt = "doomed" };
            using WaitJobOperation wait = Create();

            wait.Track(Job("job_bad"), row);
            wait.Track(Job("job_cancelled"), null);
            wait.Track(Job("job_ok"), null);
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Equal("job_ok", Assert.Single(_sink.OutputOf<VideoJob>()).JobUid);
            OperationError failed = _sink.Errors.Single(e => e.ErrorId == "JOB_FAILED");
            // The job as it is now, not the queued snapshot that was handed in (nor the row it came with).
            VideoJob target = Assert.IsType<VideoJob>(failed.TargetObject);
            Assert.Equal("job_bad", target.JobUid);
            Assert.Equal(JobStatus.Failed, target.Status);
            Assert.Equal(JobStatus.Cancelled, Assert.IsType<VideoJob>(_sink.Errors.Single(e => e.ErrorId == "JOB_CANCELLED").TargetObject).Status);
            Assert.Equal(ErrorKind.OperationStopped, failed.Category);
            Assert.Contains("The provider rejected the prompt.", failed.Exception.Message);
            Assert.Equal("The provider rejected the prompt.", ((JobFailedException)failed.Exception).Job.Error!.Message);
            Assert.Contains("job_cancelled", _sink.Errors.Single(e => e.ErrorId == "JOB_CANCELLED").Exception.Message);
        }

        [Fact]
        public async Task Unknown_job_uid_is_an_error_naming_it()
        {
            using WaitJobOperation wait = Create();

            wait.Track("job_doesnotexist", null);
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal("RESOURCE_NOT_FOUND", error.ErrorId);
            Assert.Equal(ErrorKind.ObjectNotFound, error.Category);
            Assert.Contains("job_doesnotexist", error.Exception.Message);
        }

        [Fact]
        public async Task Timeout_is_one_error_naming_every_job_still_running()
        {
            _provider.Script("job_stuck1", JobStatus.Running);
            _provider.Script("job_stuck2", JobStatus.Queued);
            _provider.Script("job_done", JobStatus.Succeeded);
            using WaitJobOperation wait = Create(timeoutSec: 5);

            wait.Track(Job("job_stuck1"), null);
            wait.Track(Job("job_stuck2"), null);
            wait.Track(Job("job_done"), null);
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Equal("job_done", Assert.Single(_sink.OutputOf<VideoJob>()).JobUid);
            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal("WaitTimeout", error.ErrorId);
            Assert.Equal(ErrorKind.OperationTimeout, error.Category);
            Assert.Contains("job_stuck1 (running)", error.Exception.Message);
            Assert.Contains("job_stuck2 (queued)", error.Exception.Message);
            Assert.DoesNotContain("job_done", error.Exception.Message);
        }

        [Fact]
        public async Task CancelOnTimeout_cancels_the_jobs_still_running_and_says_so()
        {
            _provider.Script("job_stuck", JobStatus.Running);
            _provider.Script("job_done", JobStatus.Succeeded);
            using var wait = new WaitJobOperation(FakeConnection.For(_provider), new WaitJobOptions { TimeoutSec = 3, PollIntervalSec = 1, CancelOnTimeout = true }, _time);

            wait.Track(Job("job_stuck"), null);
            wait.Track(Job("job_done"), null);
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            var (uid, key) = Assert.Single(_provider.Cancels);
            Assert.Equal("job_stuck", uid);
            Assert.Equal("cancel-job_stuck", key);
            OperationError error = Assert.Single(_sink.Errors);
            Assert.Contains("Cancelled remotely: job_stuck.", error.Exception.Message);
        }

        [Fact]
        public async Task Without_CancelOnTimeout_nothing_is_cancelled()
        {
            _provider.Script("job_stuck", JobStatus.Running);
            using WaitJobOperation wait = Create(timeoutSec: 2);

            wait.Track(Job("job_stuck"), null);
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Empty(_provider.Cancels);
            Assert.DoesNotContain("Cancelled", Assert.Single(_sink.Errors).Exception.Message);
        }

        [Fact]
        public async Task Disposing_mid_pipeline_stops_background_polling_before_it_returns()
        {
            _provider.Script("job_forever", JobStatus.Running);
            WaitJobOperation wait = Create();
            wait.Track(Job("job_forever"), null);
            await Until(() => _provider.Polls.Count >= 2);

            wait.Dispose();

            Assert.True(wait.IsPollingStopped);
            int polls = _provider.Polls.Count;
            await Task.Delay(100);
            Assert.Equal(polls, _provider.Polls.Count);
        }

        [Fact]
        public async Task Many_jobs_are_polled_a_few_at_a_time_so_polls_do_not_flood_the_api()
        {
            _provider.PollDelay = TimeSpan.FromMilliseconds(20);
            using WaitJobOperation wait = Create();
            for (int i = 0; i < 40; i++)
            {
                _provider.Script("job_" + i, JobStatus.Running, JobStatus.Succeeded);
                wait.Track(Job("job_" + i), null);
            }

            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Equal(40, _sink.OutputOf<VideoJob>().Count);
            Assert.InRange(_provider.MaxConcurrentPolls, 2, 8);
        }

        [Fact]
        public async Task Many_jobs_are_refreshed_with_the_list_endpoint_a_hundred_per_request()
        {
            _provider.ListAvailable = true;
            using WaitJobOperation wait = Create();
            for (int i = 0; i < 250; i++)
            {
                string uid = "job_" + i.ToString("000");
                _provider.Script(uid, JobStatus.Queued, JobStatus.Running, JobStatus.Succeeded);
                wait.Track(Job(uid), null);
            }

            await wait.WaitAllAsync(_sink, CancellationToken.None);

            // One by one that would be 750 polls; the first round may still catch only the first job or two.
            Assert.Equal(250, _sink.OutputOf<VideoJob>().Count);
            Assert.InRange(_provider.Polls.Count, 0, 6);
            Assert.All(_provider.Lists, q => Assert.Equal(100, q.Limit));
            Assert.InRange(_provider.Lists.Count, 9, 13);
        }

        [Fact]
        public async Task A_job_missing_from_the_list_is_polled_on_its_own()
        {
            _provider.ListAvailable = true;
            using WaitJobOperation wait = Create();
            foreach (string uid in new[] { "job_a", "job_b", "job_c", "job_other_key" })
            {
                _provider.Script(uid, JobStatus.Running, JobStatus.Succeeded);
                wait.Track(Job(uid), null);
            }

            _provider.Unlisted.Add("job_other_key");
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Equal(4, _sink.OutputOf<VideoJob>().Count);
            Assert.All(_provider.Polls, uid => Assert.Equal("job_other_key", uid));
            Assert.NotEmpty(_provider.Polls);
        }

        [Fact]
        public async Task Without_a_list_endpoint_jobs_are_polled_one_by_one_and_it_is_said_once()
        {
            using WaitJobOperation wait = Create();
            for (int i = 0; i < 5; i++)
            {
                _provider.Script("job_" + i, JobStatus.Running, JobStatus.Succeeded);
                wait.Track(Job("job_" + i), null);
            }

            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Equal(5, _sink.OutputOf<VideoJob>().Count);
            Assert.Single(_provider.Lists);
            Assert.Equal(10, _provider.Polls.Count);
            Assert.Single(_sink.Verbose, line => line.Contains("Listing jobs is not available"));
        }

        [Fact]
        public async Task Two_waits_on_one_connection_share_one_poller_and_each_gets_only_its_jobs()
        {
            _provider.Script("job_mine", JobStatus.Running, JobStatus.Succeeded);
            _provider.Script("job_theirs", JobStatus.Running, JobStatus.Running, JobStatus.Succeeded);
            var connection = FakeConnection.For(_provider);
            var otherSink = new FakeSink();
            using var first = new WaitJobOperation(connection, new WaitJobOptions { PollIntervalSec = 1 }, _time);
            using var second = new WaitJobOperation(connection, new WaitJobOptions { PollIntervalSec = 1 }, _time);

            first.Track(Job("job_mine"), null);
            second.Track(Job("job_theirs"), null);
            await Task.WhenAll(first.WaitAllAsync(_sink, CancellationToken.None), second.WaitAllAsync(otherSink, CancellationToken.None));

            Assert.Equal("job_mine", Assert.Single(_sink.OutputOf<VideoJob>()).JobUid);
            Assert.Equal("job_theirs", Assert.Single(otherSink.OutputOf<VideoJob>()).JobUid);
            Assert.Same(connection.Tracker(_time), connection.Tracker(TimeProvider.System));
        }

        [Fact]
        public async Task Cancellation_stops_waiting_and_polling()
        {
            _provider.Script("job_forever", JobStatus.Running);
            using WaitJobOperation wait = Create();
            using var cts = new CancellationTokenSource();
            wait.Track(Job("job_forever"), null);

            Task waiting = wait.WaitAllAsync(_sink, cts.Token);
            await Until(() => _provider.Polls.Count >= 2);
            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            int polls = _provider.Polls.Count;
            await Task.Delay(100);   // 10 poll intervals of scaled time
            Assert.InRange(_provider.Polls.Count, polls, polls + 1);
        }

        [Fact]
        public async Task Progress_reports_finished_count_and_ends_with_a_completed_record()
        {
            _provider.Script("job_1", JobStatus.Running, JobStatus.Succeeded);
            using WaitJobOperation wait = Create();

            wait.Track(Job("job_1"), null);
            await wait.WaitAllAsync(_sink, CancellationToken.None);

            Assert.Contains(_sink.Progress, p => p.StatusDescription.StartsWith("0 of 1 finished", StringComparison.Ordinal));
            Assert.True(_sink.Progress.Last().Completed);
        }

        private static async Task Until(Func<bool> condition)
        {
            for (int i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
            Assert.True(condition(), "condition not met within 5 s");
        }
    }
}
