using System;
using System.IO;
using System.Linq;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    public class VideoRequestValidatorTests
    {
        private readonly FakeVideoProvider _catalog = new FakeVideoProvider();

        private VideoRequestValidationException Reject(VideoRequest request)
            => Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(request, _catalog.Models));

        [Theory]
        [InlineData("model", "nope-1", null, null, "model 'nope-1' is not available; allowed values: kling-v2-1, pixverse-v4-5")]
        [InlineData("duration", "kling-v2-1", 7, null, "duration 7 is not allowed for model kling-v2-1; allowed values: 5, 10")]
        [InlineData("resolution", "kling-v2-1", null, "4k", "resolution '4k' is not allowed for model kling-v2-1; allowed values: 720p, 1080p")]
        public void Names_the_field_and_the_allowed_values(string field, string model, int? duration, string? resolution, string expected)
        {
            var ex = Reject(new VideoRequest { Model = model, Prompt = "p", Duration = duration, Resolution = resolution });

            Assert.Equal(field, ex.ParamName);
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void Reports_every_bad_field_at_once()
        {
            var ex = Reject(new VideoRequest { Model = "kling-v2-1", Type = VideoType.TextToVideo, Style = "Anime", Seed = 1, Movement = "Large" });

            Assert.Equal(new[] { "prompt", "style", "movement", "seed" }, ex.Fields.Select(f => f.Field).ToArray());
            Assert.Contains("model kling-v2-1 does not take style", ex.Message);
            Assert.Contains("does not support seed", ex.Message);
        }

        [Fact]
        public void Image_to_video_needs_an_http_image_url()
        {
            Assert.Equal("image_url", Reject(new VideoRequest { Model = "kling-v2-1", Type = VideoType.ImageToVideo }).ParamName);
            Assert.Contains("not an absolute http or https URL", Reject(new VideoRequest { Model = "kling-v2-1", ImageUrl = "file:///etc/passwd" }).Message);
        }

        [Fact]
        public void Contradictory_type_and_image_url_is_refused()
        {
            var ex = Reject(new VideoRequest { Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "p", ImageUrl = "https://x.example/a.png" });

            Assert.Contains("image_url is only used with type image_to_video", ex.Message);
        }

        [Fact]
        public void Prompt_over_the_models_limit_is_refused_with_both_lengths()
        {
            var ex = Reject(new VideoRequest { Model = "pixverse-v4-5", Prompt = new string('a', 2049) });

            Assert.Contains("prompt is 2049 characters; model pixverse-v4-5 allows at most 2048", ex.Message);
        }

        [Fact]
        public void Unknown_type_lists_the_two_types()
        {
            var ex = Reject(new VideoRequest { Model = "kling-v2-1", Type = "text_to_music", Prompt = "p" });

            Assert.Contains("allowed values: text_to_video, image_to_video", ex.Message);
        }

        [Fact]
        public void A_field_the_provider_cannot_send_is_refused_naming_the_provider_the_field_and_what_the_model_takes()
        {
            var model = new VideoModel
            {
                Model = "sora-2", Types = VideoType.All, Duration = new[] { 4, 8, 12 },
                Fields = new[] { VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.ImagePath, VideoField.Duration },
                SupportsSeed = false,
            };

            var ex = Assert.Throws<VideoRequestValidationException>(() =>
                VideoRequestValidator.Validate(new VideoRequest { Model = "sora-2", Prompt = "p", Seed = 7, ImageUrl = "https://img.test/a.png" }, new[] { model }, "OpenAI"));

            Assert.Equal(new[] { "image_url", "seed" }, ex.Fields.Select(f => f.Field).ToArray());
            Assert.Contains("OpenAI does not accept Seed (model sora-2 accepts: Model, Type, Prompt, ImagePath, Duration).", ex.Message);
            Assert.Contains("OpenAI does not accept ImageUrl", ex.Message);
        }

        [Fact]
        public void An_image_path_makes_the_row_image_to_video_and_is_kept_for_the_provider()
        {
            var model = new VideoModel { Model = "sora-2", Types = VideoType.All, Fields = new[] { VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.ImagePath } };

            string png = Path.Combine(Path.GetTempPath(), "sqv-validator-" + Guid.NewGuid().ToString("N") + ".png");
            File.WriteAllBytes(png, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 });
            try
            {
                VideoRequest sent = VideoRequestValidator.Validate(new VideoRequest { Model = "sora-2", Prompt = "p", ImagePath = png }, new[] { model }, "OpenAI");

                Assert.Equal(VideoType.ImageToVideo, sent.Type);
                Assert.Equal(png, sent.ImagePath);
            }
            finally
            {
                File.Delete(png);
            }
        }

        [Fact]
        public void Options_must_be_declared_by_the_model_and_take_its_values_in_its_spelling()
        {
            var model = new VideoModel
            {
                Model = "veo-3", Types = VideoType.All,
                Options = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<string>>
                {
                    ["quality"] = new[] { "Standard", "High" },
                    ["note"] = new string[0],
                },
            };

            VideoRequest sent = VideoRequestValidator.Validate(
                new VideoRequest { Model = "veo-3", Prompt = "p", Options = new System.Collections.Generic.Dictionary<string, string> { ["QUALITY"] = "high", ["note"] = "free text" } },
                new[] { model }, "NanoGPT");
            var ex = Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(
                new VideoRequest { Model = "veo-3", Prompt = "p", Options = new System.Collections.Generic.Dictionary<string, string> { ["fps"] = "24", ["quality"] = "max" } },
                new[] { model }, "NanoGPT"));

            Assert.Equal("High", sent.Options["quality"]);
            Assert.Equal("free text", sent.Options["note"]);
            Assert.Contains("NanoGPT does not accept the option 'fps' for model veo-3 (it declares: quality, note).", ex.Message);
            Assert.Contains("quality 'max' is not allowed for model veo-3; allowed values: Standard, High.", ex.Message);
        }

        [Fact]
        public void SmartlyQ_models_take_every_neutral_field_but_a_local_image()
        {
            var ex = Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(
                new VideoRequest { Model = "kling-v2-1", Prompt = "p", ImagePath = "a.png" },
                new[] { new VideoModel { Model = "kling-v2-1", Types = VideoType.All, Fields = VideoField.All.Where(f => f != VideoField.ImagePath).ToArray() } },
                "SmartlyQ"));

            Assert.Equal("image_path", Assert.Single(ex.Fields).Field);
            Assert.StartsWith("SmartlyQ takes no local image file (ImagePath) for model kling-v2-1; upload the image and pass its public http(s) URL as ImageUrl", Assert.Single(ex.Fields).Message);
        }
    }
}
