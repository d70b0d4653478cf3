using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class EnvelopeTests
    {
        [Fact]
        public async Task Every_success_route_answers_the_success_envelope_with_meta()
        {
            // Long queue time so the job is still cancellable at the end.
            await using var sandbox = await TestSandbox.StartAsync(o => o.QueuedDuration = System.TimeSpan.FromMinutes(5));
            var accepted = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5);
            ApiAssert.Success(accepted, 202);
            var jobId = accepted.Data.GetProperty("job_uid").GetString();

            foreach (var path in new[] { "v1/me", "v1/me/balance", "v1/videos/models", "v1/jobs", "v1/jobs/" + jobId })
                ApiAssert.Success(await sandbox.GetAsync(path));
            ApiAssert.Success(await sandbox.PostAsync($"v1/jobs/{jobId}/cancel", null));
        }

        [Fact]
        public async Task Accepted_generate_answers_exactly_job_uid_queued_and_usage_strings()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.PostAsync("v1/videos/generate", Bodies.Kling10);

            ApiAssert.Success(response, 202);
            Assert.Equal(new[] { "job_uid", "status" }, response.Data.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
            Assert.Matches("^job_[0-9a-f]{12}$", response.Data.GetProperty("job_uid").GetString());
            Assert.Equal("queued", response.Data.GetProperty("status").GetString());
            var usage = response.Json.GetProperty("usage");
            Assert.Equal(1, usage.GetProperty("units").GetInt32());
            Assert.Equal("0.5600", usage.GetProperty("cost").GetString());
            Assert.Equal("99.4400", usage.GetProperty("balance_remaining").GetString());
        }

        [Fact]
        public async Task Request_ids_are_unique_per_response_and_match_the_header()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var ids = new HashSet<string>();
            for (var i = 0; i < 5; i++)
            {
                var response = await sandbox.GetAsync("v1/me");
                ApiAssert.Meta(response);
                Assert.True(ids.Add(response.Json.GetProperty("meta").GetProperty("request_id").GetString()!));
            }
        }

        [Fact]
        public async Task Unknown_route_and_wrong_method_answer_error_envelopes()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            ApiAssert.Error(await sandbox.GetAsync("v1/no-such-thing"), 404, "RESOURCE_NOT_FOUND");
            ApiAssert.Error(await sandbox.SendAsync(HttpMethod.Delete, "v1/me"), 405, "BAD_REQUEST");
        }

        [Fact]
        public async Task Error_envelope_has_code_message_details_and_meta_but_no_data()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.GetAsync("v1/me", key: null);
            ApiAssert.Error(response, 401, "UNAUTHORIZED");
            Assert.False(response.Json.TryGetProperty("data", out _));
            Assert.Equal(JsonValueKind.Object, response.Error.GetProperty("details").ValueKind);
        }
    }
}
