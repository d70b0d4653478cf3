using System;
using System.Collections.Generic;
using System.IO;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>What a provider cannot express, local images and catalog options are refused before anything is sent.</summary>
    public sealed class ProviderFieldValidationTests : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sqv-fields-" + Guid.NewGuid().ToString("N"))).FullName;

        private static readonly VideoModel Sora = new VideoModel
        {
            Provider = "OpenAI", Model = "sora-2", Types = VideoType.All, Duration = new[] { 4, 8, 12 }, AspectRatio = new[] { "16:9", "9:16" },
            Fields = new[] { VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.ImagePath, VideoField.Duration, VideoField.AspectRatio },
            Options = new Dictionary<string, IReadOnlyList<string>> { ["quality"] = new[] { "standard", "high" }, ["user"] = new string[0] },
        };

        private static readonly VideoModel Kling = new VideoModel
        {
            Provider = "SmartlyQ", Model = "kling-v2-1", Types = VideoType.All, Duration = new[] { 5, 10 }, SupportsNegativePrompt = true,
        };

        public void Dispose() => Directory.Delete(_folder, true);

        private static VideoRequestValidationException Refused(VideoRequest request, VideoModel model)
            => Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(request, new[] { model }));

        private string Png()
        {
            string path = Path.Combine(_folder, "frame.png");
            File.WriteAllBytes(path, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
            return path;
        }

        [Fact]
        public void A_field_the_provider_cannot_express_names_the_provider_the_field_and_what_it_takes()
        {
            var ex = Refused(new VideoRequest { Model = "sora-2", Prompt = "a kite", NegativePrompt = "blurry" }, Sora);

            Assert.Contains("model sora-2 (OpenAI) does not support negative_prompt", ex.Message);
            Assert.Single(ex.Fields);
        }

        [Fact]
        public void A_field_with_no_model_list_names_the_provider_and_what_the_model_takes()
        {
            var lenient = new VideoModel { Provider = "OpenAI", Model = "sora-2", Types = VideoType.All, SupportsSeed = true, Fields = Sora.Fields };
            var ex = Refused(new VideoRequest { Model = "sora-2", Prompt = "a kite", Seed = 7 }, lenient);

            Assert.Contains("OpenAI does not accept Seed (seed) for model sora-2; it accepts: Model, Type, Prompt, ImagePath, Duration, AspectRatio", ex.Message);
        }

        [Fact]
        public void A_local_image_becomes_image_to_video_where_the_provider_takes_files()
        {
            string png = Png();
            VideoRequest ok = VideoRequestValidator.Validate(new VideoRequest { Model = "sora-2", Prompt = "a kite", ImagePath = png }, new[] { Sora });

            Assert.Equal(VideoType.ImageToVideo, ok.Type);
            Assert.Equal(png, ok.ImagePath);
        }

        [Fact]
        public void A_local_image_on_a_provider_that_needs_a_url_says_so()
        {
            var ex = Refused(new VideoRequest { Model = "kling-v2-1", Prompt = "a kite", ImagePath = Png() }, Kling);

            Assert.Contains("SmartlyQ takes no local image file", ex.Message);
            Assert.Contains("public http(s) URL", ex.Message);
        }

        [Fact]
        public void A_file_that_is_not_an_image_or_is_missing_is_refused_by_name()
        {
            string text = Path.Combine(_folder, "notes.png");
            File.WriteAllText(text, "not an image");

            Assert.Contains("is not a JPEG, PNG or WebP image", Refused(new VideoRequest { Model = "sora-2", Prompt = "x", ImagePath = text }, Sora).Message);
            Assert.Contains("does not exist", Refused(new VideoRequest { Model = "sora-2", Prompt = "x", ImagePath = Path.Combine(_folder, "none.png") }, Sora).Message);
        }

        [Fact]
        public void Options_must_be_declared_and_take_a_listed_value_in_the_catalog_spelling()
        {
            VideoRequest ok = VideoRequestValidator.Validate(
                new VideoRequest { Model = "sora-2", Prompt = "a kite", Options = new Dictionary<string, string> { ["Quality"] = "HIGH", ["user"] = "me" } }, new[] { Sora });
            Assert.Equal("high", ok.Options["quality"]);
            Assert.Equal("me", ok.Options["user"]);

            var undeclared = Refused(new VideoRequest { Model = "sora-2", Prompt = "a kite", Options = new Dictionary<string, string> { ["cfg_scale"] = "0.5" } }, Sora);
            Assert.Contains("has no option 'cfg_scale'; declared options: quality, user", undeclared.Message);
            var value = Refused(new VideoRequest { Model = "sora-2", Prompt = "a kite", Options = new Dictionary<string, string> { ["quality"] = "ultra" } }, Sora);
            Assert.Contains("allowed values: standard, high", value.Message);
        }
    }
}
