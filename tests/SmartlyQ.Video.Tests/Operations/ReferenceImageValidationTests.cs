using System;
using System.IO;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>-ImagePath: the local file is checked before anything is sent, where the provider takes one.</summary>
    public sealed class ReferenceImageValidationTests : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sqv-image-" + Guid.NewGuid().ToString("N"))).FullName;

        private static readonly VideoModel Sora = new VideoModel
        {
            Model = "sora-2", Types = VideoType.All, Duration = new[] { 4, 8, 12 },
            Fields = new[] { VideoField.Model, VideoField.Type, VideoField.Prompt, VideoField.ImagePath, VideoField.Duration },
        };

        public void Dispose() => Directory.Delete(_folder, true);

        private static VideoRequestValidationException Refused(VideoRequest request)
            => Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(request, new[] { Sora }, "OpenAI"));

        private string Write(string name, byte[] bytes)
        {
            string path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        [Theory]
        [InlineData("a.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "image/png")]
        [InlineData("a.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1 }, "image/jpeg")]
        [InlineData("a.webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 36, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
        public void JPEG_PNG_and_WebP_are_recognised_by_their_bytes_and_make_the_row_image_to_video(string name, byte[] bytes, string mediaType)
        {
            string path = Write(name, bytes);
            Assert.Equal(mediaType, ReferenceImage.MediaType(path));

            VideoRequest ok = VideoRequestValidator.Validate(new VideoRequest { Model = "sora-2", Prompt = "a kite", ImagePath = path }, new[] { Sora }, "OpenAI");
            Assert.Equal(VideoType.ImageToVideo, ok.Type);
        }

        [Fact]
        public void A_file_that_is_not_an_image_a_missing_file_and_a_folder_are_refused_by_name()
        {
            string text = Write("notes.png", System.Text.Encoding.ASCII.GetBytes("not an image at all"));

            Assert.Contains("is not a JPEG, PNG or WebP image", Refused(new VideoRequest { Model = "sora-2", Prompt = "x", ImagePath = text }).Message);
            Assert.Contains("does not exist", Refused(new VideoRequest { Model = "sora-2", Prompt = "x", ImagePath = Path.Combine(_folder, "none.png") }).Message);
            Assert.Contains("is a folder", Refused(new VideoRequest { Model = "sora-2", Prompt = "x", ImagePath = _folder }).Message);
        }

        [Fact]
        public void An_image_url_and_an_image_path_together_are_refused()
        {
            string png = Write("b.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 });
            var model = new VideoModel { Model = "sora-2", Types = VideoType.All };

            var ex = Assert.Throws<VideoRequestValidationException>(() => VideoRequestValidator.Validate(
                new VideoRequest { Model = "sora-2", Prompt = "x", ImagePath = png, ImageUrl = "https://images.example.com/a.png" }, new[] { model }, "OpenAI"));
            Assert.Contains("give image_url or image_path, not both", ex.Message);
        }
    }
}
