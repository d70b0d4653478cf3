using System;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    /// <summary>GET /me and both documented GET /me/balance shapes.</summary>
    public class AccountToleranceTests
    {
        private static ClientHarness Answering(string body)
        {
            var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok(body));
            return harness;
        }

        [Fact]
        public async Task Balance_version_a_gives_every_part()
        {
            using var harness = Answering("{\"success\":true,\"data\":{\"balance\":\"100.0000\",\"purchased_balance\":\"50.0000\",\"monthly_balance\":\"50.0000\",\"monthly_reset_at\":\"2023-11-07T05:31:56Z\",\"currency\":\"USD\"},\"meta\":{\"request_id\":\"req_b\"}}");

            WalletBalance balance = await harness.Client.GetBalanceAsync(CancellationToken.None);

            Assert.Equal(100m, balance.Balance);
            Assert.Equal(50m, balance.PurchasedBalance);
            Assert.Equal(50m, balance.MonthlyBalance);
            Assert.Equal(new DateTimeOffset(2023, 11, 7, 5, 31, 56, TimeSpan.Zero), balance.MonthlyResetAt);
            Assert.Equal("USD", balance.Currency);
            Assert.Equal("req_b", balance.RequestId);
        }

        [Fact]
        public async Task Balance_version_b_with_balance_sqc_as_number_is_read()
        {
            using var harness = Answering("{\"success\":true,\"data\":{\"balance_sqc\":123,\"currency\":\"SQC\"}}");

            WalletBalance balance = await harness.Client.GetBalanceAsync(CancellationToken.None);

            Assert.Equal(123m, balance.Balance);
            Assert.Null(balance.PurchasedBalance);
            Assert.Null(balance.MonthlyResetAt);
            Assert.Equal("SQC", balance.Currency);
        }

        [Fact]
        public async Task Balance_answer_without_any_balance_is_an_invalid_response()
        {
            using var harness = Answering("{\"success\":true,\"data\":{\"currency\":\"SQC\"}}");

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetBalanceAsync(CancellationToken.None));

            Assert.Equal("INVALID_RESPONSE", ex.ErrorCode);
        }

        [Fact]
        public async Task Account_gives_identity_workspace_names_and_scopes()
        {
            using var harness = Answering("{\"success\":true,\"data\":{\"id\":1,\"name\":\"Test User\",\"email\":\"test@example.test\",\"workspaces\":[{\"id\":42,\"name\":\"Default\"},{\"id\":43,\"name\":\"Agency\"}],\"api_key\":{\"prefix\":\"sqk_test_\",\"mode\":\"test\",\"scopes\":[\"videos:read\",\"videos:write\",\"jobs:read\"]}}}");

            AccountInfo account = await harness.Client.GetAccountAsync(CancellationToken.None);

            Assert.Equal("1", account.Id);
            Assert.Equal("Test User", account.Name);
            Assert.Equal("test@example.test", account.Email);
            Assert.Equal(new[] { "Default", "Agency" }, account.Workspaces);
            Assert.Equal(new[] { "videos:read", "videos:write", "jobs:read" }, account.Scopes);
        }

        [Fact]
        public async Task Account_with_only_an_id_has_empty_lists()
        {
            using var harness = Answering("{\"success\":true,\"data\":{\"id\":\"u_1\"}}");

            AccountInfo account = await harness.Client.GetAccountAsync(CancellationToken.None);

            Assert.Equal("u_1", account.Id);
            Assert.Empty(account.Workspaces);
            Assert.Empty(account.Scopes);
        }
    }
}
