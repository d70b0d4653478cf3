using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class ValidationTests
    {
        private static string KlingWith(string field, JsonNode? value) => With(Bodies.Kling5, field, value);

        private static string With(string body, string field, JsonNode? value)
        {
            var node = JsonNode.Parse(body)!.AsObject();
            if (value == null) node.Remove(field);
            else node[field] = value;
            return node.ToJsonString();
        }

        public static IEnumerable<object?[]> InvalidBodies()
        {
            // body, offending field, text the message must contain (allowed values or limit)
            yield return new object?[] { KlingWith("model", "kling-v9"), "model", "kling-v2-1" };
            yield return new object?[] { KlingWith("model", null), "model", "kling-v2-1" };
            yield return new object?[] { KlingWith("type", null), "type", "text_to_video" };
            yield return new object?[] { KlingWith("type", "video_to_video"), "type", "image_to_video" };
            yield return new object?[] { KlingWith("prompt", null), "prompt", "text_to_video" };
            yield return new object?[] { KlingWith("prompt", "   "), "prompt", "text_to_video" };
            yield return new object?[] { KlingWith("prompt", new string('a', 2501)), "prompt", "2500" };
            yield return new object?[] { With(Bodies.Pixverse, "image_url", null), "image_url", "image_to_video" };
            yield return new object?[] { With(Bodies.Pixverse, "image_url", "not a url"), "image_url", "http" };
            yield return new object?[] { KlingWith("duration", 7), "duration", "5, 10" };
            yield return new object?[] { KlingWith("duration", "10"), "duration", "5, 10" };
            yield return new object?[] { KlingWith("resolution", "4k"), "resolution", "720p, 1080p" };
            yield return new object?[] { KlingWith("mode", "Turbo"), "mode", "Standard, Professional" };
            yield return new object?[] { With(Bodies.Pixverse, "mode", "Standard"), "mode", "pixverse-v4-5" };
            yield return new object?[] { KlingWith("aspect_ratio", "4:3"), "aspect_ratio", "16:9, 9:16, 1:1" };
            yield return new object?[] { KlingWith("style", "Anime"), "style", "kling-v2-1" };
            yield return new object?[] { With(Bodies.Pixverse, "style", "Watercolor"), "style", "Anime, Cyberpunk" };
            yield return new object?[] { KlingWith("movement", "Auto"), "movement", "kling-v2-1" };
            yield return new object?[] { With(Bodies.Pixverse, "movement", "Huge"), "movement", "Auto, Small, Medium, Large" };
            yield return new object?[] { With(KlingWith("model", "seedance-1-pro"), "negative_prompt", "blur"), "negative_prompt", "seedance-1-pro" };
            yield return new object?[] { KlingWith("seed", 42), "seed", "kling-v2-1" };
            yield return new object?[] { KlingWith("generate_audio", true), "generate_audio", "kling-v2-1" };
            yield return new object?[] { KlingWith("camera_fixed", false), "camera_fixed", "kling-v2-1" };
        }

        [Theory]
        [MemberData(nameof(InvalidBodies))]
        public async Task Each_offending_field_is_named_in_details(string body, string field, string mustMention)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.PostAsync("v1/videos/generate", body);

            ApiAssert.Error(response, 422, "VALIDATION_ERROR");
            var details = response.Error.GetProperty("details");
            Assert.True(details.TryGetProperty(field, out var message), $"details lacks '{field}': {response.Raw}");
            Assert.Contains(mustMention, message.GetString());
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }

        [Fact]
        public async Task Type_not_offered_by_the_model_is_rejected()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Models.Add(new SandboxModel
            {
                Model = "text-only", Name = "Text only", Types = { "text_to_video" }, Duration = { 4 }, PricePerSecond = 0.01m,
            }));
            var body = With(Bodies.Pixverse, "model", "text-only");
            var response = await sandbox.PostAsync("v1/videos/generate", With(body, "style", null));

            ApiAssert.Error(response, 422, "VALIDATION_ERROR");
            Assert.Contains("text_to_video", response.Error.GetProperty("details").GetProperty("type").GetString());
        }

        [Fact]
        public async Task Every_offending_field_is_reported_at_once()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var body = "{\"model\":\"kling-v2-1\",\"type\":\"text_to_video\",\"duration\":3,\"resolution\":\"8k\",\"seed\":1,\"style\":\"Anime\"}";
            var response = await sandbox.PostAsync("v1/videos/generate", body);

            ApiAssert.Error(response, 422, "VALIDATION_ERROR");
            var fields = response.Error.GetProperty("details").EnumerateObject().Select(p => p.Name).OrderBy(n => n);
            Assert.Equal(new[] { "duration", "prompt", "resolution", "seed", "style" }, fields);
        }

        [Theory]
        [InlineData("{\"model\":\"veo-3\",\"type\":\"text_to_video\",\"prompt\":\"waves\",\"generate_audio\":true,\"seed\":7,\"negative_prompt\":\"text\"}")]
        [InlineData("{\"model\":\"seedance-1-pro\",\"type\":\"image_to_video\",\"image_url\":\"https://example.com/a.png\",\"camera_fixed\":true,\"seed\":3,\"aspect_ratio\":\"21:9\"}")]
        [InlineData("{\"model\":\"pixverse-v4-5\",\"type\":\"text_to_video\",\"prompt\":\"city\",\"movement\":\"Large\",\"style\":\"Cyberpunk\",\"duration\":8,\"seed\":null,\"unknown_extra\":1}")]
        [InlineData(Bodies.Kling10)]
        [InlineData(Bodies.Pixverse)]
        public async Task Values_the_model_supports_are_accepted(string body)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            ApiAssert.Success(await sandbox.PostAsync("v1/videos/generate", body), 202);
        }

        [Theory]
        [InlineData("{\"model\":\"kling-v2-1\",")]
        [InlineData("not json")]
        [InlineData("")]
        [InlineData("[1,2]")]
        [InlineData("\"text\"")]
        public async Task Malformed_or_non_object_body_is_400(string body)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var response = await sandbox.PostAsync("v1/videos/generate", body);
            ApiAssert.Error(response, 400, "BAD_REQUEST");
            Assert.Empty(sandbox.Server.Ledger.Entries);
        }
    }
}
