using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class IdempotencyTests
    {
        [Theory]
        [InlineData("X-Idempotency-Key")]
        [InlineData("Idempotency-Key")]
        public async Task Same_key_and_body_replays_the_first_answer_without_a_second_job_or_charge(string header)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var first = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "idem-1", idempotencyHeader: header);
            var second = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "idem-1", idempotencyHeader: header);

            ApiAssert.Success(first, 202);
            ApiAssert.Success(second, 202);
            Assert.Equal(first.Data.GetRawText(), second.Data.GetRawText());
            Assert.Equal(first.Json.GetProperty("usage").GetRawText(), second.Json.GetProperty("usage").GetRawText());
            Assert.NotEqual(first.Header("X-Request-Id"), second.Header("X-Request-Id"));

            var charge = Assert.Single(sandbox.Server.Ledger.Entries);
            Assert.Equal("idem-1", charge.IdempotencyKey);
            Assert.Equal(1, (await sandbox.GetAsync("v1/jobs")).Json.GetProperty("pagination").GetProperty("total").GetInt32());
            Assert.Equal("99.7200", (await sandbox.GetAsync("v1/me/balance")).Data.GetProperty("balance").GetString());
        }

        [Theory]
        [InlineData("openapi", "CONFLICT")]
        [InlineData("docs", "IDEMPOTENCY_CONFLICT")]
        public async Task Same_key_with_a_different_body_is_409(string style, string code)
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ErrorCodeStyle = style);
            ApiAssert.Success(await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "idem-2"), 202);

            var conflict = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling10, idempotencyKey: "idem-2");

            ApiAssert.Error(conflict, 409, code);
            Assert.Single(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Keys_are_scoped_per_api_key()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var live = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, TestSandbox.Live, "shared");
            var test = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, TestSandbox.Test, "shared");

            Assert.NotEqual(live.Data.GetProperty("job_uid").GetString(), test.Data.GetProperty("job_uid").GetString());
            Assert.Equal(2, sandbox.Server.Ledger.Find(idempotencyKey: "shared").Count);
        }

        [Fact]
        public async Task Requests_without_a_key_execute_every_time()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var a = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5);
            var b = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5);

            Assert.NotEqual(a.Data.GetProperty("job_uid").GetString(), b.Data.GetProperty("job_uid").GetString());
            Assert.Equal(0.56m, sandbox.Server.Ledger.Charged);
            Assert.All(sandbox.Server.Ledger.Entries, e => Assert.Null(e.IdempotencyKey));
        }

        [Fact]
        public async Task Error_answers_are_replayed_too()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            const string bad = "{\"model\":\"kling-v2-1\",\"type\":\"text_to_video\"}";
            var first = await sandbox.PostAsync("v1/videos/generate", bad, idempotencyKey: "idem-422");
            var second = await sandbox.PostAsync("v1/videos/generate", bad, idempotencyKey: "idem-422");

            ApiAssert.Error(first, 422, "VALIDATION_ERROR");
            ApiAssert.Error(second, 422, "VALIDATION_ERROR");
            Assert.Equal(first.Error.GetRawText(), second.Error.GetRawText());
        }

        [Fact]
        public async Task Cancel_honours_the_idempotency_key()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.QueuedDuration = System.TimeSpan.FromMinutes(5));
            var jobId = await sandbox.SubmitAsync();

            var first = await sandbox.PostAsync($"v1/jobs/{jobId}/cancel", null, idempotencyKey: "cancel-1");
            var replay = await sandbox.PostAsync($"v1/jobs/{jobId}/cancel", null, idempotencyKey: "cancel-1");
            var fresh = await sandbox.PostAsync($"v1/jobs/{jobId}/cancel", null);

            ApiAssert.Success(first);
            ApiAssert.Success(replay);
            Assert.Equal(first.Data.GetRawText(), replay.Data.GetRawText());
            ApiAssert.Error(fresh, 409, "CONFLICT");
            Assert.Single(sandbox.Server.Ledger.Entries, e => e.Kind == "refund");
        }

        [Fact]
        public async Task Concurrent_duplicates_create_one_job()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var responses = await Task.WhenAll(Enumerable.Range(0, 10)
                .Select(_ => sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, idempotencyKey: "race")));

            Assert.Single(sandbox.Server.Ledger.Entries);
            var accepted = responses.Where(r => r.Status == 202).Select(r => r.Data.GetProperty("job_uid").GetString()).Distinct();
            Assert.Single(accepted);
            // A duplicate that arrives while the first is still running gets 409; the rest replay.
            Assert.All(responses, r => Assert.Contains(r.Status, new[] { 202, 409 }));
        }
    }
}
