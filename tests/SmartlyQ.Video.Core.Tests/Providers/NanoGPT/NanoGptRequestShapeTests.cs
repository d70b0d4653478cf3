using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>What NanoGPT's client puts on the wire: paths, headers and the exact generate-video body.</summary>
    public sealed class NanoGptRequestShapeTests : IDisposable
    {
        private const string Accepted = "{\"runId\":\"vid_m1abc123def456\",\"id\":\"vid_m1abc123def456\",\"status\":\"pending\",\"model\":\"veo2-video\",\"cost\":0.35,\"paymentSource\":\"USD\",\"remainingBalance\":12.5}";

        // A 1x1 PNG and the first bytes of a JPEG.
        private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        private static readonly byte[] Jpeg = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01 };

        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nanogpt-shape-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string WriteFile(string name, byte[] bytes)
        {
            string path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static async Task<RecordedRequest> Submitted(VideoRequest request)
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/generate-video").Respond(_ => NanoGptHarness.Json(202, Accepted));
            await harness.Client.SubmitAsync(request, new SubmitOptions { IdempotencyKey = "ignored-key" }, CancellationToken.None);
            return Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task Every_call_carries_the_key_as_x_api_key_and_never_as_Authorization()
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/check-balance").Respond(_ => NanoGptHarness.Json(200, "{\"usd_balance\":\"1.0\"}"));
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Base + "/v1/video-models").Respond(_ => NanoGptHarness.Json(200, "{\"object\":\"list\",\"data\":[]}"));
            harness.Mock.When(HttpMethod.Get, NanoGptHarness.Base + "/video/status").Respond(_ => NanoGptHarness.Json(200, "{\"data\":{\"status\":\"IN_QUEUE\"}}"));
            harness.Mock.When(HttpMethod.Post, NanoGptHarness.Base + "/generate-video").Respond(_ => NanoGptHarness.Json(202, Accepted));

            await harness.Client.GetBalanceAsync(CancellationToken.None);
            await harness.Client.GetAccountAsync(CancellationToken.None);
            await harness.Client.ListModelsAsync(CancellationToken.None);
            await harness.Client.GetJobAsync("vid_m1abc123def456", CancellationToken.None);
            await harness.Client.SubmitAsync(new VideoRequest { Model = "veo2-video", Prompt = "p" }, new SubmitOptions { IdempotencyKey = "k1" }, CancellationToken.None);

            Assert.Equal(
                new[]
                {
                    "POST https://nano.test/api/check-balance",
                    "POST https://nano.test/api/check-balance",
                    "GET https://nano.test/api/v1/video-models?detailed=true",
                    "GET https://nano.test/api/video/status?requestId=vid_m1abc123def456",
                    "POST https://nano.test/api/generate-video",
                },
                harness.Requests.Select(r => r.Method + " " + r.Uri.AbsoluteUri));
            Assert.All(harness.Requests, r =>
            {
                Assert.Equal(NanoGptHarness.Key, r.Header("x-api-key"));
                Assert.Null(r.Header("Authorization"));
                Assert.Contains("application/json", r.Header("Accept"));
                // NanoGPT takes no idempotency key: none is sent, whatever the caller passed.
                Assert.DoesNotContain(r.Headers.Keys, h => h.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0);
            });
            Assert.Null(harness.Requests[0].Body);
        }

        [Fact]
        public async Task Submit_posts_NanoGPTs_field_names_with_duration_as_a_string()
        {
            RecordedRequest sent = await Submitted(new VideoRequest
            {
                Model = "seedance-lite-video",
                Type = VideoType.TextToVideo,
                Prompt = "Aerial view of an autumn forest",
                NegativePrompt = "blurry",
                Duration = 5,
                AspectRatio = "21:9",
                Resolution = "1080p",
                Seed = 42,
                GenerateAudio = true,
                CameraFixed = false,
            });

            Assert.Equal(
                "{\"model\":\"seedance-lite-video\",\"prompt\":\"Aerial view of an autumn forest\",\"negative_prompt\":\"blurry\",\"duration\":\"5\","
                + "\"aspect_ratio\":\"21:9\",\"resolution\":\"1080p\",\"seed\":42,\"generateAudio\":true,\"camera_fixed\":false}",
                sent.Body);
            Assert.StartsWith("application/json", sent.Header("Content-Type"));
        }

        [Fact]
        public async Task Fields_not_given_are_left_out()
        {
            RecordedRequest sent = await Submitted(new VideoRequest { Model = "veo2-video", Type = VideoType.TextToVideo, Prompt = "A fox" });

            Assert.Equal("{\"model\":\"veo2-video\",\"prompt\":\"A fox\"}", sent.Body);
        }

        [Fact]
        public async Task An_image_url_is_sent_as_imageUrl()
        {
            RecordedRequest sent = await Submitted(new VideoRequest { Model = "veo2-video", Type = VideoType.ImageToVideo, Prompt = "p", ImageUrl = "https://img.test/a.png" });

            Assert.Equal("{\"model\":\"veo2-video\",\"prompt\":\"p\",\"imageUrl\":\"https://img.test/a.png\"}", sent.Body);
        }

        [Theory]
        [InlineData("frame.png", "image/png")]
        [InlineData("frame.dat", "image/jpeg")] // the type comes from the bytes, not the name
        public async Task A_local_image_is_sent_as_a_base64_data_url_of_its_type(string name, string type)
        {
            byte[] bytes = type == "image/png" ? Png : Jpeg;
            string path = WriteFile(name, bytes);

            RecordedRequest sent = await Submitted(new VideoRequest { Model = "veo2-video", Type = VideoType.ImageToVideo, Prompt = "p", ImagePath = path });

            Assert.Equal("{\"model\":\"veo2-video\",\"prompt\":\"p\",\"imageDataUrl\":\"data:" + type + ";base64," + Convert.ToBase64String(bytes) + "\"}", sent.Body);
        }

        [Fact]
        public async Task Options_are_sent_by_their_NanoGPT_names_with_documented_booleans_as_booleans()
        {
            RecordedRequest sent = await Submitted(new VideoRequest
            {
                Model = "sora-2",
                Prompt = "p",
                Options = new Dictionary<string, string> { ["orientation"] = "portrait", ["enhancePrompt"] = "true" },
            });

            Assert.Equal("{\"model\":\"sora-2\",\"prompt\":\"p\",\"enhancePrompt\":true,\"orientation\":\"portrait\"}", sent.Body);
        }

        public static IEnumerable<object[]> Inexpressible() => new[]
        {
            new object[] { new VideoRequest { Model = "veo2-video", Prompt = "p", Mode = "Professional" }, "Mode" },
            new object[] { new VideoRequest { Model = "veo2-video", Prompt = "p", Style = "Anime" }, "Style" },
            new object[] { new VideoRequest { Model = "veo2-video", Prompt = "p", Movement = "Small" }, "Movement" },
            new object[] { new VideoRequest { Model = "veo2-video", Prompt = "p", Options = new Dictionary<string, string> { ["model"] = "sora-2" } }, "'model'" },
            new object[] { new VideoRequest { Model = "veo2-video", Prompt = "p", Options = new Dictionary<string, string> { ["imageDataUrl"] = "data:x" } }, "'imageDataUrl'" },
            new object[] { new VideoRequest { Prompt = "p" }, "model id" },
        };

        [Theory]
        [MemberData(nameof(Inexpressible))]
        public async Task A_request_NanoGPT_cannot_express_is_refused_before_anything_is_sent(VideoRequest request, string named)
        {
            using var harness = new NanoGptHarness();
            harness.Mock.When("*").Respond(_ => NanoGptHarness.Json(202, Accepted));

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.SubmitAsync(request, SubmitOptions.None, CancellationToken.None));

            Assert.Contains(named, ex.Message);
            Assert.Empty(harness.Requests);
        }

        [Fact]
        public async Task A_local_image_over_4_MB_is_refused_pointing_to_ImageUrl_and_nothing_is_sent()
        {
            var big = new byte[4 * 1024 * 1024 + 1];
            Png.CopyTo(big, 0);
            string path = WriteFile("big.png", big);
            using var harness = new NanoGptHarness();
            harness.Mock.When("*").Respond(_ => NanoGptHarness.Json(202, Accepted));

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.SubmitAsync(
                new VideoRequest { Model = "veo2-video", Prompt = "p", ImagePath = path }, SubmitOptions.None, CancellationToken.None));

            Assert.Equal("ImagePath", ex.ParamName);
            Assert.Contains("ImageUrl", ex.Message);
            Assert.Empty(harness.Requests);
        }

        [Fact]
        public async Task A_file_that_is_no_image_is_refused_and_nothing_is_sent()
        {
            string path = WriteFile("notes.png", System.Text.Encoding.ASCII.GetBytes("just text, not an image"));
            using var harness = new NanoGptHarness();

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.SubmitAsync(
                new VideoRequest { Model = "veo2-video", Prompt = "p", ImagePath = path }, SubmitOptions.None, CancellationToken.None));

            Assert.Contains("not a JPEG, PNG or WebP", ex.Message);
            Assert.Empty(harness.Requests);
        }

        [Theory]
        [InlineData("../check-balance")]
        [InlineData("vid_1&requestId=other")]
        [InlineData("vid_1/x")]
        [InlineData("")]
        public async Task A_job_id_that_could_change_the_query_is_refused_and_nothing_is_sent(string id)
        {
            using var harness = new NanoGptHarness();

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.GetJobAsync(id, CancellationToken.None));

            Assert.Equal("JobUid", ex.ParamName);
            Assert.Empty(harness.Requests);
        }
    }
}
