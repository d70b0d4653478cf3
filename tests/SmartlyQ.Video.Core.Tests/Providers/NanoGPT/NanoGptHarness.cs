using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.NanoGPT;
using SmartlyQ.Video.Core.Tests.Support;

namespace SmartlyQ.Video.Core.Tests.Providers.NanoGPT
{
    /// <summary>A <see cref="NanoGptClient"/> as Connect builds it (registry entry, x-api-key credential), wired to MockHttp and a virtual clock.</summary>
    internal sealed class NanoGptHarness : IDisposable
    {
        public const string Base = "https://nano.test/api";
        public const string Origin = "https://nano.test";

        /// <summary>A key of the documented format; no message may ever contain <see cref="TestKeys.SecretPart"/>.</summary>
        public const string Key = "sk-nano-" + TestKeys.SecretPart + "-4000-8000-000000000000";

        private NanoGptClient? _client;

        public NanoGptHarness()
        {
            Recorder = new RecordingHandler(Mock);
        }

        public MockHttpMessageHandler Mock { get; } = new MockHttpMessageHandler();

        public RecordingHandler Recorder { get; }

        public RecordingTimeProvider Clock { get; } = new RecordingTimeProvider();

        public int MaxRetries { get; set; } = 4;

        public RecordedRequest[] Requests => Recorder.Requests;

        public NanoGptClient Client => _client ??= new NanoGptClient(new ProviderSettings
        {
            BaseUri = new Uri(Base),
            Credential = NanoGptProvider.Entry.Credential(Key),
            Handler = Recorder,
            MaxRetries = MaxRetries,
        }, Clock);

        public static HttpResponseMessage Json(int status, string json, params (string Name, string Value)[] headers)
            => Answers.Json((HttpStatusCode)status, json, headers);

        /// <summary>Answers every request to <paramref name="url"/> with the next of <paramref name="answers"/>; the last repeats.</summary>
        public void Sequence(HttpMethod method, string url, params Func<HttpResponseMessage>[] answers)
        {
            int next = 0;
            Mock.When(method, url).Respond(_ =>
            {
                int index = System.Threading.Interlocked.Increment(ref next) - 1;
                return answers[Math.Min(index, answers.Length - 1)]();
            });
        }

        public void Dispose()
        {
            _client?.Dispose();
            Recorder.Dispose();
        }
    }
}
