using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>NanoGPT sends no limit headers: the client keeps to the documented global 25 requests per second.</summary>
    public class NanoGptPacingTests
    {
        [Fact]
        public async Task Requests_beyond_25_in_a_second_wait_for_the_next_second_instead_of_meeting_a_429()
        {
            using var harness = new NanoGptHarness();
            harness.Clock.ManualTimers = true;
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Base + "/video/status")
                .Respond(_ => NanoGptHarness.Json(200, "{\"data\":{\"status\":\"IN_PROGRESS\"}}"));

            Task<JobSnapshot>[] polls = Enumerable.Range(0, 30).Select(i => harness.Client.GetJobAsync("vid_m1abc123def4" + i.ToString("00"), CancellationToken.None)).ToArray();
            for (int i = 0; i < 200 && harness.Requests.Length < 25; i++) await Task.Delay(10);
            await Task.Delay(200); // time for a 26th request to slip through, were it allowed

            Assert.Equal(25, harness.Requests.Length);

            harness.Clock.Advance(TimeSpan.FromSeconds(1.5));
            await Task.WhenAll(polls);

            Assert.Equal(30, harness.Requests.Length);
            Assert.True(harness.Client.Statistics.PacingWaits >= 5, harness.Client.Statistics.ToString());
            Assert.Equal(25.0, harness.Client.RequestsPerSecond);
        }
    }
}
