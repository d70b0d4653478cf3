using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    public class ClientOptionsValidationTests
    {
        private static SmartlyQClientOptions With(string baseUri) => new SmartlyQClientOptions
        {
            ApiKey = ApiKey.FromPlainText(TestKeys.Live),
            BaseUri = new Uri(baseUri, UriKind.RelativeOrAbsolute),
        };

        [Fact]
        public void Missing_key_is_refused_naming_ApiKey()
        {
            var ex = Assert.Throws<ArgumentException>(() => new SmartlyQClient(new SmartlyQClientOptions()));
            Assert.Equal("ApiKey", ex.ParamName);
        }

        [Theory]
        [InlineData("http://api.smartlyq.com/v1")]
        [InlineData("http://10.0.0.1/v1")]
        [InlineData("http://0.0.0.0:8080/v1")]
        [InlineData("http://localhost.evil.test/v1")]
        [InlineData("http://128.0.0.1/v1")]
        public void Plain_http_to_a_non_loopback_host_is_refused_saying_https_is_required(string baseUri)
        {
            var ex = Assert.Throws<ArgumentException>(() => new SmartlyQClient(With(baseUri)));
            Assert.Equal("BaseUri", ex.ParamName);
            Assert.Contains("https", ex.Message);
            Assert.DoesNotContain(TestKeys.SecretPart, ex.Message);
        }

        [Theory]
        [InlineData("v1/relative")]
        [InlineData("ftp://api.smartlyq.com/v1")]
        [InlineData("https://api.smartlyq.com/v1?x=1")]
        public void Base_uri_that_is_not_an_absolute_http_root_is_refused(string baseUri)
        {
            var ex = Assert.Throws<ArgumentException>(() => new SmartlyQClient(With(baseUri)));
            Assert.Equal("BaseUri", ex.ParamName);
        }

        [Theory]
        [InlineData("http://localhost:5000/v1", "http://localhost:5000/v1/me")]
        [InlineData("http://LOCALHOST/v1", "http://localhost/v1/me")]
        [InlineData("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/me")]
        [InlineData("http://127.45.6.7/v1/", "http://127.45.6.7/v1/me")]
        [InlineData("http://[::1]:5000/v1", "http://[::1]:5000/v1/me")]
        public async Task Plain_http_to_loopback_is_allowed_and_used(string baseUri, string expectedUrl)
        {
            using var harness = new ClientHarness { BaseUri = new Uri(baseUri) };
            harness.Mock.When(HttpMethod.Get, expectedUrl).Respond(_ => Answers.Data("{\"id\":1}"));

            var account = await harness.Client.GetAccountAsync(CancellationToken.None);

            Assert.Equal("1", account.Id);
            Assert.Equal(new Uri(expectedUrl), Assert.Single(harness.Requests).Uri);
        }

        [Fact]
        public void Negative_retry_count_is_refused_naming_MaxRetries()
        {
            var options = new SmartlyQClientOptions { ApiKey = ApiKey.FromPlainText(TestKeys.Live), MaxRetries = -1 };
            var ex = Assert.Throws<ArgumentException>(() => new SmartlyQClient(options));
            Assert.Equal("MaxRetries", ex.ParamName);
        }

        [Fact]
        public void BaseUri_property_is_the_configured_root()
        {
            using var client = new SmartlyQClient(new SmartlyQClientOptions { ApiKey = ApiKey.FromPlainText(TestKeys.Live) });
            Assert.Equal(new Uri("https://api.smartlyq.com/v1"), client.BaseUri);
        }

        [Fact]
        public async Task A_disposed_client_refuses_calls_and_leaves_the_callers_handler_alive()
        {
            var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Data("{\"id\":1}"));
            SmartlyQClient client = harness.Client;

            client.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAccountAsync(CancellationToken.None));
            Assert.False(harness.Recorder.WasDisposed);
            Assert.Empty(harness.Requests);
        }

        [Theory]
        [InlineData("AttemptTimeout", -1000)]
        [InlineData("AttemptTimeout", 5)]
        [InlineData("AttemptTimeout", 0)]
        [InlineData("TotalTimeout", 5)]
        [InlineData("TotalTimeout", 2 * 86_400_000)]
        [InlineData("DownloadTotalTimeout", 0)]
        public void Timeouts_outside_10_ms_to_1_day_are_refused_naming_the_option(string name, long milliseconds)
        {
            TimeSpan value = TimeSpan.FromMilliseconds(milliseconds);
            var options = new SmartlyQClientOptions
            {
                ApiKey = ApiKey.FromPlainText(TestKeys.Live),
                AttemptTimeout = name == "AttemptTimeout" ? value : SmartlyQClientOptions.DefaultAttemptTimeout,
                TotalTimeout = name == "TotalTimeout" ? value : SmartlyQClientOptions.DefaultTotalTimeout,
                DownloadTotalTimeout = name == "DownloadTotalTimeout" ? value : Timeout.InfiniteTimeSpan,
            };

            var ex = Assert.Throws<ArgumentException>(() => new SmartlyQClient(options));

            Assert.Equal(name, ex.ParamName);
            Assert.Contains("between 10 ms and 1 day", ex.Message);
        }

        [Fact]
        public async Task Infinite_timeouts_switch_the_limits_off()
        {
            using var harness = new ClientHarness { AttemptTimeout = Timeout.InfiniteTimeSpan, TotalTimeout = Timeout.InfiniteTimeSpan };
            harness.Mock.When("*").Respond(_ => Answers.Data("{\"id\":\"job_1\",\"status\":\"queued\"}"));

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Empty(harness.Clock.Timeouts);
        }

        [Fact]
        public async Task Default_limits_arm_a_total_and_an_attempt_timeout_per_call()
        {
            using var harness = new ClientHarness();
            harness.Mock.When("*").Respond(_ => Answers.Data("{\"id\":\"job_1\",\"status\":\"queued\"}"));

            await harness.Client.GetJobAsync("job_1", CancellationToken.None);

            Assert.Equal(new[] { TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30) }, harness.Clock.Timeouts);
        }
    }
}
