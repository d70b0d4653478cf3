using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary>
    /// Every <c>VideoResource</c>, <c>VideoListResource</c> and <c>DeletedVideoResource</c> the emulator returns, in every
    /// status, checked against OpenAI's own OpenAPI extract (<c>../shared/api/sources/openai-videos-openapi.yaml</c>):
    /// exactly the required members, each of the right JSON type and enum.
    /// </summary>
    public class OpenAISchemaConformanceTests
    {
        private static readonly Lazy<OpenApiSchema> Spec = new Lazy<OpenApiSchema>(() =>
            OpenApiSchema.Load(SharedApiFiles.Path("sources/openai-videos-openapi.yaml")));

        private readonly List<(string Schema, string What, JsonElement Body)> _answers = new List<(string, string, JsonElement)>();

        private void Record(string path, string method, string what, ApiResponse response)
        {
            Assert.True(response.Status == 200, $"{what}: {response.Status} {response.Raw}");
            _answers.Add((Spec.Value.ResponseSchemaName(path, method), what, response.Json));
        }

        [Fact]
        public void The_spec_extract_is_found_and_names_the_three_answer_schemas()
        {
            Assert.Equal("VideoResource", Spec.Value.ResponseSchemaName("/videos", "post"));
            Assert.Equal("VideoResource", Spec.Value.ResponseSchemaName("/videos/{video_id}", "get"));
            Assert.Equal("VideoResource", Spec.Value.ResponseSchemaName("/videos/{video_id}/remix", "post"));
            Assert.Equal("VideoListResource", Spec.Value.ResponseSchemaName("/videos", "get"));
            Assert.Equal("DeletedVideoResource", Spec.Value.ResponseSchemaName("/videos/{video_id}", "delete"));
            Assert.Equal(13, Spec.Value.Required("VideoResource").Count);
        }

        [Fact]
        public async Task Every_answer_in_every_status_conforms_exactly()
        {
            var clock = new ManualTimeProvider();
            await using (var sandbox = await TestSandbox.StartAsync(o => o.TimeProvider = clock))
            {
                var created = await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"json\",\"model\":\"sora-2-pro\",\"seconds\":\"12\",\"size\":\"1792x1024\",\"input_reference\":{\"image_url\":\"https://example.com/a.png\"}}");
                Record("/videos", "post", "create (JSON, queued)", created);
                var id = created.Json.GetProperty("id").GetString()!;

                using var form = new MultipartFormDataContent { { new StringContent("multipart"), "prompt" }, { new StringContent("8"), "seconds" } };
                Record("/videos", "post", "create (multipart)", await OpenAIApi.PostMultipartAsync(sandbox, OpenAIApi.Videos, form));
                Record("/videos", "get", "list (queued)", await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key));
                Record("/videos/{video_id}", "get", "retrieve (queued)", await sandbox.GetAsync(OpenAIApi.Videos + "/" + id, OpenAIApi.Key));

                clock.Advance(TimeSpan.FromMilliseconds(150));
                var inProgress = await sandbox.GetAsync(OpenAIApi.Videos + "/" + id, OpenAIApi.Key);
                Assert.Equal("in_progress", inProgress.Json.GetProperty("status").GetString());
                Record("/videos/{video_id}", "get", "retrieve (in_progress)", inProgress);

                clock.Advance(TimeSpan.FromSeconds(1));
                var completed = await sandbox.GetAsync(OpenAIApi.Videos + "/" + id, OpenAIApi.Key);
                Assert.Equal("completed", completed.Json.GetProperty("status").GetString());
                Record("/videos/{video_id}", "get", "retrieve (completed)", completed);
                Record("/videos/{video_id}/remix", "post", "remix", await sandbox.PostAsync(OpenAIApi.Videos + "/" + id + "/remix", "{\"prompt\":\"again\"}", OpenAIApi.Key));
                Record("/videos", "get", "list (mixed, limit 2)", await sandbox.GetAsync(OpenAIApi.Videos + "?limit=2&order=asc", OpenAIApi.Key));
                Record("/videos/{video_id}", "delete", "delete", await sandbox.SendAsync(HttpMethod.Delete, OpenAIApi.Videos + "/" + id, OpenAIApi.Key));
                Record("/videos", "get", "list (empty page)", await sandbox.GetAsync(OpenAIApi.Videos + "?limit=0", OpenAIApi.Key));

                await AssertContentTypesAsync(sandbox, OpenAIApi.Videos + "/" + (await OpenAIApi.CreateIdAsync(sandbox)), clock);
            }

            await using (var failing = await TestSandbox.StartAsync(o => { o.TimeProvider = clock; o.FailureRate = 1; }))
            {
                var id = await OpenAIApi.CreateIdAsync(failing);
                clock.Advance(TimeSpan.FromSeconds(1));
                var failed = await failing.GetAsync(OpenAIApi.Videos + "/" + id, OpenAIApi.Key);
                Assert.Equal("failed", failed.Json.GetProperty("status").GetString());
                Record("/videos/{video_id}", "get", "retrieve (failed)", failed);
                Record("/videos", "get", "list (failed)", await failing.GetAsync(OpenAIApi.Videos, OpenAIApi.Key));
            }

            var problems = new List<string>();
            foreach (var (schema, what, body) in _answers)
            {
                problems.AddRange(Spec.Value.Validate(schema, body).Select(p => $"{what} ({schema}): {p}"));
                // "Exactly the required properties": nothing optional left out, nothing extra.
                Assert.Equal(Spec.Value.Required(schema).OrderBy(n => n, StringComparer.Ordinal),
                    body.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
                if (schema == "VideoListResource")
                {
                    foreach (var video in body.GetProperty("data").EnumerateArray())
                        Assert.Equal(Spec.Value.Required("VideoResource").OrderBy(n => n, StringComparer.Ordinal),
                            video.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
                }
            }
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            Assert.Equal(new[] { "completed", "failed", "in_progress", "queued" },
                _answers.Where(a => a.Schema == "VideoResource").Select(a => a.Body.GetProperty("status").GetString()).Distinct().OrderBy(s => s, StringComparer.Ordinal));
        }

        [Fact]
        public void The_checker_rejects_what_the_spec_forbids()
        {
            using var extra = JsonDocument.Parse("{\"id\":\"video_1\",\"object\":\"video.deleted\",\"deleted\":true,\"extra\":1}");
            using var missing = JsonDocument.Parse("{\"object\":\"video.deleted\",\"deleted\":true}");
            using var badEnum = JsonDocument.Parse("{\"id\":\"video_1\",\"object\":\"video\",\"deleted\":true}");
            using var badType = JsonDocument.Parse("{\"object\":\"list\",\"data\":[],\"first_id\":1,\"last_id\":null,\"has_more\":false}");

            Assert.NotEmpty(Spec.Value.Validate("DeletedVideoResource", extra.RootElement));
            Assert.NotEmpty(Spec.Value.Validate("DeletedVideoResource", missing.RootElement));
            Assert.NotEmpty(Spec.Value.Validate("DeletedVideoResource", badEnum.RootElement));
            Assert.NotEmpty(Spec.Value.Validate("VideoListResource", badType.RootElement));
        }

        /// <summary>The video and thumbnail variants come with a content type the spec lists for <c>/content</c>.</summary>
        private static async Task AssertContentTypesAsync(TestSandbox sandbox, string videoPath, ManualTimeProvider clock)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var listed = Spec.Value.ResponseContentTypes("/videos/{video_id}/content", "get");
            foreach (var variant in new[] { "video", "thumbnail" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, videoPath + "/content?variant=" + variant);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAIApi.Key);
                using var response = await sandbox.Http.SendAsync(request);
                Assert.Equal(200, (int)response.StatusCode);
                Assert.Contains(response.Content.Headers.ContentType?.MediaType, listed);
            }
        }
    }
}
