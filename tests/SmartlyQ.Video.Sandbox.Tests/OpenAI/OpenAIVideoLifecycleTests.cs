using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary>The OpenAI Videos emulator from create to download and delete, as a client sees it.</summary>
    public class OpenAIVideoLifecycleTests
    {
        [Fact]
        public async Task Create_answers_200_with_a_queued_video_of_the_defaults()
        {
            await using var sandbox = await TestSandbox.StartAsync(OpenAIApi.Fast);
            var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

            var response = await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"A calico cat playing a piano on stage\"}");

            Assert.Equal(200, response.Status);
            var video = response.Json;
            Assert.Matches("^video_[0-9a-f]{48}$", video.GetProperty("id").GetString());
            Assert.Equal("video", video.GetProperty("object").GetString());
            Assert.Equal("sora-2", video.GetProperty("model").GetString());
            Assert.Equal("queued", video.GetProperty("status").GetString());
            Assert.Equal(0, video.GetProperty("progress").GetInt32());
            Assert.InRange(video.GetProperty("created_at").GetInt64(), before, before + 5);
            Assert.Equal("4", video.GetProperty("seconds").GetString());
            Assert.Equal("720x1280", video.GetProperty("size").GetString());
            Assert.Equal("A calico cat playing a piano on stage", video.GetProperty("prompt").GetString());
            foreach (var unset in new[] { "completed_at", "expires_at", "remixed_from_video_id", "error" })
                Assert.Equal(JsonValueKind.Null, video.GetProperty(unset).ValueKind);
            Assert.Equal("50", response.Header("openai-poll-after-ms"));
            Assert.StartsWith("req_", response.Header("x-request-id"));
        }

        [Fact]
        public async Task A_video_goes_queued_in_progress_completed_with_times_and_expiry()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => { OpenAIApi.Fast(o); o.ProcessingDuration = TimeSpan.FromMilliseconds(600); });
            var id = await OpenAIApi.CreateIdAsync(sandbox, "{\"prompt\":\"waves\",\"model\":\"sora-2-pro\",\"seconds\":\"8\",\"size\":\"1792x1024\"}");

            var inProgress = await OpenAIApi.WaitForStatusAsync(sandbox, id, "in_progress");
            Assert.InRange(inProgress.Json.GetProperty("progress").GetInt32(), 0, 99);
            Assert.Equal(JsonValueKind.Null, inProgress.Json.GetProperty("completed_at").ValueKind);

            var completed = (await OpenAIApi.WaitForStatusAsync(sandbox, id, "completed")).Json;
            Assert.Equal(100, completed.GetProperty("progress").GetInt32());
            var completedAt = completed.GetProperty("completed_at").GetInt64();
            Assert.True(completedAt >= completed.GetProperty("created_at").GetInt64());
            Assert.Equal(completedAt + 3600, completed.GetProperty("expires_at").GetInt64());
            Assert.Equal("sora-2-pro", completed.GetProperty("model").GetString());
            Assert.Equal("8", completed.GetProperty("seconds").GetString());
            Assert.Equal("1792x1024", completed.GetProperty("size").GetString());
            Assert.Equal(JsonValueKind.Null, completed.GetProperty("error").ValueKind);
        }

        [Fact]
        public async Task With_FailureRate_1_the_video_fails_with_an_error_object_and_the_cost_is_refunded()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => { OpenAIApi.Fast(o); o.FailureRate = 1; o.OpenAI.PricePerSecond = 0.1m; });
            var id = await OpenAIApi.CreateIdAsync(sandbox, "{\"prompt\":\"storm\",\"seconds\":\"8\"}");

            var failed = (await OpenAIApi.WaitForStatusAsync(sandbox, id, "failed")).Json;
            var error = failed.GetProperty("error");
            Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
            Assert.Equal(JsonValueKind.Number, failed.GetProperty("completed_at").ValueKind);
            Assert.Equal(JsonValueKind.Null, failed.GetProperty("expires_at").ValueKind);

            var entries = sandbox.Server.Ledger.Find(jobUid: id);
            Assert.Equal(new[] { "charge", "refund" }, entries.Select(e => e.Kind));
            Assert.All(entries, e => { Assert.Equal("OpenAI", e.Provider); Assert.Equal("USD", e.Currency); Assert.Equal(0.8m, e.Amount); });

            var content = await sandbox.GetAsync(OpenAIApi.Videos + "/" + id + "/content", OpenAIApi.Key);
            OpenAIApi.Error(content, 400, "video_generation_failed", "video_id");
        }

        [Fact]
        public async Task Content_is_the_shared_generated_mp4_with_range_support_and_previews_as_webp_and_jpeg()
        {
            await using var sandbox = await TestSandbox.StartAsync(OpenAIApi.Fast);
            var id = await OpenAIApi.CreateIdAsync(sandbox);
            await OpenAIApi.WaitForStatusAsync(sandbox, id, "completed");

            using var request = new HttpRequestMessage(HttpMethod.Get, OpenAIApi.Videos + "/" + id + "/content");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAIApi.Key);
            request.Headers.Accept.ParseAdd("application/binary");
            using var full = await sandbox.Http.SendAsync(request);
            var bytes = await full.Content.ReadAsByteArrayAsync();
            Assert.Equal(200, (int)full.StatusCode);
            Assert.Equal("video/mp4", full.Content.Headers.ContentType?.MediaType);
            Assert.Equal(sandbox.Server.GetVideoLength(id), bytes.Length);
            Assert.Equal(sandbox.Server.GetVideoSha256(id), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
            Assert.NotNull(full.Headers.GetValues("x-ratelimit-remaining-requests").Single());

            using var ranged = new HttpRequestMessage(HttpMethod.Get, OpenAIApi.Videos + "/" + id + "/content?variant=video");
            ranged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAIApi.Key);
            ranged.Headers.Range = new RangeHeaderValue(100, 199);
            using var part = await sandbox.Http.SendAsync(ranged);
            Assert.Equal(206, (int)part.StatusCode);
            Assert.Equal(bytes.Skip(100).Take(100), await part.Content.ReadAsByteArrayAsync());

            var thumbnail = await GetBytesAsync(sandbox, id, "thumbnail");
            Assert.Equal("image/webp", thumbnail.Type);
            Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(thumbnail.Body, 0, 4));
            Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(thumbnail.Body, 8, 4));
            var sprites = await GetBytesAsync(sandbox, id, "spritesheet");
            Assert.Equal("image/jpeg", sprites.Type);
            Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, sprites.Body.Take(3));
            Assert.Equal(new byte[] { 0xFF, 0xD9 }, sprites.Body.TakeLast(2));
        }

        [Fact]
        public async Task Delete_answers_the_deleted_resource_and_the_video_is_gone_everywhere()
        {
            await using var sandbox = await TestSandbox.StartAsync(OpenAIApi.Fast);
            var id = await OpenAIApi.CreateIdAsync(sandbox);
            await OpenAIApi.WaitForStatusAsync(sandbox, id, "completed");

            var deleted = await sandbox.SendAsync(HttpMethod.Delete, OpenAIApi.Videos + "/" + id, OpenAIApi.Key);

            Assert.Equal(200, deleted.Status);
            Assert.Equal(id, deleted.Json.GetProperty("id").GetString());
            Assert.Equal("video.deleted", deleted.Json.GetProperty("object").GetString());
            Assert.True(deleted.Json.GetProperty("deleted").GetBoolean());
            OpenAIApi.Error(await sandbox.GetAsync(OpenAIApi.Videos + "/" + id, OpenAIApi.Key), 404, "video_not_found", "video_id");
            OpenAIApi.Error(await sandbox.GetAsync(OpenAIApi.Videos + "/" + id + "/content", OpenAIApi.Key), 404, "video_not_found", "video_id");
            OpenAIApi.Error(await sandbox.SendAsync(HttpMethod.Delete, OpenAIApi.Videos + "/" + id, OpenAIApi.Key), 404, "video_not_found", "video_id");
            var list = await sandbox.GetAsync(OpenAIApi.Videos, OpenAIApi.Key);
            Assert.Empty(list.Json.GetProperty("data").EnumerateArray());
            // The money trail stays: deleting is not a refund.
            Assert.Single(sandbox.Server.Ledger.Find(jobUid: id));
        }

        [Fact]
        public async Task A_video_still_being_made_cannot_be_deleted()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.QueuedDuration = TimeSpan.FromMinutes(5));
            var id = await OpenAIApi.CreateIdAsync(sandbox);

            OpenAIApi.Error(await sandbox.SendAsync(HttpMethod.Delete, OpenAIApi.Videos + "/" + id, OpenAIApi.Key), 400, "video_not_ready", "video_id");
            Assert.Equal(200, (await sandbox.GetAsync(OpenAIApi.Videos + "/" + id, OpenAIApi.Key)).Status);
        }

        [Fact]
        public async Task Remix_of_a_completed_video_is_a_new_video_of_the_same_model_size_and_length()
        {
            await using var sandbox = await TestSandbox.StartAsync(OpenAIApi.Fast);
            var source = await OpenAIApi.CreateIdAsync(sandbox, "{\"prompt\":\"a cat\",\"model\":\"sora-2-pro\",\"size\":\"1280x720\",\"seconds\":\"12\"}");
            await OpenAIApi.WaitForStatusAsync(sandbox, source, "completed");

            var remix = await sandbox.PostAsync(OpenAIApi.Videos + "/" + source + "/remix", "{\"prompt\":\"the same cat, now in space\"}", OpenAIApi.Key);

            Assert.True(remix.Status == 200, remix.Raw);
            var video = remix.Json;
            var id = video.GetProperty("id").GetString()!;
            Assert.NotEqual(source, id);
            Assert.Matches("^video_[0-9a-f]{48}$", id);
            Assert.Equal(source, video.GetProperty("remixed_from_video_id").GetString());
            Assert.Equal("the same cat, now in space", video.GetProperty("prompt").GetString());
            Assert.Equal("queued", video.GetProperty("status").GetString());
            Assert.Equal("sora-2-pro", video.GetProperty("model").GetString());
            Assert.Equal("1280x720", video.GetProperty("size").GetString());
            Assert.Equal("12", video.GetProperty("seconds").GetString());
            var done = (await OpenAIApi.WaitForStatusAsync(sandbox, id, "completed")).Json;
            Assert.Equal(source, done.GetProperty("remixed_from_video_id").GetString());
            Assert.Single(sandbox.Server.Ledger.Find(jobUid: id));
        }

        [Fact]
        public async Task Remix_needs_a_completed_source_and_a_prompt()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.QueuedDuration = TimeSpan.FromMinutes(5));
            var queued = await OpenAIApi.CreateIdAsync(sandbox);

            OpenAIApi.Error(await sandbox.PostAsync(OpenAIApi.Videos + "/" + queued + "/remix", "{\"prompt\":\"x\"}", OpenAIApi.Key), 400, "video_not_ready", "video_id");
            OpenAIApi.Error(await sandbox.PostAsync(OpenAIApi.Videos + "/" + queued + "/remix", "{}", OpenAIApi.Key), 400, "missing_required_parameter", "prompt");
            OpenAIApi.Error(await sandbox.PostAsync(OpenAIApi.Videos + "/video_" + new string('0', 48) + "/remix", "{\"prompt\":\"x\"}", OpenAIApi.Key), 404, "video_not_found", "video_id");
        }

        [Fact]
        public async Task Multipart_create_with_an_uploaded_image_or_an_image_url_object_works_like_json()
        {
            await using var sandbox = await TestSandbox.StartAsync(OpenAIApi.Fast);

            using var upload = new MultipartFormDataContent
            {
                { new StringContent("A cat on a piano"), "prompt" },
                { new StringContent("sora-2"), "model" },
                { new StringContent("8"), "seconds" },
                { new StringContent("1280x720"), "size" },
            };
            var image = new ByteArrayContent(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 });
            image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            upload.Add(image, "input_reference", "first-frame.png");
            var withFile = await OpenAIApi.PostMultipartAsync(sandbox, OpenAIApi.Videos, upload);
            Assert.True(withFile.Status == 200, withFile.Raw);
            Assert.Equal("8", withFile.Json.GetProperty("seconds").GetString());
            Assert.Equal("1280x720", withFile.Json.GetProperty("size").GetString());

            // How the SDK encodes an object in a form: input_reference[image_url].
            using var byUrl = new MultipartFormDataContent
            {
                { new StringContent("A cat"), "prompt" },
                { new StringContent("https://example.com/cat.png"), "input_reference[image_url]" },
            };
            Assert.Equal(200, (await OpenAIApi.PostMultipartAsync(sandbox, OpenAIApi.Videos, byUrl)).Status);

            var json = await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"A cat\",\"input_reference\":{\"file_id\":\"file-123\"}}");
            Assert.True(json.Status == 200, json.Raw);
            var dataUrl = await OpenAIApi.CreateAsync(sandbox, "{\"prompt\":\"A cat\",\"input_reference\":{\"image_url\":\"data:image/jpeg;base64,/9j/4AAQ\"}}");
            Assert.True(dataUrl.Status == 200, dataUrl.Raw);
        }

        private static async Task<(string? Type, byte[] Body)> GetBytesAsync(TestSandbox sandbox, string id, string variant)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{OpenAIApi.Videos}/{id}/content?variant={variant}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAIApi.Key);
            using var response = await sandbox.Http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
            return (response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
        }
    }
}
