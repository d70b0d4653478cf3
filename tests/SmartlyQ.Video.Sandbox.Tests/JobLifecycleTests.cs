using System;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class JobLifecycleTests
    {
        private static readonly TimeSpan Queued = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan Processing = TimeSpan.FromSeconds(3);

        private static Task<TestSandbox> StartAsync(ManualTimeProvider clock, Action<SandboxOptions>? more = null) => TestSandbox.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.QueuedDuration = Queued;
            o.ProcessingDuration = Processing;
            more?.Invoke(o);
        });

        private static async Task<JsonElement> JobAsync(TestSandbox sandbox, string id)
        {
            var response = await sandbox.GetAsync("v1/jobs/" + id);
            ApiAssert.Success(response);
            return response.Data;
        }

        [Fact]
        public async Task Job_walks_pending_processing_completed_with_the_documented_shape()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock);
            var id = await sandbox.SubmitAsync(body: Bodies.Kling10);

            var pending = await JobAsync(sandbox, id);
            Assert.Equal(id, pending.GetProperty("id").GetString());
            Assert.Equal("video_generation", pending.GetProperty("type").GetString());
            Assert.Equal("pending", pending.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, pending.GetProperty("result").ValueKind);
            Assert.Equal(JsonValueKind.Null, pending.GetProperty("error").ValueKind);
            var created = ApiAssert.IsoUtc(pending.GetProperty("created_at").GetString());
            Assert.Equal(created, ApiAssert.IsoUtc(pending.GetProperty("updated_at").GetString()));

            clock.Advance(Queued);
            var processing = await JobAsync(sandbox, id);
            Assert.Equal("processing", processing.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, processing.GetProperty("result").ValueKind);
            Assert.Equal(created + Queued, ApiAssert.IsoUtc(processing.GetProperty("updated_at").GetString()));

            clock.Advance(Processing);
            var completed = await JobAsync(sandbox, id);
            Assert.Equal("completed", completed.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, completed.GetProperty("error").ValueKind);
            var result = completed.GetProperty("result");
            Assert.Equal(new Uri(sandbox.Server.RootUri, $"files/{id}.mp4").ToString(), result.GetProperty("video_url").GetString());
            Assert.Equal(10, result.GetProperty("duration").GetInt32());
            Assert.Equal("kling-v2-1", result.GetProperty("model").GetString());
            Assert.Equal(created, ApiAssert.IsoUtc(completed.GetProperty("created_at").GetString()));
            Assert.Equal(created + Queued + Processing, ApiAssert.IsoUtc(completed.GetProperty("updated_at").GetString()));
        }

        [Fact]
        public async Task Initial_status_can_be_queued()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock, o => o.InitialJobStatus = "queued");
            var id = await sandbox.SubmitAsync();
            Assert.Equal("queued", (await JobAsync(sandbox, id)).GetProperty("status").GetString());
        }

        [Fact]
        public async Task Duration_defaults_to_the_shortest_the_model_allows()
        {
            var clock = new ManualTimeProvider();
            await using var sandbox = await StartAsync(clock);
            var id = await sandbox.SubmitAsync(body: "{\"model\":\"pixverse-v4-5\",\"type\":\"text_to_video\",\"prompt\":\"x\"}");
            clock.Advance(Queued + Processing);
            Assert.Equal(5, (await JobAsync(sandbox, id)).GetProperty("result").GetProperty("duration").GetInt32());
            Assert.Equal(0.20m, sandbox.Server.Ledger.Charged);
        }

        [Fact]
        public async Task Unknown_job_is_404_naming_the_id()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.GetAsync("v1/jobs/job_ffffffffffff");
            ApiAssert.Error(response, 404, "RESOURCE_NOT_FOUND");
            Assert.Contains("job_ffffffffffff", response.Error.GetProperty("message").GetString());
        }

        [Fact]
        public async Task Another_keys_job_is_not_visible()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var id = await sandbox.SubmitAsync(TestSandbox.Live);
            ApiAssert.Error(await sandbox.GetAsync("v1/jobs/" + id, TestSandbox.Test), 404, "RESOURCE_NOT_FOUND");
        }

        [Fact]
        public async Task Real_clock_job_finishes_with_short_timings()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var id = await sandbox.SubmitAsync();
            var done = await sandbox.WaitForStatusAsync(id, "completed");
            Assert.EndsWith($"/files/{id}.mp4", done.Data.GetProperty("result").GetProperty("video_url").GetString());
        }

        [Fact]
        public void Default_timings_finish_a_job_within_about_three_seconds()
        {
            var options = new SandboxOptions();
            Assert.True(options.QueuedDuration > TimeSpan.Zero);
            Assert.True(options.QueuedDuration + options.ProcessingDuration <= TimeSpan.FromSeconds(3));
            Assert.Equal("pending", options.InitialJobStatus);
            Assert.Equal("openapi", options.ErrorCodeStyle);
            Assert.Equal(60, options.RateLimitPermits);
            Assert.Equal(TimeSpan.FromMinutes(1), options.RateLimitWindow);
        }
    }
}
