using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Validation;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>
    /// New-SqVideo: each bad CSV row runs between two good rows in one NewVideoOperation run against the sandbox
    /// (live key). Exactly one error, naming the field and the allowed values; the good rows still submit; the ledger
    /// shows exactly their two charges and nothing for the bad row.
    /// </summary>
    public sealed class NewVideoBadInputTests : IClassFixture<SandboxFixture>
    {
        private readonly SandboxFixture _fixture;

        public NewVideoBadInputTests(SandboxFixture fixture) => _fixture = fixture;

        public static TheoryData<string> Cases => new TheoryData<string>(NewVideoCases.All.Select(c => c.Name));

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Bad_row_is_one_clear_error_costs_nothing_and_the_rows_around_it_still_submit(string name)
        {
            NewVideoCase bad = NewVideoCases.Get(name);
            string tag = NewVideoCases.Tag();
            string good1Key = "badinput-" + tag + "-good1", good2Key = "badinput-" + tag + "-good2", badKey = "badinput-" + tag + "-bad";
            Dictionary<string, string> good1 = GoodRow(tag, 1, good1Key), good2 = GoodRow(tag, 2, good2Key);
            var badRow = bad.Row.ToDictionary(kv => kv.Key, kv => kv.Value.Replace("{tag}", tag).Replace(NewVideoCase.FirstGoodRowKey, good1Key));
            if (!badRow.ContainsKey("idempotency_key")) badRow["idempotency_key"] = badKey;

            LedgerMark mark = _fixture.MarkLedger();
            var sink = new FakeSink();
            var bindingErrors = new List<(Dictionary<string, string> Row, ArgumentException Error)>();
            var operation = new NewVideoOperation(_fixture.Connection, new NewVideoOptions { Columns = NewSqVideoRowBinding.Columns() });
            foreach (Dictionary<string, string> row in new[] { good1, badRow, good2 })
            {
                NewVideoInput input;
                try
                {
                    input = NewSqVideoRowBinding.Bind(row);
                }
                catch (ArgumentException ex)
                {
                    bindingErrors.Add((row, ex)); // PowerShell: a non-terminating binding error for this record; the next one goes on
                    continue;
                }

                await operation.ProcessAsync(input, sink, CancellationToken.None);
            }

            operation.Complete(sink);

            // Exactly one error, about the bad row, from the expected stage.
            Assert.Equal(1, bindingErrors.Count + sink.Errors.Count);
            Exception error;
            if (bad.Stage == RowStage.Binding)
            {
                (Dictionary<string, string> row, ArgumentException ex) = Assert.Single(bindingErrors);
                Assert.Same(badRow, row);
                Assert.Equal(bad.Fields[0], ex.ParamName);
                error = ex;
            }
            else
            {
                Assert.Empty(bindingErrors);
                OperationError operationError = Assert.Single(sink.Errors);
                Assert.Same(badRow, operationError.TargetObject);
                if (bad.Stage == RowStage.Validation)
                {
                    Assert.Equal("VALIDATION_ERROR", operationError.ErrorId);
                    Assert.Equal(ErrorKind.InvalidArgument, operationError.Category);
                    var validation = Assert.IsType<VideoRequestValidationException>(operationError.Exception);
                    Assert.Equal(bad.Fields[0], validation.ParamName);
                    Assert.Equal(bad.Fields.OrderBy(f => f), validation.Fields.Select(f => f.Field).OrderBy(f => f));
                    Assert.StartsWith("Video request not sent (nothing charged): ", validation.Message);
                    Assert.Contains("Get-SqVideoModel", operationError.RecommendedAction);
                }
                else
                {
                    Assert.IsType<VideoApiException>(operationError.Exception);
                    Assert.NotNull(operationError.RequestId);
                }

                error = operationError.Exception;
            }

            foreach (string field in bad.Fields) Assert.Contains(field, error.Message);
            if (bad.Allowed != null) AssertListsExactly(bad.Allowed, error.Message);
            foreach (string mention in bad.Mentions) Assert.Contains(mention, error.Message);
            Assert.True(error.Message.Length < 600, "the error stays readable (" + error.Message.Length + " characters): " + error.Message);

            // The good rows around it were submitted...
            List<VideoJob> jobs = sink.OutputOf<VideoJob>();
            Assert.Equal(new[] { good1Key, good2Key }, jobs.Select(j => j.IdempotencyKey).ToArray());
            Assert.All(jobs, j => Assert.StartsWith("Good row", j.Prompt));
            Assert.Empty(sink.Warnings);

            // ...and are the only charges of this run; the bad row cost nothing.
            IReadOnlyList<SandboxLedgerEntry> charges = mark.ChargesSince();
            Assert.Equal(2, charges.Count);
            Assert.Equal(jobs.Select(j => (j.JobUid, j.IdempotencyKey)), charges.Select(c => (c.JobUid, c.IdempotencyKey)));
            Assert.Equal(jobs.Select(j => j.Cost!.Value), charges.Select(c => c.Amount));
            Assert.All(charges, c => Assert.True(c.Amount > 0m, "the live key pays for each good job"));
            Assert.DoesNotContain(charges, c => c.IdempotencyKey != good1Key && c.IdempotencyKey != good2Key);
            Assert.Empty(_fixture.Sandbox.Ledger.Find(idempotencyKey: badKey));
        }

        [Theory]
        [InlineData("   ")]
        [InlineData("\t")]
        public async Task Blank_BatchId_is_refused_naming_BatchId_before_any_row_is_sent(string batchId)
        {
            LedgerMark mark = _fixture.MarkLedger();

            var ex = Assert.Throws<ArgumentException>(() => new NewVideoOperation(_fixture.Connection, new NewVideoOptions { BatchId = batchId }));

            Assert.Contains("BatchId", ex.Message);
            Assert.Equal("batchId", ex.ParamName, ignoreCase: true);
            await Task.Yield();
            Assert.Empty(mark.Since());
        }

        /// <summary>The message holds exactly this list: not a prefix of a longer one ("Standard, Pro" ≠ "Standard, Professional").</summary>
        internal static void AssertListsExactly(string allowed, string message)
            => Assert.Matches(new Regex(@"(?<![\w:]|[\w:], )" + Regex.Escape(allowed) + @"(?![\w:]|, \w)"), message);

        private static Dictionary<string, string> GoodRow(string tag, int number, string key) => new Dictionary<string, string>
        {
            ["model"] = "kling-v2-1",
            ["type"] = "",
            ["prompt"] = "Good row " + number + " " + tag + ": a lighthouse at dawn",
            ["image_url"] = "",
            ["duration"] = "5",
            ["aspect_ratio"] = "16:9",
            ["idempotency_key"] = key,
        };
    }
}
