using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Journal;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Journal
{
    /// <summary>
    /// New-SqVideo -BatchId on a provider without idempotency keys: a re-run of the same batch pays for nothing that
    /// already has a job, settles a lost answer by listing where it can, and otherwise reports the row.
    /// </summary>
    public sealed class BatchRerunTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "sqv-rerun-" + Guid.NewGuid().ToString("N"));
        private readonly string _batch = "rerun-" + Guid.NewGuid().ToString("N");

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private static VideoRequest Row(string prompt) => new VideoRequest { Model = "sora-2", Prompt = prompt, Duration = 4 };

        private async Task<FakeSink> RunBatch(IVideoProvider provider, params VideoRequest[] rows)
        {
            var sink = new FakeSink();
            var connection = new SmartlyQConnection(provider, ApiKeyMode.Live, new AccountInfo { Id = "acct_1" });
            using (var operation = new NewVideoOperation(connection, new NewVideoOptions { BatchId = _batch, JournalPath = _folder }))
            {
                foreach (VideoRequest row in rows)
                    await operation.ProcessAsync(new NewVideoInput { Request = row, TargetObject = row }, sink, CancellationToken.None);
                operation.Complete(sink);
            }
            return sink;
        }

        [Fact]
        public async Task A_rerun_submits_nothing_and_returns_the_jobs_of_the_first_run()
        {
            var provider = new UnkeyedVideoProvider();
            FakeSink first = await RunBatch(provider, Row("a kite"), Row("a kite"), Row("a boat"));
            FakeSink second = await RunBatch(provider, Row("a kite"), Row("a kite"), Row("a boat"));

            Assert.Equal(3, provider.Created.Count);
            Assert.Empty(first.Errors);
            Assert.Empty(second.Errors);
            Assert.Equal(first.OutputOf<VideoJob>().Select(j => j.JobUid), second.OutputOf<VideoJob>().Select(j => j.JobUid));
        }

        [Fact]
        public async Task A_lost_answer_is_reported_on_rerun_when_the_provider_cannot_list_jobs()
        {
            var provider = new UnkeyedVideoProvider();
            provider.LoseAnswers(1);
            FakeSink first = await RunBatch(provider, Row("a kite"), Row("a boat"));
            FakeSink second = await RunBatch(provider, Row("a kite"), Row("a boat"));

            Assert.Equal(2, provider.Created.Count); // the lost one was made (and paid) once, never again
            Assert.Single(first.Errors);
            OperationError uncertain = Assert.Single(second.Errors);
            Assert.Equal("SubmissionUncertain", uncertain.ErrorId);
            Assert.Contains("Unkeyed cannot list jobs", uncertain.Exception.Message);
            Assert.Contains("may have been charged", uncertain.Exception.Message);
            Assert.Equal(new[] { "video_0002" }, second.OutputOf<VideoJob>().Select(j => j.JobUid));
        }

        [Fact]
        public async Task A_lost_answer_is_found_by_listing_and_not_paid_twice()
        {
            var provider = new ListingUnkeyedVideoProvider();
            provider.LoseAnswers(1);
            await RunBatch(provider, Row("a kite"), Row("a boat"));
            FakeSink second = await RunBatch(provider, Row("a kite"), Row("a boat"));

            Assert.Equal(2, provider.Created.Count);
            Assert.Empty(second.Errors);
            Assert.Equal(new[] { "video_0001", "video_0002" }, second.OutputOf<VideoJob>().Select(j => j.JobUid));
            Assert.True(provider.ListCalls >= 1);
        }

        [Fact]
        public async Task A_submission_that_never_made_a_job_is_submitted_again_after_listing()
        {
            var provider = new ListingUnkeyedVideoProvider();
            provider.FailBeforeSending(1);
            await RunBatch(provider, Row("a kite"));
            Assert.Empty(provider.Created);

            FakeSink second = await RunBatch(provider, Row("a kite"));

            Assert.Single(provider.Created);
            Assert.Empty(second.Errors);
            Assert.Single(second.OutputOf<VideoJob>());
        }

        [Fact]
        public async Task A_refused_row_is_submitted_again_on_rerun()
        {
            var provider = new UnkeyedVideoProvider { Refusal = new VideoApiException("Unkeyed", 400, ApiErrorKind.BadRequest, "invalid_request", "Bad prompt.") };
            FakeSink first = await RunBatch(provider, Row("a kite"));
            FakeSink second = await RunBatch(provider, Row("a kite"));

            Assert.Single(first.Errors);
            Assert.Empty(second.Errors);
            Assert.Single(provider.Created);
        }

        [Fact]
        public async Task A_batch_in_use_by_another_run_stops_before_anything_is_paid()
        {
            var provider = new UnkeyedVideoProvider();
            using (BatchJournal.Open(_batch, provider.Name, provider.Name + " " + provider.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + " acct_1", _folder))
            {
                var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => RunBatch(provider, Row("a kite")));
                Assert.Equal("BatchJournalUnavailable", ex.Error.ErrorId);
                Assert.Contains("in use", ex.Error.Exception.Message);
            }
            Assert.Empty(provider.Created);
        }

        [Fact]
        public async Task WhatIf_neither_submits_nor_writes_a_journal()
        {
            var provider = new UnkeyedVideoProvider();
            var sink = new FakeSink { Confirm = false };
            var connection = new SmartlyQConnection(provider, ApiKeyMode.Live, new AccountInfo { Id = "acct_1" });
            using (var operation = new NewVideoOperation(connection, new NewVideoOptions { BatchId = _batch, JournalPath = _folder }))
                await operation.ProcessAsync(new NewVideoInput { Request = Row("a kite") }, sink, CancellationToken.None);

            Assert.Empty(provider.Created);
            Assert.False(Directory.Exists(_folder));
        }
    }
}
