using System;
using System.IO;
using System.Net.Http;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    /// <summary>
    /// The client refuses, before sending anything, every value that would corrupt a header or change a route,
    /// even when called directly (no cmdlet in front of it).
    /// </summary>
    public class HeaderHygieneTests
    {
        private const string Accepted = "{\"success\":true,\"data\":{\"job_uid\":\"job_a1b2c3d4e5f6\",\"status\":\"queued\"}}";
        private static readonly VideoRequest Request = new VideoRequest { Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "A fox" };

        public static TheoryData<string> BadKeys => new TheoryData<string>
        {
            "inj\r\nX-Evil: 1", "inj\nX-Evil: 1", "inj\rX", "inj\0", "inj\u007F", "inj\u0085", "inj\u2028", "inj\u2029", "inj\tx", "has space", "schlüssel", new string('k', 256), "",
        };

        [Theory]
        [MemberData(nameof(BadKeys))]
        public async Task Submit_and_cancel_refuse_an_idempotency_key_that_is_not_1_to_255_visible_ascii_and_send_nothing(string key)
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Json(System.Net.HttpStatusCode.Accepted, Accepted));

            var submit = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.SubmitAsync(Request, key, CancellationToken.None));
            var cancel = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.CancelJobAsync("job_1", key, CancellationToken.None));

            Assert.Equal("idempotencyKey", submit.ParamName);
            Assert.Equal("idempotencyKey", cancel.ParamName);
            Assert.Contains("visible ASCII", submit.Message);
            Assert.DoesNotContain("\n", submit.Message);
            Assert.Empty(harness.Requests);
        }

        [Theory]
        [InlineData("inj%0d%0aX-Evil:%201")]
        [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
        [InlineData("sqb-0123456789abcdef0123456789abcdef01234567")]
        public async Task A_visible_ascii_key_is_sent_verbatim_as_X_Idempotency_Key(string key)
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Json(System.Net.HttpStatusCode.Accepted, Accepted));

            await harness.Client.SubmitAsync(Request, key, CancellationToken.None);

            Assert.Equal(key, Assert.Single(harness.Requests).Header("X-Idempotency-Key"));
        }

        [Fact]
        public async Task A_key_of_exactly_255_characters_is_sent_and_256_is_refused()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Json(System.Net.HttpStatusCode.Accepted, Accepted));

            await harness.Client.SubmitAsync(Request, new string('k', 255), CancellationToken.None);
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.SubmitAsync(Request, new string('k', 256), CancellationToken.None));

            Assert.Equal(new string('k', 255), Assert.Single(harness.Requests).Header("X-Idempotency-Key"));
            Assert.Contains("256 characters", ex.Message);
        }

        [Theory]
        [InlineData("../me")]
        [InlineData("..")]
        [InlineData("a/b")]
        [InlineData("x?y=1")]
        [InlineData("job a/b?c#d")]
        [InlineData("job_1%2F..%2Fme")]
        [InlineData("job_1\r\nX-Evil: 1")]
        [InlineData("job_1\u2028x")]
        public async Task A_job_uid_that_would_change_the_route_is_refused_naming_JobUid_and_nothing_is_sent(string uid)
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok("{\"success\":true,\"data\":{\"id\":\"job_1\",\"status\":\"pending\"}}"));

            var get = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.GetJobAsync(uid, CancellationToken.None));
            var cancel = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.CancelJobAsync(uid, "cancel-1", CancellationToken.None));

            Assert.Equal("JobUid", get.ParamName);
            Assert.Equal("JobUid", cancel.ParamName);
            Assert.DoesNotContain("\r", get.Message);
            Assert.Empty(harness.Requests);
        }

        [Fact]
        public async Task A_job_uid_is_sent_as_one_path_segment_without_the_blanks_around_it()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Ok("{\"success\":true,\"data\":{\"id\":\"job_1\",\"status\":\"pending\"}}"));

            await harness.Client.GetJobAsync(" job_1\r\n", CancellationToken.None);

            Assert.Equal("/v1/jobs/job_1", Assert.Single(harness.Requests).Uri.AbsolutePath);
        }

        [Theory]
        [InlineData("https://api.test/v1\r\nX-Evil: 1")]
        [InlineData("https://api.test/v1\n")]
        [InlineData("https://api.test/v1\u0000")]
        [InlineData("https://api.test/v1\u2028")]
        [InlineData("https://api.test/v1%0d%0aX-Evil:%201")]
        [InlineData("https://api.test/v1%00")]
        public void A_base_uri_with_a_raw_or_percent_encoded_control_character_is_refused_naming_BaseUri(string baseUri)
        {
            var options = new SmartlyQClientOptions { ApiKey = ApiKey.FromPlainText(TestKeys.Live), BaseUri = new Uri(baseUri) };

            var ex = Assert.Throws<ArgumentException>(() => new SmartlyQClient(options));

            Assert.Equal("BaseUri", ex.ParamName);
            Assert.Contains("control character", ex.Message);
        }

        [Fact]
        public async Task A_job_cursor_with_a_line_break_is_refused_naming_it()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Data("[]"));

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.ListJobsAsync(new JobQuery { Cursor = "2\r\nX-Evil: 1" }, CancellationToken.None));

            Assert.Equal("Cursor", ex.ParamName);
            Assert.Empty(harness.Requests);
        }

        [Fact]
        public async Task A_video_url_whose_text_has_a_line_break_is_not_downloaded()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[4]) });

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.DownloadAsync(new Uri("https://cdn.test/v/a\r\nX-Evil: 1.mp4"), new MemoryStream(), null, CancellationToken.None));

            Assert.Equal("videoUrl", ex.ParamName);
            Assert.Empty(harness.Requests);
        }

        [Theory]
        [InlineData("sqk_live_SECRET123456\r\nX-Evil: 1")]
        [InlineData("sqk_live_SECRET123456\u0000tail")]
        [InlineData("sqk_live_SECRET123456\u007F")]
        [InlineData("sqk_live_SECRET\u2028123456")]
        [InlineData("sqk_live_SECRET123456ü")]
        public void An_api_key_with_anything_but_visible_ascii_is_refused_without_echoing_it(string key)
        {
            var secure = new SecureString();
            foreach (char c in key) secure.AppendChar(c);

            var plain = Assert.Throws<ArgumentException>(() => ApiKey.FromPlainText(key));
            var fromSecure = Assert.Throws<ArgumentException>(() => ApiKey.FromSecureString(secure));

            Assert.Equal("ApiKey", plain.ParamName);
            Assert.Equal("ApiKey", fromSecure.ParamName);
            Assert.DoesNotContain(TestKeys.SecretPart, plain.Message + fromSecure.Message);
        }
    }
}
