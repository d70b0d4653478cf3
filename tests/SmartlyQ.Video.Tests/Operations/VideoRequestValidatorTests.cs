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
    }
}
