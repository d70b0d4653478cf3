using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Validation;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>GET /api/v1/video-models?detailed=true as <see cref="VideoModel"/>s the shared validator checks rows against.</summary>
    public class NanoGptModelListTests
    {
        private const string Catalog = @"{""object"":""list"",""data"":[
          {""id"":""veo2-video"",""object"":""model"",""name"":""Veo 2"",
           ""architecture"":{""modality"":""video"",""input_modalities"":[""text"",""image""],""output_modalities"":[""video""]},
           ""pricing"":{""currency"":""USD"",""per_second"":0.07},
           ""capabilities"":{""video_generation"":true,""text_to_video"":true,""image_to_video"":true,""audio_generation"":false},
           ""supported_parameters"":{""durations"":[""5"",""6"",""7"",""8""],""resolutions"":[""720p""],""aspect_ratios"":[""16:9"",""9:16""]}},
          {""id"":""sora-2"",""name"":""Sora 2"",
           ""pricing"":{""currency"":""USD"",""per_second"":0.1},
           ""capabilities"":{""text_to_video"":true,""image_to_video"":true,""audio_generation"":true},
           ""supported_parameters"":{""durations"":[4,""8"",""12s""],""resolutions"":[""720p""],""orientations"":[""landscape"",""portrait""],""enhancePrompt"":true,""seed"":true}},
          {""id"":""seedance-lite-video"",
           ""pricing"":{""currency"":""USD"",""per_video"":{""480p"":0.72,""1080p"":1.8}},
           ""capabilities"":{""text_to_video"":false,""image_to_video"":true},
           ""supported_parameters"":{""durations"":[5,""10"",""x""],""resolutions"":[""480p"",""1080p""]}},
          {""name"":""no id""},
          null
        ],""meta"":{""count"":5}}";

        private static async Task<IReadOnlyList<VideoModel>> Models(string body = Catalog)
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Base + "/v1/video-models").Respond(_ => NanoGptHarness.Json(200, body));
            return await harness.Client.ListModelsAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Each_model_says_its_source_provider_and_price_and_entries_without_id_are_skipped()
        {
            IReadOnlyList<VideoModel> models = await Models();

            Assert.Equal(new[] { "veo2-video", "sora-2", "seedance-lite-video" }, models.Select(m => m.Model));
            Assert.All(models, m =>
            {
                Assert.Equal("NanoGPT", m.Provider);
                Assert.Equal("API: GET /api/v1/video-models", m.Source!.ToString());
                Assert.Equal("USD", m.Currency);
            });
            Assert.Equal(0.07m, models[0].PricePerSecond);
            Assert.Equal(0.35m, models[0].EstimateCost(5));
            Assert.Null(models[2].PricePerSecond); // priced per video by resolution: no per-second figure
            Assert.Equal("seedance-lite-video", models[2].Name);
        }

        [Fact]
        public async Task Allowed_values_come_from_supported_parameters_with_mixed_duration_spellings()
        {
            IReadOnlyList<VideoModel> models = await Models();
            VideoModel veo = models[0], sora = models[1], seedance = models[2];

            Assert.Equal(new[] { 5, 6, 7, 8 }, veo.Duration);
            Assert.Equal(new[] { "16:9", "9:16" }, veo.AspectRatio);
            Assert.Equal(new[] { "720p" }, veo.Resolution);
            Assert.Equal(new[] { 4, 8, 12 }, sora.Duration);
            Assert.Equal(new[] { 5, 10 }, seedance.Duration);
            Assert.Equal(new[] { VideoType.TextToVideo, VideoType.ImageToVideo }, veo.Types);
            Assert.Equal(new[] { VideoType.ImageToVideo }, seedance.Types);
        }

        [Fact]
        public async Task Fields_are_only_what_the_model_takes_and_provider_fields_are_options()
        {
            IReadOnlyList<VideoModel> models = await Models();
            VideoModel veo = models[0], sora = models[1];

            Assert.Equal(new[] { "Model", "Type", "Prompt", "ImageUrl", "ImagePath", "Duration", "AspectRatio", "Resolution" }, veo.Fields);
            Assert.Equal(new[] { "Model", "Type", "Prompt", "ImageUrl", "ImagePath", "Duration", "Resolution", "Seed", "GenerateAudio" }, sora.Fields);
            Assert.Empty(veo.Options);
            Assert.Equal(new[] { "landscape", "portrait" }, sora.Options["orientation"]);
            Assert.Equal(new[] { "true", "false" }, sora.Options["enhancePrompt"]);
            Assert.True(sora.SupportsSeed);
            Assert.True(sora.SupportsGenerateAudio);
            Assert.False(veo.SupportsGenerateAudio);
        }

        [Fact]
        public async Task The_shared_validator_refuses_a_duration_the_catalog_lacks_and_what_NanoGPT_cannot_send()
        {
            IReadOnlyList<VideoModel> models = await Models();

            var duration = Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(
                new VideoRequest { Model = "veo2-video", Prompt = "A fox", Duration = 9 }, models, "NanoGPT"));
            Assert.Equal("duration", duration.ParamName);
            Assert.Contains("allowed values: 5, 6, 7, 8", duration.Message);

            var mode = Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(
                new VideoRequest { Model = "veo2-video", Prompt = "A fox", Mode = "Professional" }, models, "NanoGPT"));
            Assert.Contains("NanoGPT does not accept Mode", mode.Message);

            var orientation = Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(
                new VideoRequest { Model = "sora-2", Prompt = "A fox", Options = new Dictionary<string, string> { ["orientation"] = "diagonal" } }, models, "NanoGPT"));
            Assert.Contains("allowed values: landscape, portrait", orientation.Message);

            VideoRequest ok = VideoRequestValidator.Validate(
                new VideoRequest { Model = "sora-2", Prompt = "A fox", Duration = 8, Options = new Dictionary<string, string> { ["Orientation"] = "PORTRAIT" } }, models, "NanoGPT");
            Assert.Equal("portrait", ok.Options["orientation"]);
        }

        [Fact]
        public async Task A_model_without_capabilities_is_text_to_video_and_without_lists_takes_only_model_type_and_prompt()
        {
            IReadOnlyList<VideoModel> models = await Models("{\"object\":\"list\",\"data\":[{\"id\":\"plain-video\"}]}");

            VideoModel plain = Assert.Single(models);
            Assert.Equal(new[] { VideoType.TextToVideo }, plain.Types);
            Assert.Equal(new[] { "Model", "Type", "Prompt" }, plain.Fields);
            Assert.Empty(plain.Duration);
            Assert.Equal("USD", plain.Currency);
        }

        [Theory]
        [InlineData("{\"object\":\"list\"}")]
        [InlineData("[]")]
        public async Task A_list_without_data_is_an_invalid_response(string body)
        {
            var ex = await Assert.ThrowsAsync<VideoApiException>(() => Models(body));

            Assert.Equal("INVALID_RESPONSE", ex.ErrorCode);
        }
    }
}
