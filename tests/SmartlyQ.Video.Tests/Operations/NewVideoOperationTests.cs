using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    public class NewVideoOperationTests
    {
        private readonly FakeVideoProvider _provider = new FakeVideoProvider();
        private readonly FakeSink _sink = new FakeSink();

        private Task Run(VideoRequest request, string? key = null, object? row = null)
            => new NewVideoOperation(FakeConnection.For(_provider)).ProcessAsync(
                new NewVideoInput { Request = request, IdempotencyKey = key, TargetObject = row ?? request }, _sink, CancellationToken.None);

        private static VideoRequest Astronaut() => new VideoRequest
        {
            Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "A lone astronaut walks across a crimson desert at sunset",
            Duration = 10, Mode = "Professional", AspectRatio = "16:9",
        };

        [Fact]
        public async Task Valid_row_is_submitted_once_and_written_as_a_job_with_cost_and_key()
        {
            await Run(Astronaut(), key: "row-1-key");

            var (sent, key) = Assert.Single(_provider.Submissions);
            Assert.Equal("kling-v2-1", sent.Model);
            Assert.Equal("row-1-key", key);
            VideoJob job = Assert.Single(_sink.OutputOf<VideoJob>());
            Assert.Equal("job_000000000001", job.JobUid);
            Assert.Equal(JobStatus.Queued, job.Status);
            Assert.Equal(0.28m, job.Cost);
            Assert.Equal(99.72m, job.BalanceRemaining);
            Assert.Equal("row-1-key", job.IdempotencyKey);
            Assert.Equal("A lone astronaut walks across a crimson desert at sunset", job.Prompt);
            Assert.NotNull(job.SubmittedAt);
            Assert.Empty(_sink.Errors);
        }

        [Fact]
        public async Task WhatIf_sends_nothing_and_names_the_model_and_prompt()
        {
            _sink.Confirm = false;

            await Run(Astronaut());

            Assert.Empty(_provider.Submissions);
            Assert.Empty(_sink.Output);
            var (target, action) = Assert.Single(_sink.ShouldProcessCalls);
            Assert.Contains("kling-v2-1", target);
            Assert.Contains("A lone astronaut", target);
            Assert.Contains("text_to_video", action);
        }

        [Fact]
        public async Task Bad_row_is_a_non_terminating_error_naming_field_and_allowed_values_and_the_next_row_goes_on()
        {
            var bad = new VideoRequest { Model = "kling-v2-1", Prompt = "Red sneaker on a turntable", AspectRatio = "4:3" };
            var row = new { model = "kling-v2-1", aspect_ratio = "4:3" };

            await Run(bad, row: row);
            await Run(Astronaut());

            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal("VALIDATION_ERROR", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Category);
            Assert.Same(row, error.TargetObject);
            Assert.Contains("aspect_ratio '4:3'", error.Exception.Message);
            Assert.Contains("16:9, 9:16, 1:1", error.Exception.Message);
            Assert.Contains("nothing charged", error.Exception.Message);
            Assert.Equal("aspect_ratio", ((ArgumentException)error.Exception).ParamName);
            Assert.Single(_provider.Submissions);
            Assert.Single(_sink.OutputOf<VideoJob>());
        }

        [Fact]
        public async Task Type_is_inferred_from_image_url_and_values_take_the_models_spelling()
        {
            await Run(new VideoRequest { Model = "PIXVERSE-V4-5", ImageUrl = "https://images.example.com/a.jpg", Style = "anime", Resolution = "1080P" });

            var (sent, _) = Assert.Single(_provider.Submissions);
            Assert.Equal(VideoType.ImageToVideo, sent.Type);
            Assert.Equal("pixverse-v4-5", sent.Model);
            Assert.Equal("Anime", sent.Style);
            Assert.Equal("1080p", sent.Resolution);
        }

        [Fact]
        public async Task Each_row_without_a_key_gets_its_own_new_idempotency_key()
        {
            await Run(Astronaut());
            await Run(Astronaut());

            string[] keys = _provider.Submissions.Select(s => s.Key).ToArray();
            Assert.Equal(2, keys.Length);
            Assert.NotEqual(keys[0], keys[1]);
            Assert.All(keys, k => Assert.True(Guid.TryParse(k, out _)));
        }

        [Fact]
        public async Task Api_refusal_is_a_non_terminating_error_with_the_api_code_and_request_id()
        {
            _provider.SubmitFailures.Enqueue(new VideoApiException("SmartlyQ", 403, ApiErrorKind.Forbidden, "FORBIDDEN", "The API key lacks the scope videos:write.", requestId: "req_403"));

            await Run(Astronaut());
            await Run(Astronaut());

            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal("FORBIDDEN", error.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, error.Category);
            Assert.Equal("req_403", error.RequestId);
            Assert.Contains("videos:write", error.Exception.Message);
            Assert.Contains("kling-v2-1", error.Exception.Message);
            Assert.Single(_sink.OutputOf<VideoJob>());
        }

        [Fact]
        public async Task Insufficient_balance_is_one_error_with_balance_and_cost_and_no_further_row_is_sent()
        {
            var details = new Dictionary<string, string> { ["balance"] = "0.1200", ["cost"] = "0.5600" };
            var operation = new NewVideoOperation(FakeConnection.For(_provider));
            await operation.ProcessAsync(new NewVideoInput { Request = Astronaut() }, _sink, CancellationToken.None);
            _provider.SubmitFailures.Enqueue(new VideoApiException("SmartlyQ", 402, ApiErrorKind.InsufficientBalance, "INSUFFICIENT_BALANCE", "Not enough credits.", details, "req_402")
            {
                Balance = 0.12m,
                Cost = 0.56m,
                Currency = "SQC",
            });

            for (int row = 0; row < 3; row++)
                await operation.ProcessAsync(new NewVideoInput { Request = Astronaut() }, _sink, CancellationToken.None);
            operation.Complete(_sink);

            Assert.Single(_provider.Submissions);
            Assert.Single(_sink.OutputOf<VideoJob>());
            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal(ErrorKind.QuotaExceeded, error.Category);
            Assert.Equal("req_402", error.RequestId);
            Assert.Contains("the wallet has 0.1200 SQC", error.Exception.Message);
            Assert.Contains("would cost 0.5600 SQC", error.Exception.Message);
            Assert.Contains("No further rows are submitted", error.Exception.Message);
            Assert.Contains("2 more row(s) were not submitted", Assert.Single(_sink.Warnings));
        }

        [Fact]
        public async Task Insufficient_balance_without_details_reads_the_balance()
        {
            _provider.SubmitFailures.Enqueue(new VideoApiException("SmartlyQ", 402, ApiErrorKind.InsufficientBalance, "INSUFFICIENT_CREDITS", "Not enough credits. Top up your wallet."));

            await Run(Astronaut());

            Assert.Contains("the wallet has 99.7200 SQC", Assert.Single(_sink.Errors).Exception.Message);
        }

        [Fact]
        public async Task BatchId_gives_the_same_keys_when_the_batch_runs_again_and_identical_rows_distinct_keys()
        {
            // Each run with a journal of its own, as on another machine: the keys alone must keep the API from charging twice.
            async Task<string[]> RunBatch(string batchId)
            {
                string journal = Path.Combine(Path.GetTempPath(), "sqv-keys-" + Guid.NewGuid().ToString("N"));
                using var operation = new NewVideoOperation(FakeConnection.For(_provider), new NewVideoOptions { BatchId = batchId, JournalPath = journal });
                int before = _provider.Submissions.Count;
                await operation.ProcessAsync(new NewVideoInput { Request = Astronaut() }, _sink, CancellationToken.None);
                await operation.ProcessAsync(new NewVideoInput { Request = Astronaut() }, _sink, CancellationToken.None);
                await operation.ProcessAsync(new NewVideoInput { Request = new VideoRequest { Model = "KLING-V2-1", Prompt = Astronaut().Prompt, Duration = 10, Mode = "professional", AspectRatio = "16:9" } }, _sink, CancellationToken.None);
                await operation.ProcessAsync(new NewVideoInput { Request = Astronaut(), IdempotencyKey = "explicit-key" }, _sink, CancellationToken.None);
                operation.Dispose();
                Directory.Delete(journal, true);
                return _provider.Submissions.Skip(before).Select(s => s.Key).ToArray();
            }

            string[] first = await RunBatch("nightly-2026-11-21");
            string[] again = await RunBatch("nightly-2026-11-21");
            string[] other = await RunBatch("nightly-2026-11-22");

            Assert.Equal(first, again);
            Assert.NotEqual(first[0], first[1]);          // two identical rows: two jobs
            Assert.Equal(first[2], again[2]);
            Assert.NotEqual(first[0], first[2]);          // same body after normalisation, third occurrence
            Assert.Equal("explicit-key", first[3]);       // a row's own key wins
            Assert.NotEqual(first[0], other[0]);
            Assert.All(first.Take(3), k => Assert.Matches("^sqb-[0-9a-f]{40}$", k));
        }

        [Fact]
        public async Task Rejected_key_stops_the_whole_command()
        {
            _provider.SubmitFailures.Enqueue(new VideoApiException("SmartlyQ", 401, ApiErrorKind.Unauthorized, "UNAUTHORIZED", "Missing or invalid API key."));

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() => Run(Astronaut()));

            Assert.Equal(ErrorKind.AuthenticationError, ex.Error.Category);
            Assert.Contains("Connect-SmartlyQ", ex.Error.RecommendedAction);
        }

        [Fact]
        public async Task Model_list_is_read_once_per_connection()
        {
            var operation = new NewVideoOperation(FakeConnection.For(_provider));
            for (int i = 0; i < 3; i++)
                await operation.ProcessAsync(new NewVideoInput { Request = Astronaut() }, _sink, CancellationToken.None);

            Assert.Equal(1, _provider.ModelListCalls);
            Assert.Equal(3, _sink.OutputOf<VideoJob>().Count);
        }
    }
}
