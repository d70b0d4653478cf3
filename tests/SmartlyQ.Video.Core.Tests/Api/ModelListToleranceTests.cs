using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    /// <summary>GET /videos/models with the field names of shared/api/smartlyq.md §7.2.</summary>
    public class ModelListToleranceTests
    {
        private static async Task<IReadOnlyList<VideoModel>> List(string body)
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok(body));
            return await harness.Client.ListModelsAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Documented_example_is_read_field_by_field()
        {
            var models = await List("{\"success\":true,\"data\":[{\"model\":\"pixverse-v4-5\",\"name\":\"Pixverse v4.5\",\"types\":[\"text_to_video\",\"image_to_video\"],\"duration\":[5,8],\"resolution\":[\"540p\",\"720p\",\"1080p\"],\"mode\":[],\"aspect_ratio\":[\"16:9\",\"9:16\",\"1:1\"],\"style\":[\"Anime\",\"Cyberpunk\"],\"movement\":[\"Auto\",\"Small\",\"Medium\",\"Large\"],\"prompt_max_length\":2048,\"supports_negative_prompt\":true,\"supports_seed\":true,\"supports_generate_audio\":false,\"supports_camera_fixed\":true}],\"meta\":{\"request_id\":\"req_m\"}}");

            VideoModel m = Assert.Single(models);
            Assert.Equal("pixverse-v4-5", m.Model);
            Assert.Equal("Pixverse v4.5", m.Name);
            Assert.Equal(new[] { "text_to_video", "image_to_video" }, m.Types);
            Assert.Equal(new[] { 5, 8 }, m.Duration);
            Assert.Equal(new[] { "540p", "720p", "1080p" }, m.Resolution);
            Assert.Empty(m.Mode);
            Assert.Equal(new[] { "16:9", "9:16", "1:1" }, m.AspectRatio);
            Assert.Equal(new[] { "Anime", "Cyberpunk" }, m.Style);
            Assert.Equal(new[] { "Auto", "Small", "Medium", "Large" }, m.Movement);
            Assert.Equal(2048, m.PromptMaxLength);
            Assert.True(m.SupportsNegativePrompt);
            Assert.True(m.SupportsSeed);
            Assert.False(m.SupportsGenerateAudio);
            Assert.True(m.SupportsCameraFixed);
        }

        [Fact]
        public async Task Missing_lists_are_empty_and_missing_flags_false()
        {
            var models = await List("{\"success\":true,\"data\":[{\"model\":\"kling-v2-1\",\"name\":\"Kling v2.1\",\"duration\":null}]}");

            VideoModel m = Assert.Single(models);
            Assert.Empty(m.Types);
            Assert.Empty(m.Duration);
            Assert.Empty(m.Resolution);
            Assert.Empty(m.Mode);
            Assert.Empty(m.AspectRatio);
            Assert.Empty(m.Style);
            Assert.Empty(m.Movement);
            Assert.Null(m.PromptMaxLength);
            Assert.False(m.SupportsSeed);
        }

        [Fact]
        public async Task Durations_sent_as_strings_and_entries_without_an_id_are_handled()
        {
            var models = await List("{\"success\":true,\"data\":[{\"model\":\"a\",\"duration\":[\"5\",\"10\"]},{\"name\":\"no id\"},{\"id\":\"b\"}]}");

            Assert.Equal(new[] { "a", "b" }, new[] { models[0].Model, models[1].Model });
            Assert.Equal(new[] { 5, 10 }, models[0].Duration);
            Assert.Equal("b", models[1].Name);
        }
    }
}
