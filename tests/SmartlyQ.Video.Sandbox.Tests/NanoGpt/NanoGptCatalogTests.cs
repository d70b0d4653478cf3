using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NanoGpt
{
    /// <summary>Model lists (key optional) and the balance endpoint.</summary>
    public class NanoGptCatalogTests
    {
        [Fact]
        public async Task Video_models_are_listed_without_a_key_with_pricing_capabilities_and_parameters()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var response = await NanoGptApi.GetAsync(sandbox, "v1/video-models?detailed=true", key: null);

            Assert.Equal(200, response.Status);
            Assert.Equal("list", response.Json.GetProperty("object").GetString());
            var models = response.Json.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(models.Count, response.Json.GetProperty("meta").GetProperty("count").GetInt32());
            Assert.Contains(models, m => m.GetProperty("id").GetString() == "sora-2");
            var veo = models.Single(m => m.GetProperty("id").GetString() == "veo2-video");
            Assert.Equal("model", veo.GetProperty("object").GetString());
            Assert.Equal("video", veo.GetProperty("architecture").GetProperty("modality").GetString());
            Assert.Equal("USD", veo.GetProperty("pricing").GetProperty("currency").GetString());
            Assert.Equal(0.07m, veo.GetProperty("pricing").GetProperty("per_second").GetDecimal());
            Assert.True(veo.GetProperty("capabilities").GetProperty("text_to_video").GetBoolean());
            Assert.Contains("5", veo.GetProperty("supported_parameters").GetProperty("durations").EnumerateArray().Select(d => d.GetString()));
            var seedance = models.Single(m => m.GetProperty("id").GetString() == "seedance-lite-video");
            Assert.Equal(1.8m, seedance.GetProperty("pricing").GetProperty("per_video").GetProperty("1080p").GetDecimal());

            var brief = await NanoGptApi.GetAsync(sandbox, "v1/video-models?detailed=false");
            Assert.False(brief.Json.GetProperty("data")[0].TryGetProperty("pricing", out _));
        }

        [Fact]
        public async Task The_general_model_list_is_OpenAI_style_and_a_wrong_key_is_refused_in_that_style()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var models = await NanoGptApi.GetAsync(sandbox, "v1/models");
            Assert.Equal(200, models.Status);
            var first = models.Json.GetProperty("data")[0];
            Assert.Equal(JsonValueKind.Number, first.GetProperty("created").ValueKind);
            Assert.Equal("nanogpt", first.GetProperty("owned_by").GetString());
            Assert.Equal(200, (await NanoGptApi.GetAsync(sandbox, "v1/models", key: null)).Status);

            NanoGptApi.OpenAIStyleError(await NanoGptApi.GetAsync(sandbox, "v1/models", key: "wrong"), 401, "authentication_error");
        }

        [Fact]
        public async Task Balance_is_strings_and_needs_a_key()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var balance = await NanoGptApi.SendAsync(sandbox, HttpMethod.Post, "check-balance");

            Assert.Equal(200, balance.Status);
            Assert.Equal("100.00000000", balance.Json.GetProperty("usd_balance").GetString());
            Assert.Equal(JsonValueKind.String, balance.Json.GetProperty("nano_balance").ValueKind);
            Assert.StartsWith("nano_", balance.Json.GetProperty("nanoDepositAddress").GetString());
            NanoGptApi.Error(await NanoGptApi.SendAsync(sandbox, HttpMethod.Post, "check-balance", key: null), 401);
        }
    }
}
