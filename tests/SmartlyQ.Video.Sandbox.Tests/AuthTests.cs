using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class AuthTests
    {
        private const string VideosOnly = "sqk_live_videos_only";
        private const string ReadOnly = "sqk_live_videos_read";
        private const string JobsOnly = "sqk_test_jobs_only";
        private const string NoScopes = "sqk_test_no_scopes";

        private static Task<TestSandbox> StartWithScopedKeysAsync() => TestSandbox.StartAsync(o =>
        {
            o.Keys.Add(new SandboxKey { Key = VideosOnly, Scopes = new List<string> { "videos:read", "videos:write" } });
            o.Keys.Add(new SandboxKey { Key = ReadOnly, Scopes = new List<string> { "videos:read" } });
            o.Keys.Add(new SandboxKey { Key = JobsOnly, Scopes = new List<string> { "jobs:read" } });
            o.Keys.Add(new SandboxKey { Key = NoScopes, Scopes = new List<string>() });
        });

        [Theory]
        [InlineData(null)]
        [InlineData("sqk_live_unknown_key")]
        [InlineData("not-even-a-key")]
        public async Task Missing_or_unknown_key_is_401_on_every_route(string? key)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            foreach (var path in new[] { "v1/me", "v1/me/balance", "v1/videos/models", "v1/jobs", "v1/jobs/job_000000000000" })
                ApiAssert.Error(await sandbox.GetAsync(path, key), 401, "UNAUTHORIZED");
            ApiAssert.Error(await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, key), 401, "UNAUTHORIZED");
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Non_bearer_scheme_is_401()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.SendAsync(HttpMethod.Get, "v1/me", key: null,
                headers: new Dictionary<string, string> { ["Authorization"] = "Basic " + TestSandbox.Live });
            ApiAssert.Error(response, 401, "UNAUTHORIZED");
        }

        [Theory]
        [InlineData(JobsOnly, "GET", "v1/videos/models", "videos:read")]
        [InlineData(ReadOnly, "POST", "v1/videos/generate", "videos:write")]
        [InlineData(JobsOnly, "POST", "v1/videos/generate", "videos:write")]
        [InlineData(VideosOnly, "GET", "v1/jobs", "jobs:read")]
        [InlineData(VideosOnly, "GET", "v1/jobs/job_000000000000", "jobs:read")]
        [InlineData(VideosOnly, "POST", "v1/jobs/job_000000000000/cancel", "jobs:read")]
        public async Task Valid_key_without_the_scope_is_403_naming_it(string key, string method, string path, string scope)
        {
            await using var sandbox = await StartWithScopedKeysAsync();
            var body = method == "POST" ? Bodies.Kling5 : null;
            var response = await sandbox.SendAsync(new HttpMethod(method), path, key, body);

            ApiAssert.Error(response, 403, "FORBIDDEN");
            Assert.Contains(scope, response.Error.GetProperty("message").GetString());
            Assert.Equal(scope, response.Error.GetProperty("details").GetProperty("required_scope").GetString());
        }

        [Fact]
        public async Task Keys_with_the_right_scope_pass()
        {
            await using var sandbox = await StartWithScopedKeysAsync();
            ApiAssert.Success(await sandbox.GetAsync("v1/videos/models", ReadOnly));
            ApiAssert.Success(await sandbox.PostAsync("v1/videos/generate", Bodies.Kling5, VideosOnly), 202);
            ApiAssert.Success(await sandbox.GetAsync("v1/jobs", JobsOnly));
        }

        [Fact]
        public async Task Account_routes_need_only_a_valid_key()
        {
            await using var sandbox = await StartWithScopedKeysAsync();
            ApiAssert.Success(await sandbox.GetAsync("v1/me", NoScopes));
            ApiAssert.Success(await sandbox.GetAsync("v1/me/balance", NoScopes));
            ApiAssert.Error(await sandbox.GetAsync("v1/videos/models", NoScopes), 403, "FORBIDDEN");
        }

        [Fact]
        public async Task Me_reports_mode_prefix_and_scopes_of_the_key()
        {
            await using var sandbox = await StartWithScopedKeysAsync();

            var live = await sandbox.GetAsync("v1/me");
            var liveKey = live.Data.GetProperty("api_key");
            Assert.Equal("live", liveKey.GetProperty("mode").GetString());
            Assert.Equal("sqk_live_", liveKey.GetProperty("prefix").GetString());
            var allScopes = liveKey.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Contains("videos:write", allScopes);
            Assert.Contains("jobs:read", allScopes);
            Assert.Equal(42, live.Data.GetProperty("workspaces")[0].GetProperty("id").GetInt32());
            Assert.False(string.IsNullOrEmpty(live.Data.GetProperty("name").GetString()));

            var test = await sandbox.GetAsync("v1/me", JobsOnly);
            Assert.Equal("test", test.Data.GetProperty("api_key").GetProperty("mode").GetString());
            Assert.Equal("sqk_test_", test.Data.GetProperty("api_key").GetProperty("prefix").GetString());
            Assert.Equal(new[] { "jobs:read" }, test.Data.GetProperty("api_key").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
            Assert.DoesNotContain(TestSandbox.Live, live.Raw);
        }
    }
}
