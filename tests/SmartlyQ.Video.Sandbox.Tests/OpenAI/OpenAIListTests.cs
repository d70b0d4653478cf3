using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary><c>GET /videos</c>: a cursor page of the key's videos (limit/after/order, first_id/last_id/has_more).</summary>
    public class OpenAIListTests
    {
        private static async Task<List<string>> CreateManyAsync(TestSandbox sandbox, int count)
        {
            var ids = new List<string>();
            for (var i = 0; i < count; i++) ids.Add(await OpenAIApi.CreateIdAsync(sandbox, $"{{\"prompt\":\"video {i}\"}}"));
            return ids;
        }

        private static List<string> Ids(ApiResponse page) =>
            page.Json.GetProperty("data").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToList();

        [Fact]
        public async Task Newest_first_by_default_and_walking_after_last_id_visits_every_video_once()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var created = await CreateManyAsync(sandbox, 5);

            var seen = new List<string>();
            string? after = null;
            var pages = 0;
            while (true)
            {
                var page = await sandbox.GetAsync(OpenAIApi.Videos + "?limit=2" + (after == null ? "" : "&after=" + after), OpenAIApi.Key);
                Assert.Equal(200, page.Status);
                Assert.Equal("list", page.Json.GetProperty("object").GetString());
                var ids = Ids(page);
                Assert.Equal(ids[0], page.Json.GetProperty("first_id").GetString());
                Assert.Equal(ids[^1], page.Json.GetProperty("last_id").GetString());
                seen.AddRange(ids);
                pages++;
                if (!page.Json.GetProperty("has_more").GetBoolean()) break;
                after = page.Json.GetProperty("last_id").GetString();
            }

            Assert.Equal(3, pages);
            Assert.Equal(Enumerable.Reverse(created), seen);
        }

        [Fact]
        public async Task Order_asc_is_oldest_first_and_a_full_page_says_no_more()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var created = await CreateManyAsync(sandbox, 3);

            var asc = await sandbox.GetAsync(OpenAIApi.Videos + "?order=asc&limit=3", OpenAIApi.Key);
            Assert.Equal(created, Ids(asc));
            Assert.False(asc.Json.GetProperty("has_more").GetBoolean());

            var afterFirst = await sandbox.GetAsync(OpenAIApi.Videos + "?order=asc&after=" + created[0], OpenAIApi.Key);
            Assert.Equal(created.Skip(1), Ids(afterFirst));
        }

        [Fact]
        public async Task An_empty_list_has_null_first_and_last_ids()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var empty = await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key);

            Assert.Equal(200, empty.Status);
            Assert.Empty(Ids(empty));
            Assert.Equal(JsonValueKind.Null, empty.Json.GetProperty("first_id").ValueKind);
            Assert.Equal(JsonValueKind.Null, empty.Json.GetProperty("last_id").ValueKind);
            Assert.False(empty.Json.GetProperty("has_more").GetBoolean());
        }

        [Fact]
        public async Task A_cursor_of_a_deleted_video_still_continues_the_walk()
        {
            await using var sandbox = await TestSandbox.StartAsync(OpenAIApi.Fast);
            var created = await CreateManyAsync(sandbox, 3);
            await OpenAIApi.WaitForStatusAsync(sandbox, created[1], "completed");
            Assert.Equal(200, (await sandbox.SendAsync(System.Net.Http.HttpMethod.Delete, OpenAIApi.Videos + "/" + created[1], OpenAIApi.Key)).Status);

            var page = await sandbox.GetAsync(OpenAIApi.Videos + "?after=" + created[1], OpenAIApi.Key);

            Assert.Equal(new[] { created[0] }, Ids(page));
        }

        [Theory]
        [InlineData("limit=101", "limit", "integer_above_max_value")]
        [InlineData("limit=-1", "limit", "integer_below_min_value")]
        [InlineData("limit=ten", "limit", "invalid_type")]
        [InlineData("order=newest", "order", "invalid_value")]
        [InlineData("after=video_000000000000000000000000000000000000000000000000", "after", "invalid_value")]
        public async Task Bad_query_parameters_are_400(string query, string param, string code)
        {
            await using var sandbox = await TestSandbox.StartAsync();

            OpenAIApi.Error(await sandbox.GetAsync(OpenAIApi.Videos + "?" + query, OpenAIApi.Key), 400, code, param);
        }
    }
}
