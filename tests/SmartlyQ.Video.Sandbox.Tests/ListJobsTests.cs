using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class ListJobsTests
    {
        private static async Task<(TestSandbox Sandbox, List<string> Ids)> StartWithJobsAsync(int count)
        {
            var sandbox = await TestSandbox.StartAsync(o => o.TimeProvider = new ManualTimeProvider());
            var ids = new List<string>();
            for (var i = 0; i < count; i++) ids.Add(await sandbox.SubmitAsync(TestSandbox.Test));
            return (sandbox, ids);
        }

        private static string[] Ids(ApiResponse response) => response.Data.EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToArray();

        private static void AssertPagination(ApiResponse response, int page, int perPage, int total, int pages)
        {
            var pagination = response.Json.GetProperty("pagination");
            Assert.Equal(page, pagination.GetProperty("page").GetInt32());
            Assert.Equal(perPage, pagination.GetProperty("per_page").GetInt32());
            Assert.Equal(total, pagination.GetProperty("total").GetInt32());
            Assert.Equal(pages, pagination.GetProperty("pages").GetInt32());
        }

        [Fact]
        public async Task Pages_are_newest_first_with_top_level_pagination()
        {
            var (sandbox, ids) = await StartWithJobsAsync(25);
            await using var _ = sandbox;
            ids.Reverse();

            var page1 = await sandbox.GetAsync("v1/jobs?page=1&per_page=10", TestSandbox.Test);
            var page3 = await sandbox.GetAsync("v1/jobs?page=3&per_page=10", TestSandbox.Test);
            var page4 = await sandbox.GetAsync("v1/jobs?page=4&per_page=10", TestSandbox.Test);

            ApiAssert.Success(page1);
            Assert.Equal(ids.Take(10), Ids(page1));
            AssertPagination(page1, 1, 10, 25, 3);
            Assert.Equal(ids.Skip(20), Ids(page3));
            ApiAssert.Success(page4);
            Assert.Empty(Ids(page4));
            AssertPagination(page4, 4, 10, 25, 3);
        }

        [Fact]
        public async Task Per_page_defaults_to_20()
        {
            var (sandbox, _) = await StartWithJobsAsync(22);
            await using var __ = sandbox;
            var response = await sandbox.GetAsync("v1/jobs", TestSandbox.Test);
            Assert.Equal(20, Ids(response).Length);
            AssertPagination(response, 1, 20, 22, 2);
        }

        [Fact]
        public async Task Status_and_type_filter_the_list()
        {
            var (sandbox, ids) = await StartWithJobsAsync(4);
            await using var _ = sandbox;
            await sandbox.PostAsync($"v1/jobs/{ids[1]}/cancel", null, TestSandbox.Test);
            await sandbox.PostAsync($"v1/jobs/{ids[3]}/cancel", null, TestSandbox.Test);

            var cancelled = await sandbox.GetAsync("v1/jobs?status=cancelled", TestSandbox.Test);
            Assert.Equal(new[] { ids[3], ids[1] }, Ids(cancelled));
            AssertPagination(cancelled, 1, 20, 2, 1);
            Assert.Equal(new[] { ids[2], ids[0] }, Ids(await sandbox.GetAsync("v1/jobs?status=pending", TestSandbox.Test)));
            Assert.Equal(4, Ids(await sandbox.GetAsync("v1/jobs?type=video_generation", TestSandbox.Test)).Length);
            Assert.Empty(Ids(await sandbox.GetAsync("v1/jobs?type=article_generation", TestSandbox.Test)));
        }

        [Fact]
        public async Task Only_the_callers_jobs_are_listed()
        {
            var (sandbox, ids) = await StartWithJobsAsync(2);
            await using var _ = sandbox;
            var liveId = await sandbox.SubmitAsync(TestSandbox.Live);

            Assert.Equal(new[] { liveId }, Ids(await sandbox.GetAsync("v1/jobs")));
            Assert.DoesNotContain(liveId, Ids(await sandbox.GetAsync("v1/jobs", TestSandbox.Test)));
        }

        [Theory]
        [InlineData("per_page=101", "per_page")]
        [InlineData("per_page=0", "per_page")]
        [InlineData("page=0", "page")]
        [InlineData("page=-1", "page")]
        [InlineData("page=abc", "page")]
        [InlineData("status=done", "status")]
        public async Task Bad_paging_or_filters_are_422(string query, string field)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.GetAsync("v1/jobs?" + query);
            ApiAssert.Error(response, 422, "VALIDATION_ERROR");
            Assert.True(response.Error.GetProperty("details").TryGetProperty(field, out _), response.Raw);
        }

        [Fact]
        public async Task Per_page_100_is_allowed()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            ApiAssert.Success(await sandbox.GetAsync("v1/jobs?per_page=100"));
        }
    }
}
