using System;
using System.Collections.Concurrent;
using System.Net.Http;
using RichardSzalay.MockHttp;
using SmartlyQ.Video.Core.Providers.SmartlyQ;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>A <see cref="SmartlyQClient"/> wired to MockHttp, a recording clock and a captured log.</summary>
    internal sealed class ClientHarness : IDisposable
    {
        public const string Base = "https://api.test/v1";
        private readonly ConcurrentQueue<string> _log = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _trace = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _debug = new ConcurrentQueue<string>();
        private SmartlyQClient? _client;

        public ClientHarness()
        {
            Recorder = new RecordingHandler(Mock);
        }

        public MockHttpMessageHandler Mock { get; } = new MockHttpMessageHandler();

        public RecordingHandler Recorder { get; }

        public RecordingTimeProvider Clock { get; } = new RecordingTimeProvider();

        /// <summary>When set, the client uses this clock instead of <see cref="Clock"/> (e.g. the real one).</summary>
        public TimeProvider? RealClock { get; set; }

        public Uri BaseUri { get; set; } = new Uri(Base);

        public int MaxRetries { get; set; } = 4;

        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Null: the client's default (30 s).</summary>
        public TimeSpan? AttemptTimeout { get; set; }

        /// <summary>Null: the client's default (5 min).</summary>
        public TimeSpan? TotalTimeout { get; set; }

        /// <summary>Null: the client's default (none).</summary>
        public TimeSpan? DownloadTotalTimeout { get; set; }

        /// <summary><see cref="SmartlyQClientOptions.Pacing"/> (default on, as in production).</summary>
        public bool Pacing { get; set; } = true;

        public string[] Log => _log.ToArray();

        /// <summary>The client's per-request trace (<see cref="SmartlyQClientOptions.RequestLog"/>).</summary>
        public string[] Trace => _trace.ToArray();

        /// <summary>The client's header lines (<see cref="SmartlyQClientOptions.DebugLog"/>).</summary>
        public string[] DebugLines => _debug.ToArray();

        public RecordedRequest[] Requests => Recorder.Requests;

        public SmartlyQClient Client => _client ??= new SmartlyQClient(Options(), RealClock ?? Clock);

        public SmartlyQClientOptions Options() => new SmartlyQClientOptions
        {
            ApiKey = ApiKey.FromPlainText(TestKeys.Live),
            BaseUri = BaseUri,
            MaxRetries = MaxRetries,
            RetryBaseDelay = RetryBaseDelay,
            MaxRetryDelay = MaxRetryDelay,
            AttemptTimeout = AttemptTimeout ?? SmartlyQClientOptions.DefaultAttemptTimeout,
            TotalTimeout = TotalTimeout ?? SmartlyQClientOptions.DefaultTotalTimeout,
            DownloadTotalTimeout = DownloadTotalTimeout ?? System.Threading.Timeout.InfiniteTimeSpan,
            Pacing = Pacing,
            Log = line => _log.Enqueue(line),
            RequestLog = line => _trace.Enqueue(line),
            DebugLog = line => _debug.Enqueue(line),
            Handler = Recorder,
        };

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
