using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class BillingTests
    {
        private static async Task<decimal> BalanceAsync(TestSandbox sandbox, string key)
        {
            var response = await sandbox.GetAsync("v1/me/balance", key);
            ApiAssert.Success(response);
            var balance = ApiAssert.Money(response.Data.GetProperty("balance"));
            var purchased = ApiAssert.Money(response.Data.GetProperty("purchased_balance"));
            var monthly = ApiAssert.Money(response.Data.GetProperty("monthly_balance"));
            Assert.Equal(balance, purchased + monthly);
            ApiAssert.IsoUtc(response.Data.GetProperty("monthly_reset_at").GetString());
            Assert.False(string.IsNullOrEmpty(response.Data.GetProperty("currency").GetString()));
            return balance;
        }

        [Fact]
        public async Task Accepting_a_job_debits_the_live_wallet_and_records_a_charge()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            Assert.Equal(100.0000m, await BalanceAsync(sandbox, TestSandbox.Live));

            var response = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5);
            ApiAssert.Success(response, 202);
            var usage = response.Json.GetProperty("usage");
            Assert.Equal(0.28m, ApiAssert.Money(usage.GetProperty("cost")));
            Assert.Equal(99.72m, ApiAssert.Money(usage.GetProperty("balance_remaining")));
            Assert.Equal(99.72m, await BalanceAsync(sandbox, TestSandbox.Live));

            var entry = Assert.Single(sandbox.Server.Ledger.Entries);
            Assert.Equal("charge", entry.Kind);
            Assert.Equal(response.Data.GetProperty("job_uid").GetString(), entry.JobUid);
            Assert.Equal("live", entry.KeyMode);
            Assert.Equal(0.28m, entry.Amount);
        }

        [Fact]
        public async Task Test_key_is_charged_zero_and_keeps_its_own_wallet()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling10, TestSandbox.Test);

            ApiAssert.Success(response, 202);
            Assert.Equal("0.0000", response.Json.GetProperty("usage").GetProperty("cost").GetString());
            Assert.Equal("100.0000", response.Json.GetProperty("usage").GetProperty("balance_remaining").GetString());
            Assert.Equal(100m, await BalanceAsync(sandbox, TestSandbox.Test));

            await sandbox.SubmitAsync(TestSandbox.Live);
            Assert.Equal(100m, await BalanceAsync(sandbox, TestSandbox.Test));
            Assert.Equal(99.72m, await BalanceAsync(sandbox, TestSandbox.Live));

            var testEntry = sandbox.Server.Ledger.Entries.Single(e => e.KeyMode == "test");
            Assert.Equal(0m, testEntry.Amount);
        }

        [Theory]
        [InlineData("openapi", "INSUFFICIENT_BALANCE")]
        [InlineData("docs", "INSUFFICIENT_CREDITS")]
        public async Task Short_balance_is_402_without_job_or_charge(string style, string code)
        {
            const string poorKey = "sqk_live_poor";
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.ErrorCodeStyle = style;
                o.Keys.Add(new SandboxKey { Key = poorKey, Scopes = new List<string> { "*" }, Balance = 0.1m });
            });

            var response = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, poorKey);

            ApiAssert.Error(response, 402, code);
            // Both styles: what the wallet holds and what the refused row would have cost, as 4-decimal strings.
            var details = response.Error.GetProperty("details");
            Assert.Equal("0.1000", details.GetProperty("balance").GetString());
            Assert.Equal("0.2800", details.GetProperty("cost").GetString());
            if (style == "docs") Assert.Equal(0.1m, response.Error.GetProperty("balance_sqc").GetDecimal());
            else Assert.False(response.Error.TryGetProperty("balance_sqc", out _));
            Assert.Equal(0.1m, await BalanceAsync(sandbox, poorKey));
            Assert.Equal(0, (await sandbox.GetAsync("v1/jobs", poorKey)).Json.GetProperty("pagination").GetProperty("total").GetInt32());
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Provider_failure_refunds_the_charge()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await TestSandbox.StartAsync(o => { o.FailureRate = 1; o.TimeProvider = clock; });
            var jobId = await sandbox.SubmitAsync();
            Assert.Equal(99.72m, await BalanceAsync(sandbox, TestSandbox.Live));
            clock.Advance(TimeSpan.FromSeconds(1));

            var failed = await sandbox.WaitForStatusAsync(jobId, "failed");
            Assert.Equal("JOB_FAILED", failed.Data.GetProperty("error").GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(failed.Data.GetProperty("error").GetProperty("message").GetString()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, failed.Data.GetProperty("result").ValueKind);

            Assert.Equal(100m, await BalanceAsync(sandbox, TestSandbox.Live));
            var entries = sandbox.Server.Ledger.Find(jobUid: jobId);
            Assert.Equal(new[] { "charge", "refund" }, entries.Select(e => e.Kind));
            Assert.All(entries, e => Assert.Equal(0.28m, e.Amount));
            Assert.Equal(0m, sandbox.Server.Ledger.Net);
        }

        [Fact]
        public async Task Refund_is_booked_once_even_when_polled_repeatedly()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await TestSandbox.StartAsync(o => { o.FailureRate = 1; o.TimeProvider = clock; });
            var jobId = await sandbox.SubmitAsync();
            clock.Advance(TimeSpan.FromSeconds(1));

            for (var i = 0; i < 3; i++) Assert.Equal("failed", (await sandbox.GetAsync("v1/jobs/" + jobId)).Data.GetProperty("status").GetString());
            await sandbox.GetAsync("v1/jobs");

            Assert.Single(sandbox.Server.Ledger.Entries, e => e.Kind == "refund");
            Assert.Equal(100m, await BalanceAsync(sandbox, TestSandbox.Live));
        }

        [Fact]
        public async Task Seed_makes_the_failure_draw_repeatable()
        {
            async Task<string> OutcomesAsync()
            {
                var clock = new ManualTimeProvider();
                await using var sandbox = await TestSandbox.StartAsync(o => { o.FailureRate = 0.5; o.Seed = 1234; o.TimeProvider = clock; });
                var ids = new List<string>();
                for (var i = 0; i < 16; i++) ids.Add(await sandbox.SubmitAsync(TestSandbox.Test));
                clock.Advance(TimeSpan.FromSeconds(1));
                var statuses = new List<string>();
                foreach (var id in ids) statuses.Add((await sandbox.GetAsync("v1/jobs/" + id, TestSandbox.Test)).Data.GetProperty("status").GetString()!);
                return string.Join(",", statuses);
            }

            var first = await OutcomesAsync();
            Assert.Equal(first, await OutcomesAsync());
            Assert.Contains("failed", first);
            Assert.Contains("completed", first);
        }

        [Fact]
        public async Task Concurrent_submits_never_overspend_the_wallet()
        {
            const string key = "sqk_live_one_sqc";
            await using var sandbox = await TestSandbox.StartAsync(o =>
                o.Keys.Add(new SandboxKey { Key = key, Scopes = new List<string> { "*" }, Balance = 1.0m }));

            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, key)));

            Assert.Equal(3, responses.Count(r => r.Status == 202));
            Assert.Equal(17, responses.Count(r => r.Status == 402));
            Assert.Equal(0.16m, await BalanceAsync(sandbox, key));
            Assert.Equal(0.84m, sandbox.Server.Ledger.Charged);
            var remaining = responses.Where(r => r.Status == 202)
                .Select(r => ApiAssert.Money(r.Json.GetProperty("usage").GetProperty("balance_remaining"))).OrderBy(x => x);
            Assert.Equal(new[] { 0.16m, 0.44m, 0.72m }, remaining);
        }
    }
}
