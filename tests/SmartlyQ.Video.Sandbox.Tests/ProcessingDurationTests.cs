using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    /// <summary><see cref="SandboxOptions.ProcessingDurationMax"/>: per-job processing times drawn from a seeded uniform range.</summary>
    public class ProcessingDurationTests
    {
        private static readonly TimeSpan Min = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan Max = TimeSpan.FromSeconds(6);

        private static Task<TestSandbox> StartAsync(ManualTimeProvider clock, Action<SandboxOptions>? more = null) => TestSandbox.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.QueuedDuration = TimeSpan.Zero;
            o.ProcessingDuration = Min;
            o.ProcessingDurationMax = Max;
            o.Seed = 20260311;
            o.Keys[0].Balance = 1000m;
            more?.Invoke(o);
        });

        private static async Task<List<TimeSpan>> ProcessingTimesAsync(TestSandbox sandbox, int jobs)
        {
            var times = new List<TimeSpan>();
            for (var i = 0; i < jobs; i++)
            {
                var id = await sandbox.SubmitAsync();
                times.Add(sandbox.Server.GetJobTimeline(id).ProcessingTime);
            }
            return times;
        }

        [Fact]
        public async Task Without_a_maximum_every_job_processes_for_exactly_ProcessingDuration()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock, o =>
            {
                o.ProcessingDurationMax = null;
                o.QueuedDuration = TimeSpan.FromMilliseconds(300);
            });

            var id = await sandbox.SubmitAsync();
            var timeline = sandbox.Server.GetJobTimeline(id);
            Assert.Equal(id, timeline.JobUid);
            Assert.Equal(clock.GetUtcNow(), timeline.CreatedAt);
            Assert.Equal(TimeSpan.FromMilliseconds(300), timeline.ProcessingAt - timeline.CreatedAt);
            Assert.Equal(Min, timeline.ProcessingTime);
            Assert.Equal(TimeSpan.FromMilliseconds(300) + Min, timeline.Duration);
            Assert.All(await ProcessingTimesAsync(sandbox, 5), t => Assert.Equal(Min, t));
        }

        [Fact]
        public async Task With_a_maximum_processing_times_spread_over_the_whole_range()
        {
            await using var sandbox = await StartAsync(new ManualTimeProvider());
            var times = await ProcessingTimesAsync(sandbox, 60);

            Assert.All(times, t => Assert.InRange(t, Min, Max));
            Assert.True(times.Min() < TimeSpan.FromSeconds(2.5), "the shortest of 60 draws should be near the minimum: " + times.Min());
            Assert.True(times.Max() > TimeSpan.FromSeconds(5.5), "the longest of 60 draws should be near the maximum: " + times.Max());
            Assert.InRange(times.Average(t => t.TotalSeconds), 3.4, 4.6);
            Assert.True(times.Distinct().Count() > 50, "durations should differ from job to job");
        }

        [Fact]
        public async Task The_same_seed_gives_the_same_times_whatever_the_failure_rate()
        {
            await using var a = await StartAsync(new ManualTimeProvider());
            await using var b = await StartAsync(new ManualTimeProvider(), o => o.FailureRate = 0.5);
            await using var other = await StartAsync(new ManualTimeProvider(), o => o.Seed = 7);

            var first = await ProcessingTimesAsync(a, 10);
            Assert.Equal(first, await ProcessingTimesAsync(b, 10));
            Assert.NotEqual(first, await ProcessingTimesAsync(other, 10));
        }

        [Fact]
        public async Task A_job_completes_at_its_own_drawn_time()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock, o => o.QueuedDuration = TimeSpan.FromMilliseconds(500));
            var id = await sandbox.SubmitAsync();
            var timeline = sandbox.Server.GetJobTimeline(id);

            clock.Advance(timeline.Duration - TimeSpan.FromMilliseconds(1));
            Assert.Equal("processing", (await sandbox.GetAsync("v1/jobs/" + id)).Data.GetProperty("status").GetString());

            clock.Advance(TimeSpan.FromMilliseconds(1));
            var completed = (await sandbox.GetAsync("v1/jobs/" + id)).Data;
            Assert.Equal("completed", completed.GetProperty("status").GetString());
            // Timestamps are whole seconds; the finish time is the drawn one, truncated.
            var updated = ApiAssert.IsoUtc(completed.GetProperty("updated_at").GetString());
            Assert.InRange(timeline.FinishedAt - updated, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }

        [Fact]
        public async Task A_maximum_below_the_minimum_fails_at_start()
        {
            var options = new SandboxOptions { ProcessingDuration = TimeSpan.FromSeconds(3), ProcessingDurationMax = TimeSpan.FromSeconds(2) };
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => SandboxServer.StartAsync(options));
            Assert.Contains("ProcessingDurationMax", error.Message);
        }

        [Fact]
        public async Task A_maximum_equal_to_the_minimum_is_a_fixed_time()
        {
            await using var sandbox = await StartAsync(new ManualTimeProvider(), o => o.ProcessingDurationMax = Min);
            Assert.All(await ProcessingTimesAsync(sandbox, 5), t => Assert.Equal(Min, t));
        }

        [Fact]
        public async Task Timeline_of_an_unknown_job_is_KeyNotFound()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            Assert.Throws<KeyNotFoundException>(() => sandbox.Server.GetJobTimeline("job_000000000000"));
        }
    }
}
