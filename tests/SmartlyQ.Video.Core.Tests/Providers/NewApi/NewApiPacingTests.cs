using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.NewApi;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NewApi
{
    /// <summary>
    /// A gateway states no limit: the client keeps to a conservative 10 requests per second, or to the rate the user
    /// gives (Connect-SmartlyQ -RequestsPerSecond), the operator's limit being theirs to know.
    /// </summary>
    public class NewApiPacingTests
    {
        private const string Base = "https://gw.test/v1";

        private static (NewApiClient Client, MockHttpMessageHandler Mock, RecordingTimeProvider Clock) Create(double? requestsPerSecond)
        {
            var mock = new MockHttpMessageHandler();
            mock.When(HttpMethod.Get, Base + "/video/generations/*")
                .Respond(_ => Answers.Json(System.Net.HttpStatusCode.OK, "{\"code\":\"success\",\"message\":\"\",\"data\":{\"status\":\"IN_PROGRESS\"}}"));
            var clock = new RecordingTimeProvider { ManualTimers = true };
            var client = new NewApiClient(new ProviderSettings
            {
                BaseUri = new Uri(Base),
                Credential = NewApiProvider.Entry.Credential("sk-" + TestKeys.SecretPart + "gatewaytoken"),
                Handler = mock,
                RequestsPerSecond = requestsPerSecond,
            }, clock);
            return (client, mock, clock);
        }

        [Theory]
        [InlineData(null, 10)]
        [InlineData(40.0, 40)]
        public async Task Requests_beyond_the_rate_in_a_second_wait_for_the_next_second(double? given, int perSecond)
        {
            var (client, mock, clock) = Create(given);
            using (client)
            {
                Task<JobSnapshot>[] polls = Enumerable.Range(0, perSecond + 5)
                    .Select(i => client.GetJobAsync("task_" + i.ToString("000"), CancellationToken.None)).ToArray();
                for (int i = 0; i < 200 && client.Statistics.Requests < perSecond; i++) await Task.Delay(10);
                await Task.Delay(200); // time for one more request to slip through, were it allowed

                Assert.Equal(perSecond, client.Statistics.Requests);
                Assert.Equal(perSecond, client.RequestsPerSecond);

                clock.Advance(TimeSpan.FromSeconds(1.5));
                await Task.WhenAll(polls);
                Assert.Equal(perSecond + 5, client.Statistics.Requests);
            }
        }

        [Fact]
        public void A_rate_below_one_per_second_spaces_single_requests()
        {
            var (client, _, _) = Create(0.5);
            using (client) Assert.Equal(0.5, client.RequestsPerSecond);
        }
    }
}
