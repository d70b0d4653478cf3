using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Pacing
{
    /// <summary>
    /// Client-side pacing (<see cref="RequestPacer"/>) against a fake fixed-window API on the virtual clock: what is
    /// sent when, in which order, and that nothing gets a 429. Most tests hold every timer until the test advances
    /// the clock, so several requests can be staged waiting at once; nothing sleeps for real.
    /// </summary>
    public class PacingTests
    {
        private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

        [Fact]
        public async Task The_first_answer_seeds_the_limit_and_what_is_left_of_the_window()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 5, Minute);
            api.Install(harness);
            RequestPacer pacer = harness.Client.Pacer;
            Assert.Equal(60, pacer.Limit);

            await harness.Client.GetJobAsync("job_0", CancellationToken.None);

            Assert.Equal(5, pacer.Limit);
            Assert.Equal(4, pacer.AvailablePermits);

            // Four more go at once; the fifth and sixth wait for the next window.
            Task[] calls = Enumerable.Range(1, 6).Select(i => (Task)harness.Client.GetJobAsync("job_" + i, CancellationToken.None)).ToArray();
            await Until(() => api.Served.Length == 5 && pacer.Waiting == 2, "four sent, two waiting");
            await Task.Delay(50);
            Assert.Equal(5, api.Served.Length);

            harness.Clock.Advance(api.EndOf(0) - harness.Clock.Now + TimeSpan.FromSeconds(2));
            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(0, api.Rejected);
            Assert.Equal(2, api.Served.Count(r => r.Window == 1));
        }

        [Fact]
        public async Task A_fresh_client_sends_one_request_and_learns_from_its_answer_before_sending_more()
        {
            // An earlier run (or another tool) spent 8 of the key's 10 requests in this window.
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 10, Minute);
            api.Install(harness);
            api.SpendByOthers(8);

            // The server answers only once all six calls have been made (as over a real network, they overlap).
            var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            api.BeforeAnswer = (_, _) => answer.Task;
            RequestPacer pacer = harness.Client.Pacer;
            Task[] calls = Enumerable.Range(1, 6).Select(i => (Task)harness.Client.GetJobAsync("job_" + i, CancellationToken.None)).ToArray();
            await Until(() => pacer.InFlight + pacer.Waiting == 6, "all six made");
            Assert.Equal(1, pacer.InFlight);
            answer.SetResult();

            await Until(() => api.Served.Length == 2 && pacer.Waiting == 4, "two sent, four waiting");
            await Task.Delay(50);

            Assert.Equal(2, api.Served.Length);
            Assert.Equal(0, api.Rejected);

            harness.Clock.Advance(api.EndOf(0) - harness.Clock.Now + TimeSpan.FromSeconds(2));
            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, api.Rejected);
            Assert.Equal(0, harness.Client.Statistics.RateLimited429Received);
        }

        [Fact]
        public async Task Remaining_zero_holds_the_next_request_until_the_reset_and_says_so_once_without_the_query()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 60, Minute);
            api.Install(harness);
            api.SpendByOthers(59);
            await harness.Client.GetAccountAsync(CancellationToken.None);
            DateTimeOffset reset = DateTimeOffset.FromUnixTimeSeconds(FixedWindowApi.UnixSeconds(api.EndOf(0)));

            Task<JobPage> list = harness.Client.ListJobsAsync(new JobQuery { Status = JobStatus.Succeeded, Cursor = "2" }, CancellationToken.None);
            await Until(() => harness.Client.Pacer.Waiting == 1, "the list call waits");

            // The reset (Unix seconds) is 53 s away; permits come back the margin after it.
            Assert.Equal("Pacing: waiting " + Seconds(53 + Margin) + " s for the rate limit (60/min) before GET /jobs", Assert.Single(harness.Log));
            harness.Clock.Advance(reset - harness.Clock.Now - TimeSpan.FromSeconds(1));
            await Task.Delay(50);
            Assert.False(list.IsCompleted);
            Assert.Single(api.Served);

            harness.Clock.Advance(TimeSpan.FromSeconds(2));
            await list.WaitAsync(TimeSpan.FromSeconds(10));

            ServedRequest sent = api.Served[1];
            Assert.True(sent.At >= reset, "sent at " + sent.At + ", reset at " + reset);
            Assert.Equal(0, api.Rejected);
            Assert.Equal(1, harness.Client.Statistics.PacingWaits);
            Assert.DoesNotContain(harness.Log, line => line.Contains('?') || line.Contains(TestKeys.SecretPart));
        }

        [Fact]
        public async Task The_reset_is_measured_on_the_servers_clock_so_a_skewed_local_clock_does_not_matter()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 60, Minute) { ServerClock = local => local - TimeSpan.FromHours(2) };
            api.Install(harness);
            api.SpendByOthers(59);
            await harness.Client.GetAccountAsync(CancellationToken.None);

            Task<JobSnapshot> poll = harness.Client.GetJobAsync("job_1", CancellationToken.None);
            await Until(() => harness.Client.Pacer.Waiting == 1, "the poll waits");

            Assert.Equal("Pacing: waiting " + Seconds(53 + Margin) + " s for the rate limit (60/min) before GET /jobs/job_1", Assert.Single(harness.Log));
            harness.Clock.Advance(TimeSpan.FromSeconds(53));
            await Task.Delay(50);
            Assert.False(poll.IsCompleted);

            harness.Clock.Advance(TimeSpan.FromSeconds(1.5));
            await poll.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, api.Rejected);
        }

        [Fact]
        public async Task The_clock_offset_is_the_tightest_that_any_Date_header_showed()
        {
            // The server's clock is 0.7 s ahead; Date drops the part-second, so each answer shows between -0.3 and 0.7 s.
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 60, Minute) { ServerClock = local => local + TimeSpan.FromSeconds(0.7) };
            api.Install(harness);
            harness.Clock.Advance(TimeSpan.FromSeconds(0.3));
            await harness.Client.GetJobAsync("job_1", CancellationToken.None); // Date 12:00:01 at 12:00:00.3: offset 0.7 s

            // The next window: its first answer (Date 12:01:00 at 12:01:00.1, offset -0.1 s) says nothing is left.
            harness.Clock.Advance(TimeSpan.FromSeconds(59.8));
            api.SpendByOthers(59);
            await harness.Client.GetJobAsync("job_2", CancellationToken.None);

            Task<JobSnapshot> third = harness.Client.GetJobAsync("job_3", CancellationToken.None);
            await Until(() => harness.Client.Pacer.Waiting == 1, "the third waits");

            // That window ends at 12:01:53.4 on the server's clock (Reset 12:01:54), 12:01:53.3 on ours with the 0.7 s
            // offset; the margin on top, seen from 12:01:00.1. With that answer's own offset it would be 0.8 s later.
            Assert.Equal("Pacing: waiting " + Seconds(53.2 + Margin) + " s for the rate limit (60/min) before GET /jobs/job_3", Assert.Single(harness.Log));
            harness.Clock.Advance(TimeSpan.FromSeconds(53.2 + Margin));
            await third.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, api.Rejected);
        }

        [Fact]
        public async Task A_server_that_rounds_the_reset_down_costs_one_429_and_then_gets_the_wide_margin()
        {
            using ClientHarness harness = Harness();
            harness.RetryBaseDelay = TimeSpan.FromSeconds(1);
            var api = new FixedWindowApi(harness.Clock, limit: 2, Minute) { RoundResetDown = true };
            api.Install(harness);
            RequestPacer pacer = harness.Client.Pacer;
            api.SpendByOthers(1);
            await harness.Client.GetAccountAsync(CancellationToken.None);
            Assert.Equal(RequestPacer.ResetMargin, pacer.Margin);

            // The window really ends at 12:00:52.7 but says 12:00:52: the poll goes at 12:00:52.25 and gets a 429 (Retry-After 1).
            Task<JobSnapshot> first = harness.Client.GetJobAsync("job_1", CancellationToken.None);
            await Until(() => pacer.Waiting == 1, "the poll waits");
            harness.Clock.Advance(TimeSpan.FromSeconds(52 + Margin) - (harness.Clock.Now - api.Served[0].At));
            await Until(() => harness.Client.Statistics.RateLimited429Received == 1, "the early request is refused");
            Assert.Equal(RequestPacer.WideResetMargin, pacer.Margin);
            Assert.Contains("Pacing: a 429 came right after the rate-limit window turned; from now on waiting 1.25 s past the rate-limit reset", harness.Log);
            await Until(() => pacer.InFlight == 0 && harness.Clock.PendingTimeouts == 1, "the retry waits for Retry-After");
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            await first.WaitAsync(TimeSpan.FromSeconds(10));

            // The next window (ends 12:01:52.7, says 12:01:52): its last permit, then a poll that must wait past 12:01:52.7.
            await harness.Client.GetJobAsync("job_2", CancellationToken.None);
            Task<JobSnapshot> third = harness.Client.GetJobAsync("job_3", CancellationToken.None);
            await Until(() => pacer.Waiting == 1, "the next poll waits");
            harness.Clock.Advance(TimeSpan.FromSeconds(52.5) - (harness.Clock.Now - api.Served[0].At) + Minute);
            await Task.Delay(50);
            Assert.False(third.IsCompleted, "sent before the window's real end");
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            await third.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(1, api.Rejected);
            Assert.Equal(1, harness.Client.Statistics.RateLimited429Received);
            Assert.True(api.Served.Last().At >= api.EndOf(1), "sent at " + api.Served.Last().At);
        }

        [Fact]
        public async Task Each_window_starts_with_one_request_so_a_server_that_turns_late_refuses_only_that_one()
        {
            // The server's windows really turn 0.6 s after its Reset says (12:00:53.3 instead of 12:00:52.7, Reset 12:00:53).
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 3, Minute) { Lag = TimeSpan.FromSeconds(0.6) };
            api.Install(harness);
            RequestPacer pacer = harness.Client.Pacer;
            api.SpendByOthers(2);
            await harness.Client.GetAccountAsync(CancellationToken.None);

            Task[] polls = Enumerable.Range(1, 3).Select(i => (Task)harness.Client.GetJobAsync("job_" + i, CancellationToken.None)).ToArray();
            await Until(() => pacer.Waiting == 3, "three polls wait");
            harness.Clock.Advance(TimeSpan.FromSeconds(53 + Margin));
            await Until(() => api.Rejected == 1 && pacer.InFlight == 0 && harness.Clock.PendingTimeouts == 2, "the window's first request is refused");
            await Task.Delay(50);
            Assert.Equal(2, api.Served.Length);
            Assert.Equal(RequestPacer.WideResetMargin, pacer.Margin);

            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAll(polls).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(1, api.Rejected);
            Assert.Equal(3, api.Served.Count(r => r.Status == 200 && r.Window == 1));
        }

        [Fact]
        public async Task A_burst_larger_than_the_limit_is_spread_so_that_no_window_gets_more_than_the_limit()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 5, TimeSpan.FromSeconds(20));
            api.Install(harness);
            DateTimeOffset start = harness.Clock.Now;

            Task[] calls = Enumerable.Range(1, 13).Select(i => (Task)harness.Client.SubmitAsync(Request(i), "key-" + i, CancellationToken.None))
                .Concat(Enumerable.Range(1, 10).Select(i => (Task)harness.Client.GetJobAsync("job_" + i, CancellationToken.None)))
                .ToArray();
            await RunClock(harness, calls);

            ServedRequest[] served = api.Served;
            Assert.Equal(23, served.Length);
            Assert.Equal(0, api.Rejected);
            Assert.Equal(0, harness.Client.Statistics.RateLimited429Received);
            Assert.Equal(5, api.MostInOneWindow);
            Assert.All(served.GroupBy(r => r.Window), window => Assert.True(window.Count() <= 5, "window " + window.Key + " got " + window.Count()));

            // Efficient too: 23 requests at 5 per window fill the current window and four more, and each new window's
            // requests go within 3 s of its start (the reset's whole second, the 1 s margin, and for a second poll in
            // the window where the submissions end, their 1 s linger).
            long first = api.WindowOf(start);
            Assert.Equal(first + 4, served.Max(r => r.Window));
            Assert.All(served.Where(r => r.Window > first), r => Assert.True(r.At - api.EndOf(r.Window - 1) <= TimeSpan.FromSeconds(3), "sent at " + r.At));

            // Submissions first: all 13 are in before the last poll.
            Assert.True(served.Last(r => r.Method == "POST").At <= served.Last(r => r.Method == "GET").At);
        }

        [Fact]
        public async Task Under_any_timing_of_timers_and_answers_no_window_gets_more_than_the_limit()
        {
            // Timers fire as soon as they are armed (the clock jumps to them) while requests are still in flight: answers
            // arrive windows late and out of order. Slow, but never over the limit.
            using ClientHarness harness = Harness(manualTimers: false);
            var api = new FixedWindowApi(harness.Clock, limit: 4, TimeSpan.FromSeconds(20));
            api.Install(harness);

            Task[] calls = Enumerable.Range(1, 10).Select(i => (Task)harness.Client.SubmitAsync(Request(i), "key-" + i, CancellationToken.None))
                .Concat(Enumerable.Range(1, 10).Select(i => (Task)harness.Client.GetJobAsync("job_" + i, CancellationToken.None)))
                .Concat(Enumerable.Range(1, 5).Select(i => (Task)harness.Client.ListJobsAsync(new JobQuery { Cursor = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, CancellationToken.None)))
                .Concat(Enumerable.Range(1, 5).Select(i => (Task)harness.Client.DownloadAsync(new Uri("https://api.test/files/job_" + i + ".mp4"), new MemoryStream(), null, CancellationToken.None)))
                .ToArray();
            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(30, api.Served.Length);
            Assert.Equal(0, api.Rejected);
            Assert.True(api.MostInOneWindow <= 4, "a window got " + api.MostInOneWindow);
        }

        [Fact]
        public async Task Submissions_overtake_polls_that_were_waiting_before_them()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 3, Minute);
            api.Install(harness);
            api.SpendByOthers(2);
            await harness.Client.GetAccountAsync(CancellationToken.None);
            RequestPacer pacer = harness.Client.Pacer;

            Task[] polls = Enumerable.Range(1, 3).Select(i => (Task)harness.Client.GetJobAsync("job_" + i, CancellationToken.None)).ToArray();
            await Until(() => pacer.Waiting == 3, "three polls wait");
            Task[] submissions = Enumerable.Range(1, 2).Select(i => (Task)harness.Client.SubmitAsync(Request(i), "key-" + i, CancellationToken.None)).ToArray();
            await Until(() => pacer.Waiting == 5, "two submissions wait behind them");

            harness.Clock.Advance(api.EndOf(0) - harness.Clock.Now + TimeSpan.FromSeconds(2));
            await Task.WhenAll(submissions).WaitAsync(TimeSpan.FromSeconds(10));
            await Until(() => api.Served.Length == 4, "one poll sent with them");
            await Task.Delay(50);

            // The new window's three permits: both submissions, and one poll.
            ServedRequest[] window1 = api.Served.Where(r => r.Window == 1).ToArray();
            Assert.Equal(3, window1.Length);
            Assert.Equal(2, window1.Count(r => r.Method == "POST"));
            Assert.Equal(2, pacer.Waiting);

            harness.Clock.Advance(Minute);
            await Task.WhenAll(polls).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, api.Rejected);
        }

        [Fact]
        public async Task While_submissions_are_busy_polls_get_only_their_share_of_the_window()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 10, Minute);
            api.Install(harness);
            api.SpendByOthers(9);
            await harness.Client.GetAccountAsync(CancellationToken.None);
            RequestPacer pacer = harness.Client.Pacer;
            Assert.Equal(1, pacer.PollShare);

            Task[] polls = Enumerable.Range(1, 5).Select(i => (Task)harness.Client.GetJobAsync("job_" + i, CancellationToken.None)).ToArray();
            await Until(() => pacer.Waiting == 5, "five polls wait");

            // One row after the other, as a pipeline submits them.
            Task submitter = Task.Run(async () =>
            {
                for (int i = 1; i <= 9; i++) await harness.Client.SubmitAsync(Request(i), "key-" + i, CancellationToken.None);
            });
            await Until(() => pacer.Waiting == 6, "the first submission waits too");
            harness.Clock.Advance(api.EndOf(0) - harness.Clock.Now + TimeSpan.FromSeconds(2));
            await submitter.WaitAsync(TimeSpan.FromSeconds(10));
            await Until(() => pacer.InFlight == 0, "the poll sent with them is answered");

            ServedRequest[] window1 = api.Served.Where(r => r.Window == 1).ToArray();
            Assert.Equal(9, window1.Count(r => r.Method == "POST"));
            Assert.Equal(1, window1.Count(r => r.Method == "GET"));

            harness.Clock.Advance(Minute);
            await Task.WhenAll(polls).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, api.Rejected);
        }

        [Fact]
        public async Task A_429_that_still_arrives_holds_every_request_for_its_Retry_After_and_is_counted()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 60, Minute);
            api.Install(harness);
            await harness.Client.GetJobAsync("job_0", CancellationToken.None);
            DateTimeOffset start = harness.Clock.Now;

            // Another client on the key spends the rest of the window: the pacer still believes 59 are left.
            api.SpendByOthers(59);
            Task<JobSnapshot> first = harness.Client.GetJobAsync("job_a", CancellationToken.None);
            await Until(() => harness.Client.Statistics.RateLimited429Received == 1, "the 429 arrives");
            Task<JobSnapshot> second = harness.Client.GetJobAsync("job_b", CancellationToken.None);
            await Until(() => harness.Client.Pacer.Waiting == 1, "the next request waits");
            await Until(() => harness.Clock.PendingTimeouts == 2, "the retry's wait and the pacer's hold are armed");

            Assert.Equal(2, api.Served.Length);
            Assert.Contains("Pacing: waiting 53.0 s as the API asked after a 429 (Retry-After) before GET /jobs/job_b", harness.Log);

            harness.Clock.Advance(TimeSpan.FromSeconds(53));
            await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(1, api.Rejected);
            Assert.Equal(1, harness.Client.Statistics.RateLimited429Received);
            Assert.Equal(1, harness.Client.Statistics.RateLimited429Retries);
            Assert.All(api.Served.Skip(2), r => Assert.True(r.At >= start + TimeSpan.FromSeconds(53), "sent at " + r.At));
        }

        [Fact]
        public async Task Cancelling_while_waiting_for_a_permit_stops_at_once_and_spends_no_permit()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 2, Minute);
            api.Install(harness);
            api.SpendByOthers(1);
            await harness.Client.GetAccountAsync(CancellationToken.None);

            using var cts = new CancellationTokenSource();
            Task<JobSnapshot> poll = harness.Client.GetJobAsync("job_1", cts.Token);
            await Until(() => harness.Client.Pacer.Waiting == 1, "the poll waits");
            cts.Cancel();

            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll.WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Equal(0, harness.Client.Pacer.Waiting);
            Assert.Single(api.Served);

            // The next window's two permits are both still there.
            harness.Clock.Advance(api.EndOf(0) - harness.Clock.Now + TimeSpan.FromSeconds(2));
            await Task.WhenAll(harness.Client.GetJobAsync("job_2", CancellationToken.None), harness.Client.GetJobAsync("job_3", CancellationToken.None))
                .WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(2, api.Served.Count(r => r.Window == 1));
            Assert.Equal(0, api.Rejected);
        }

        [Fact]
        public async Task The_rate_budget_is_the_documented_one_until_an_answer_and_then_follows_limit_and_window()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 120, TimeSpan.FromSeconds(30));
            api.Install(harness);
            IRateBudget budget = harness.Client;
            Assert.Equal(1.0, budget.RequestsPerSecond); // SmartlyQ's documented 60 per minute

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);
            Assert.Equal(2.0, budget.RequestsPerSecond); // 120 per the documented minute until a second window shows its length

            harness.Clock.Advance(TimeSpan.FromSeconds(30));
            await harness.Client.GetJobAsync("job_2", CancellationToken.None);
            Assert.Equal(4.0, budget.RequestsPerSecond); // 120 per 30 s
            Assert.Equal(TimeSpan.FromSeconds(30), harness.Client.Pacer.Window);

            api.Limit = 60;
            await harness.Client.GetJobAsync("job_3", CancellationToken.None);
            Assert.Equal(2.0, budget.RequestsPerSecond);
            Assert.Equal(60, harness.Client.Pacer.Limit);
        }

        [Fact]
        public async Task With_pacing_off_every_request_is_sent_at_once_and_429s_are_still_counted()
        {
            using ClientHarness harness = Harness();
            harness.Pacing = false;
            harness.MaxRetries = 0;
            var api = new FixedWindowApi(harness.Clock, limit: 3, Minute);
            api.Install(harness);
            await harness.Client.GetJobAsync("job_0", CancellationToken.None);

            Task<JobSnapshot>[] calls = Enumerable.Range(1, 5).Select(i => harness.Client.GetJobAsync("job_" + i, CancellationToken.None)).ToArray();
            await Task.WhenAll(calls.Select(c => c.ContinueWith(_ => { }))).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(6, api.Served.Length);
            Assert.All(api.Served, r => Assert.Equal(api.Served[0].At, r.At));
            Assert.Equal(3, api.Rejected);
            Assert.Equal(3, calls.Count(c => c.IsFaulted));
            Assert.Equal(3, harness.Client.Statistics.RateLimited429Received);
            Assert.Equal(0, harness.Client.Statistics.PacingWaits);
            Assert.Equal(3 / 60.0, harness.Client.RequestsPerSecond);
        }

        [Fact]
        public async Task Downloads_from_the_api_origin_are_paced_and_downloads_from_a_cdn_are_not()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 2, Minute);
            api.Install(harness);
            api.SpendByOthers(1);
            await harness.Client.GetAccountAsync(CancellationToken.None);

            var cdnFile = new MemoryStream();
            await harness.Client.DownloadAsync(new Uri("https://cdn.test/videos/job_1.mp4?sig=abc"), cdnFile, null, CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(3, cdnFile.Length);

            var apiFile = new MemoryStream();
            Task<long> paced = harness.Client.DownloadAsync(new Uri("https://api.test/files/job_1.mp4"), apiFile, null, CancellationToken.None);
            await Until(() => harness.Client.Pacer.Waiting == 1, "the same-origin download waits");
            Assert.Single(api.Served);

            harness.Clock.Advance(api.EndOf(0) - harness.Clock.Now + TimeSpan.FromSeconds(2));
            Assert.Equal(3, await paced.WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.Equal(0, api.Rejected);
            Assert.DoesNotContain(harness.Log, line => line.Contains("sig=") || line.Contains(TestKeys.SecretPart));
        }

        [Fact]
        public async Task Disposing_the_client_fails_requests_still_waiting_for_a_permit()
        {
            using ClientHarness harness = Harness();
            var api = new FixedWindowApi(harness.Clock, limit: 2, Minute);
            api.Install(harness);
            api.SpendByOthers(1);
            await harness.Client.GetAccountAsync(CancellationToken.None);
            Task<JobSnapshot> poll = harness.Client.GetJobAsync("job_1", CancellationToken.None);
            await Until(() => harness.Client.Pacer.Waiting == 1, "the poll waits");

            harness.Client.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => poll.WaitAsync(TimeSpan.FromSeconds(5)));
        }

        private static double Margin => RequestPacer.ResetMargin.TotalSeconds;

        /// <summary>Seconds as the pacer's wait line shows them ("53.3").</summary>
        private static string Seconds(double seconds) => TimeSpan.FromSeconds(seconds).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A client on the virtual clock without attempt or total timeouts (their timers would fire when the clock jumps).</summary>
        private static ClientHarness Harness(bool manualTimers = true)
        {
            var harness = new ClientHarness { AttemptTimeout = Timeout.InfiniteTimeSpan, TotalTimeout = Timeout.InfiniteTimeSpan };
            harness.Clock.ManualTimers = manualTimers;
            return harness;
        }

        /// <summary>
        /// Moves the held clock a second at a time, each time only once every request is either answered or waiting
        /// (none in flight): requests take no time compared with the windows, as with a real API.
        /// </summary>
        private static async Task RunClock(ClientHarness harness, Task[] calls)
        {
            RequestPacer pacer = harness.Client.Pacer;
            for (int second = 0; second < 3600; second++)
            {
                await Until(() => pacer.InFlight == 0 && calls.Count(c => c.IsCompleted) + pacer.Waiting == calls.Length, "the requests settle");
                if (calls.All(c => c.IsCompleted)) break;
                harness.Clock.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        }

        private static VideoRequest Request(int i) => new VideoRequest { Model = "kling-v2-1", Type = "text_to_video", Prompt = "shot " + i };

        /// <summary>Waits (real time, at most 10 s) until <paramref name="condition"/> holds.</summary>
        private static async Task Until(Func<bool> condition, string what)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("Never happened: " + what + ".");
                await Task.Delay(5);
            }
        }
    }
}
