using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class ModelsTests
    {
        private static string[] Strings(JsonElement model, string field) => model.GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
        private static int[] Ints(JsonElement model, string field) => model.GetProperty(field).EnumerateArray().Select(e => e.GetInt32()).ToArray();

        private static async Task<JsonElement[]> CatalogAsync(TestSandbox sandbox)
        {
            var response = await sandbox.GetAsync("v1/videos/models");
            ApiAssert.Success(response);
            return response.Data.EnumerateArray().ToArray();
        }

        [Fact]
        public async Task Kling_and_pixverse_carry_the_documented_values()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var models = await CatalogAsync(sandbox);

            var kling = models.Single(m => m.GetProperty("model").GetString() == "kling-v2-1");
            Assert.Equal("Kling v2.1", kling.GetProperty("name").GetString());
            Assert.Equal(new[] { "text_to_video", "image_to_video" }, Strings(kling, "types"));
            Assert.Equal(new[] { 5, 10 }, Ints(kling, "duration"));
            Assert.Equal(new[] { "720p", "1080p" }, Strings(kling, "resolution"));
            Assert.Equal(new[] { "Standard", "Professional" }, Strings(kling, "mode"));
            Assert.Equal(new[] { "16:9", "9:16", "1:1" }, Strings(kling, "aspect_ratio"));
            Assert.Empty(Strings(kling, "style"));
            Assert.Empty(Strings(kling, "movement"));
            Assert.Equal(2500, kling.GetProperty("prompt_max_length").GetInt32());
            Assert.True(kling.GetProperty("supports_negative_prompt").GetBoolean());
            Assert.False(kling.GetProperty("supports_seed").GetBoolean());
            Assert.False(kling.GetProperty("supports_generate_audio").GetBoolean());
            Assert.False(kling.GetProperty("supports_camera_fixed").GetBoolean());

            var pixverse = models.Single(m => m.GetProperty("model").GetString() == "pixverse-v4-5");
            Assert.Equal("Pixverse v4.5", pixverse.GetProperty("name").GetString());
            Assert.Equal(new[] { 5, 8 }, Ints(pixverse, "duration"));
            Assert.Equal(new[] { "540p", "720p", "1080p" }, Strings(pixverse, "resolution"));
            Assert.Empty(Strings(pixverse, "mode"));
            Assert.Equal(new[] { "16:9", "9:16", "1:1" }, Strings(pixverse, "aspect_ratio"));
            Assert.Equal(new[] { "Anime", "Cyberpunk" }, Strings(pixverse, "style"));
            Assert.Equal(new[] { "Auto", "Small", "Medium", "Large" }, Strings(pixverse, "movement"));
            Assert.Equal(2048, pixverse.GetProperty("prompt_max_length").GetInt32());
            Assert.True(pixverse.GetProperty("supports_negative_prompt").GetBoolean());
            Assert.True(pixverse.GetProperty("supports_seed").GetBoolean());
            Assert.False(pixverse.GetProperty("supports_generate_audio").GetBoolean());
            Assert.False(pixverse.GetProperty("supports_camera_fixed").GetBoolean());
        }

        [Fact]
        public async Task Catalog_has_audio_and_camera_fixed_models_and_a_price_on_every_entry()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var models = await CatalogAsync(sandbox);

            Assert.True(models.Length >= 4);
            Assert.Contains(models, m => m.GetProperty("model").GetString() == "veo-3" && m.GetProperty("supports_generate_audio").GetBoolean());
            Assert.Contains(models, m => m.GetProperty("model").GetString() == "seedance-1-pro"
                && m.GetProperty("supports_camera_fixed").GetBoolean() && m.GetProperty("supports_seed").GetBoolean());
            foreach (var model in models)
                Assert.True(ApiAssert.Money(model.GetProperty("price_per_second")) > 0);
        }

        [Fact]
        public async Task Configured_catalog_replaces_the_default()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Models = new() { new SandboxModel
            {
                Model = "tiny-1", Name = "Tiny", Types = { "text_to_video" }, Duration = { 3 }, PricePerSecond = 0.01m,
            } });
            var models = await CatalogAsync(sandbox);
            Assert.Equal("tiny-1", Assert.Single(models).GetProperty("model").GetString());
        }
    }
}
