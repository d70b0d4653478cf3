using System;
using SmartlyQ.Video.Core.Tracking;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    public class PollScheduleTests
    {
        private static readonly TimeSpan FiveSeconds = TimeSpan.FromSeconds(5);

        [Fact]
        public void A_few_jobs_are_polled_at_the_requested_interval()
            => Assert.Equal(FiveSeconds, PollSchedule.Interval(FiveSeconds, 3, listAvailable: true, requestsPerSecond: 1));

        [Theory]
        [InlineData(500, true, 1.0, 10)]      // 5 list pages per round, half of 60/min → 10 s
        [InlineData(20, false, 1.0, 40)]      // 20 single polls per round at 60/min → 40 s
        [InlineData(20, false, 10.0, 5)]      // the same at 600/min → 4 s, but never under the requested 5 s
        [InlineData(100, false, 25.0, 8)]     // 100 single polls at NanoGPT's 25/s → 8 s
        [InlineData(500, true, null, 10)]     // budget unknown: assume the documented 60/min
        public void Many_jobs_widen_the_interval_to_half_of_the_key_budget(int jobs, bool list, double? rate, double expectedSeconds)
            => Assert.Equal(expectedSeconds, PollSchedule.Interval(FiveSeconds, jobs, list, rate).TotalSeconds, 3);

        [Theory]
        [InlineData(1, true, 1)]
        [InlineData(2, true, 2)]
        [InlineData(3, true, 1)]
        [InlineData(100, true, 1)]
        [InlineData(101, true, 2)]
        [InlineData(101, false, 101)]
        public void A_round_costs_one_list_request_per_hundred_jobs_once_that_is_cheaper(int jobs, bool list, int requests)
            => Assert.Equal(requests, PollSchedule.RequestsPerRound(jobs, list));
    }
}
