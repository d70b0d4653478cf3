using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tests.Support;
using SmartlyQ.Video.Core.Transport;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Transport
{
    /// <summary>
    /// When a POST is sent again: one with an idempotency key after any transient failure; one without a key only
    /// when it provably never reached the server, otherwise it surfaces as an uncertain submission.
    /// </summary>
    public class ReplayRuleTests
    {
        private static readonly byte[] Json = Encoding.UTF8.GetBytes("{\"prompt\":\"a cat\"}");

        private static TransportRequest Post(ReplayRule replay) => new TransportRequest(HttpMethod.Post, "videos", RequestPriority.Submission, replay, body: new JsonBody(Json));

        private static HttpResponseMessage Created() => Answers.Ok("{\"id\":\"video_1\"}");

        /// <summary>Each attempt: the next of <paramref name="steps"/> (the last repeats).</summary>
        private static void Server(TransportHarness harness, params Func<CancellationToken, Task<HttpResponseMessage>>[] steps)
        {
            int calls = 0;
            harness.Recorder.Server = (request, token) => steps[Math.Min(Interlocked.Increment(ref calls) - 1, steps.Length - 1)](token);
        }

        private static Func<CancellationToken, Task<HttpResponseMessage>> Answer(Func<HttpResponseMessage> answer) => _ => Task.FromResult(answer());

        private static Func<CancellationToken, Task<HttpResponseMessage>> Throw(Exception ex) => _ => Task.FromException<HttpResponseMessage>(ex);

        private static Func<CancellationToken, Task<HttpResponseMessage>> HangPast(TransportHarness harness, TimeSpan silence) => async token =>
        {
            harness.Clock.Advance(silence);
            await Hang.UntilCancelled(token);
            throw new InvalidOperationException("unreachable");
        };

        private static HttpRequestException Refused() => new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));

        private static HttpRequestException Reset() => new HttpRequestException("Error while copying content", new IOException("Connection reset by peer"));

        [Fact]
        public async Task An_unkeyed_POST_that_timed_out_after_sending_is_not_retried_and_is_uncertain()
        {
            using var harness = new TransportHarness();
            Server(harness, HangPast(harness, TimeSpan.FromSeconds(31)), Answer(Created));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Transport.SendAsync(Post(ReplayRule.Unsafe), CancellationToken.None));

            Assert.Equal(ApiErrorKind.Uncertain, ex.Kind);
            Assert.Equal("SUBMISSION_UNCERTAIN", ex.ErrorCode);
            Assert.Equal("Test", ex.Provider);
            Assert.StartsWith("POST /videos got no answer within 30 s (AttemptTimeout) after it was sent. It was not retried", ex.Message);
            Assert.Single(harness.Requests);
            Assert.Equal(0, harness.Transport.Statistics.Retries);
        }

        [Fact]
        public async Task An_unkeyed_POST_whose_connection_was_reset_is_not_retried_and_is_uncertain()
        {
            using var harness = new TransportHarness();
            Server(harness, Throw(Reset()), Answer(Created));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Transport.SendAsync(Post(ReplayRule.Unsafe), CancellationToken.None));

            Assert.Equal(ApiErrorKind.Uncertain, ex.Kind);
            Assert.Contains("lost its connection", ex.Message);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task An_unkeyed_POST_is_retried_after_a_connect_failure()
        {
            using var harness = new TransportHarness();
            Server(harness, Throw(Refused()), Answer(Created));

            TransportResponse response = await harness.Transport.SendAsync(Post(ReplayRule.Unsafe), CancellationToken.None);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(2, harness.Requests.Length);
            Assert.Equal(1, harness.Transport.Statistics.NetworkErrorRetries);
        }

        [Fact]
        public async Task A_connect_failure_that_persists_is_a_network_error_not_an_uncertain_submission()
        {
            using var harness = new TransportHarness();
            Server(harness, Throw(Refused()));

            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Transport.SendAsync(Post(ReplayRule.Unsafe), CancellationToken.None));

            Assert.Equal("Connection refused", ex.Message);
            Assert.Equal(5, harness.Requests.Length);
        }

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        public async Task An_unkeyed_POST_is_retried_after_a_refusal_with_Retry_After(int status)
        {
            using var harness = new TransportHarness();
            Server(harness, Answer(() => Answers.Json((HttpStatusCode)status, "{}", ("Retry-After", "2"))), Answer(Created));

            TransportResponse response = await harness.Transport.SendAsync(Post(ReplayRule.Unsafe), CancellationToken.None);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(2, harness.Requests.Length);
            Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, harness.Clock.Waits);
        }

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        [InlineData(500)]
        [InlineData(502)]
        public async Task An_unkeyed_POST_is_not_retried_after_an_answer_that_does_not_prove_it_was_refused(int status)
        {
            using var harness = new TransportHarness();
            Server(harness, Answer(() => Answers.Json((HttpStatusCode)status, "{}")), Answer(Created));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() => harness.Transport.SendAsync(Post(ReplayRule.Unsafe), CancellationToken.None));

            Assert.Equal(status, ex.StatusCode);
            Assert.Single(harness.Requests);
        }

        [Fact]
        public async Task A_keyed_POST_that_timed_out_after_sending_is_retried()
        {
            using var harness = new TransportHarness();
            Server(harness, HangPast(harness, TimeSpan.FromSeconds(31)), Answer(Created));

            TransportResponse response = await harness.Transport.SendAsync(Post(ReplayRule.Keyed), CancellationToken.None);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(2, harness.Requests.Length);
            Assert.Equal(1, harness.Transport.Statistics.AttemptTimeoutRetries);
        }

        [Fact]
        public async Task A_multipart_body_is_built_again_for_each_attempt_with_the_file_read_anew()
        {
            string file = Path.Combine(Path.GetTempPath(), "sq-transport-" + Guid.NewGuid().ToString("N") + ".png");
            File.WriteAllText(file, "first image");
            try
            {
                using var harness = new TransportHarness();
                Server(harness,
                    _ =>
                    {
                        // The file changes after the first attempt was read: only a body opened again would carry the change.
                        File.WriteAllText(file, "second image");
                        return Task.FromResult(Answers.Json(HttpStatusCode.ServiceUnavailable, "{}", ("Retry-After", "1")));
                    },
                    Answer(Created));
                var body = new MultipartBody(
                    new[] { new KeyValuePair<string, string>("model", "sora-2"), new KeyValuePair<string, string>("seconds", "4") },
                    new MultipartFile("input_reference", file, "image/png"));

                await harness.Transport.SendAsync(new TransportRequest(HttpMethod.Post, "videos", RequestPriority.Submission, ReplayRule.Keyed, body: body), CancellationToken.None);

                RecordedRequest[] attempts = harness.Requests;
                Assert.Equal(2, attempts.Length);
                Assert.All(attempts, a => Assert.StartsWith("multipart/form-data; boundary=", a.Header("Content-Type")));
                Assert.All(attempts, a => Assert.Contains("name=\"model\"", a.Body));
                Assert.All(attempts, a => Assert.Contains("name=\"input_reference\"; filename=\"" + Path.GetFileName(file) + "\"", a.Body));
                Assert.Contains("first image", attempts[0].Body);
                Assert.Contains("second image", attempts[1].Body);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public async Task A_body_whose_file_is_gone_fails_at_once_and_sends_nothing()
        {
            using var harness = new TransportHarness();
            var body = new MultipartBody(new KeyValuePair<string, string>[0], new MultipartFile("input_reference", Path.Combine(Path.GetTempPath(), "sq-missing-" + Guid.NewGuid().ToString("N") + ".png"), "image/png"));

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                harness.Transport.SendAsync(new TransportRequest(HttpMethod.Post, "videos", RequestPriority.Submission, ReplayRule.Unsafe, body: body), CancellationToken.None));

            Assert.StartsWith("POST /videos was not sent: its body could not be built", ex.Message);
            Assert.Empty(harness.Requests);
        }

        [Fact]
        public async Task A_named_header_credential_is_sent_and_never_shown()
        {
            using var harness = new TransportHarness { Credential = ApiCredential.Header("x-api-key", "sk-nano-secret-value-1234", "sk-nano-") };
            Server(harness, Answer(() => Answers.Json(HttpStatusCode.Unauthorized, "{\"error\":\"bad key sk-nano-secret-value-1234\"}")));

            var ex = await Assert.ThrowsAsync<VideoApiException>(() =>
                harness.Transport.SendAsync(new TransportRequest(HttpMethod.Get, "models", RequestPriority.Normal, ReplayRule.Safe), CancellationToken.None));

            RecordedRequest sent = Assert.Single(harness.Requests);
            Assert.Equal("sk-nano-secret-value-1234", sent.Header("x-api-key"));
            Assert.Null(sent.Header("Authorization"));
            Assert.DoesNotContain("secret-value", ex.Message);
            Assert.Contains("sk-nano-…", ex.Message);
            Assert.Equal("x-api-key: sk-nano-…", harness.Credential.ToString());
        }
    }
}
