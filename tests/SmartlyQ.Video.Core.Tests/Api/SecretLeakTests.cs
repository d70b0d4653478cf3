using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    /// <summary>The key (<see cref="TestKeys.SecretPart"/>) must never reach a message, ToString or log line.</summary>
    public class SecretLeakTests
    {
        private static void AssertClean(string? text) => Assert.DoesNotContain(TestKeys.SecretPart, text ?? "");

        [Fact]
        public void Client_and_options_ToString_hide_the_key()
        {
            using var harness = new ClientHarness();

            AssertClean(harness.Client.ToString());
            AssertClean(harness.Options().ApiKey!.ToString());
            Assert.Contains("https://api.test/v1", harness.Client.ToString());
            Assert.Contains("Live", harness.Client.ToString());
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(422)]
        [InlineData(429)]
        [InlineData(500)]
        public async Task Error_answers_that_echo_the_key_are_redacted(int status)
        {
            using var harness = new ClientHarness { MaxRetries = 1 };
            string echo = "Bad key " + TestKeys.Live + " (Bearer " + TestKeys.Live + ")";
            harness.Mock.When("*").Respond(_ => Answers.Json((HttpStatusCode)status,
                "{\"success\":false,\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"" + echo + "\",\"details\":{\"authorization\":\"" + echo + "\",\"suffix\":\"" + TestKeys.SecretPart + "\"}}}"));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetAccountAsync(CancellationToken.None));

            AssertClean(ex.Message);
            AssertClean(ex.ToString());
            Assert.All(ex.Details.Values, AssertClean);
            Assert.Contains("sqk_live_", ex.Message);
            Assert.All(harness.Log, AssertClean);
        }

        [Fact]
        public async Task Retry_log_lines_never_contain_the_key()
        {
            using var harness = new ClientHarness { MaxRetries = 3 };
            int calls = 0;
            harness.Mock.When("*").Respond(_ =>
            {
                calls++;
                if (calls == 1) throw new HttpRequestException("proxy said: Authorization Bearer " + TestKeys.Live + " rejected");
                if (calls == 2) return Answers.Error(503, "INTERNAL_ERROR", TestKeys.Live);
                return Answers.Data("{\"id\":1}");
            });

            await harness.Client.GetAccountAsync(CancellationToken.None);

            Assert.Equal(2, harness.Log.Length);
            Assert.All(harness.Log, AssertClean);
            Assert.Contains("HttpRequestException", harness.Log[0]);
        }

        [Fact]
        public async Task Non_json_error_and_invalid_answer_messages_never_contain_the_key()
        {
            using var harness = new ClientHarness { MaxRetries = 0 };
            harness.Mock.When(HttpMethod.Get, ClientHarness.Base + "/me").Respond(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>" + TestKeys.Live + "</html>") });
            harness.Mock.When(HttpMethod.Get, ClientHarness.Base + "/me/balance").Respond(_ => Answers.Ok("not json " + TestKeys.Live));

            var gateway = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetAccountAsync(CancellationToken.None));
            var invalid = await Assert.ThrowsAsync<VideoApiException>(() => harness.Client.GetBalanceAsync(CancellationToken.None));

            AssertClean(gateway.ToString());
            AssertClean(invalid.ToString());
        }

        [Fact]
        public void Refused_options_never_mention_the_key()
        {
            var ex = Assert.Throws<ArgumentException>(() => new SmartlyQClient(new SmartlyQClientOptions
            {
                ApiKey = ApiKey.FromPlainText(TestKeys.Live),
                BaseUri = new Uri("http://api.smartlyq.com/v1"),
            }));

            AssertClean(ex.ToString());
        }

        [Fact]
        public async Task Network_errors_that_echo_the_key_are_redacted_in_the_final_exception()
        {
            using var harness = new ClientHarness { MaxRetries = 1 };
            harness.Mock.When("*").Throw(new HttpRequestException("proxy refused", new System.IO.IOException("header was Bearer " + TestKeys.Live)));

            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetAccountAsync(CancellationToken.None));

            Assert.Equal("proxy refused", ex.Message);
            AssertClean(ex.ToString());
            Assert.All(harness.Log, AssertClean);
        }

        [Fact]
        public async Task Resume_log_lines_and_download_errors_never_contain_the_key()
        {
            using var harness = new ClientHarness { MaxRetries = 2 };
            const string url = ClientHarness.Base + "/files/job_1.mp4";
            harness.Mock.When(HttpMethod.Get, url).Respond(_ => Answers.Stream(new ScriptedStream(new byte[10], "reset; request had Authorization: Bearer " + TestKeys.Live), 100));

            var ex = await Assert.ThrowsAsync<System.IO.IOException>(() => harness.Client.DownloadAsync(new Uri(url), new System.IO.MemoryStream(), null, CancellationToken.None));

            Assert.Contains("expected 100 bytes", ex.Message);
            Assert.Contains("sqk_live_", ex.Message);
            AssertClean(ex.ToString());
            Assert.Equal(2, harness.Log.Count(l => l.Contains("reset; request had Authorization")));
            Assert.All(harness.Log, AssertClean);
        }
    }
}
