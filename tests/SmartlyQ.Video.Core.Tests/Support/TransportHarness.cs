using System;
using System.Collections.Concurrent;
using System.Net.Http;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>An <see cref="HttpTransport"/> of no particular API, wired to MockHttp and the recording clock.</summary>
    internal sealed class TransportHarness : IDisposable
    {
        public const string Base = "https://api.test/v1";
        private readonly ConcurrentQueue<string> _log = new ConcurrentQueue<string>();
        private HttpTransport? _transport;

        public TransportHarness()
        {
            Recorder = new RecordingHandler(Mock);
        }

        public MockHttpMessageHandler Mock { get; } = new MockHttpMessageHandler();

        public RecordingHandler Recorder { get; }

        public RecordingTimeProvider Clock { get; } = new RecordingTimeProvider();

        public ApiCredential Credential { get; set; } = ApiCredential.Bearer("sk-test-transport-0000000000", "sk-test-");

        public RecordedRequest[] Requests => Recorder.Requests;

        public string[] Log => _log.ToArray();

        public HttpTransport Transport => _transport ??= new HttpTransport(new TransportOptions
        {
            ProviderName = "Test",
            BaseUri = new Uri(Base),
            Credential = Credential,
            ErrorReader = new StatusErrorReader(),
            RateLimits = new NoRateLimits(),
            Pacing = false,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            Log = line => _log.Enqueue(line),
            Handler = Recorder,
        }, Clock);

        public void Dispose()
        {
            _transport?.Dispose();
            Recorder.Dispose();
        }

        /// <summary>An API whose errors are only their status.</summary>
        private sealed class StatusErrorReader : IResponseErrorReader
        {
            public VideoApiException Read(TransportResponse response, string operation)
                => new VideoApiException("Test", response.StatusCode, ApiErrorKinds.FromStatus(response.StatusCode), null, operation + ": " + response.StatusText + " " + response.Text(),
                    requestId: response.RequestId, retryAfter: response.RetryAfter);

            public string? RequestId(TransportResponse response) => response.Header("x-request-id");
        }

        /// <summary>An API without rate-limit headers.</summary>
        private sealed class NoRateLimits : IRateLimitReader
        {
            public RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now) => default;
            public bool IsLimiterRefusal(HttpResponseMessage response) => false;
        }
    }
}
