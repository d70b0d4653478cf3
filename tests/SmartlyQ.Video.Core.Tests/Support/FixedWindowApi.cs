using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>One request as <see cref="FixedWindowApi"/> saw it.</summary>
    internal sealed record ServedRequest(DateTimeOffset At, string Method, string Path, long Window, int Status);

    /// <summary>
    /// A fake SmartlyQ API on the virtual clock that limits like the sandbox: a fixed window of <see cref="Limit"/>
    /// requests per <see cref="Window"/> whose grid started before the client did, <c>X-RateLimit-Limit/Remaining/Reset</c>
    /// on every answer (Reset = window end in Unix seconds, rounded up), 429 + <c>Retry-After</c> beyond the limit.
    /// Answers jobs, submissions, the account and files; install it with <see cref="Install"/>.
    /// </summary>
    internal sealed class FixedWindowApi
    {
        private readonly object _gate = new object();
        private readonly RecordingTimeProvider _clock;
        private readonly Dictionary<long, int> _counts = new Dictionary<long, int>();
        private readonly List<ServedRequest> _served = new List<ServedRequest>();
        private int _jobs;

        public FixedWindowApi(RecordingTimeProvider clock, int limit, TimeSpan window, TimeSpan? phase = null)
        {
            _clock = clock;
            Limit = limit;
            Window = window;

            // The server's windows did not start with this client: by default the current one is 7.3 s old.
            Origin = clock.Now - (phase ?? TimeSpan.FromSeconds(7.3));
        }

        public int Limit { get; set; }

        public TimeSpan Window { get; }

        public DateTimeOffset Origin { get; }

        /// <summary>When set, answers carry this <c>Date</c> instead of none (a server whose clock differs from ours).</summary>
        public Func<DateTimeOffset, DateTimeOffset>? ServerClock { get; set; }

        /// <summary>When true, <c>X-RateLimit-Reset</c> is the window's end rounded down to the second (the sandbox rounds up).</summary>
        public bool RoundResetDown { get; set; }

        /// <summary>
        /// How much later than advertised the windows really turn (a server whose timer drifts): admission follows the
        /// late windows, the headers the punctual ones.
        /// </summary>
        public TimeSpan Lag { get; set; }

        /// <summary>Called with each request before it is answered (e.g. to block it).</summary>
        public Func<HttpRequestMessage, CancellationToken, Task>? BeforeAnswer { get; set; }

        public ServedRequest[] Served
        {
            get
            {
                lock (_gate) return _served.ToArray();
            }
        }

        /// <summary>Answers with status 429.</summary>
        public int Rejected => Served.Count(r => r.Status == 429);

        /// <summary>The most requests admitted in one window, those spent by others included.</summary>
        public int MostInOneWindow
        {
            get
            {
                lock (_gate) return _counts.Count == 0 ? 0 : _counts.Values.Max();
            }
        }

        public long WindowOf(DateTimeOffset at) => (long)Math.Floor((at - Origin).Ticks / (double)Window.Ticks);

        public DateTimeOffset EndOf(long window) => Origin + TimeSpan.FromTicks(Window.Ticks * (window + 1));

        /// <summary>Another client on the same key spends <paramref name="requests"/> of the current window.</summary>
        public void SpendByOthers(int requests)
        {
            lock (_gate)
            {
                long window = WindowOf(_clock.Now);
                _counts[window] = (_counts.TryGetValue(window, out int n) ? n : 0) + requests;
            }
        }

        public void Install(ClientHarness harness)
            => harness.Recorder.Server = async (request, token) =>
            {
                // Answer off the caller's thread, as a real server does, so concurrent calls are in flight together.
                await Task.Yield();
                if (BeforeAnswer != null) await BeforeAnswer(request, token);
                return Answer(request);
            };

        public HttpResponseMessage Answer(HttpRequestMessage request)
        {
            // Another host (a CDN): not this API, not limited.
            if (request.RequestUri!.Host != new Uri(ClientHarness.Base).Host) return Answers.Bytes(new byte[] { 9, 9, 9 });

            DateTimeOffset now;
            long window;
            int used;
            bool admitted;
            lock (_gate)
            {
                now = _clock.Now;
                window = WindowOf(now - Lag);
                used = _counts.TryGetValue(window, out int n) ? n : 0;
                admitted = used < Limit;
                if (admitted) _counts[window] = ++used;
                _served.Add(new ServedRequest(now, request.Method.Method, request.RequestUri!.AbsolutePath, window, admitted ? 200 : 429));
            }

            DateTimeOffset end = EndOf(window);
            if (!admitted && now >= end) end = now + TimeSpan.FromSeconds(0.1); // lagging: "retry in a moment"
            HttpResponseMessage response = admitted
                ? Body(request)
                : Answers.Error(429, "RATE_LIMITED", "Too many requests.",
                    ("Retry-After", Math.Max(1, Math.Ceiling((end - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture)));
            response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", Limit.ToString(CultureInfo.InvariantCulture));
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", Math.Max(0, Limit - used).ToString(CultureInfo.InvariantCulture));
            long reset = RoundResetDown ? ServerTime(end).ToUnixTimeSeconds() : UnixSeconds(ServerTime(end));
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture));
            if (ServerClock != null) response.Headers.Date = Floor(ServerTime(now));
            return response;
        }

        /// <summary>Unix seconds of <paramref name="at"/>, rounded up like the sandbox.</summary>
        public static long UnixSeconds(DateTimeOffset at) => (long)Math.Ceiling(at.ToUnixTimeMilliseconds() / 1000.0);

        private DateTimeOffset ServerTime(DateTimeOffset local) => ServerClock?.Invoke(local) ?? local;

        private static DateTimeOffset Floor(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

        private HttpResponseMessage Body(HttpRequestMessage request)
        {
            string path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path.EndsWith("/videos/generate", StringComparison.Ordinal))
            {
                int id = Interlocked.Increment(ref _jobs);
                return Answers.Json(HttpStatusCode.Accepted, "{\"success\":true,\"data\":{\"job_uid\":\"job_" + id + "\",\"status\":\"queued\"}}");
            }

            if (path.Contains("/files/")) return Answers.Bytes(new byte[] { 1, 2, 3 });
            if (path.EndsWith("/jobs", StringComparison.Ordinal)) return Answers.Ok("{\"success\":true,\"data\":[]}");
            if (path.EndsWith("/cancel", StringComparison.Ordinal)) return Answers.Ok("{\"success\":true,\"data\":{\"id\":\"job_x\",\"status\":\"cancelled\"}}");
            if (path.Contains("/jobs/"))
            {
                string id = path.Substring(path.LastIndexOf('/') + 1);
                return Answers.Ok("{\"success\":true,\"data\":{\"id\":\"" + id + "\",\"status\":\"processing\"}}");
            }

            return Answers.Data("{\"id\":\"acct_1\",\"name\":\"Test\"}");
        }
    }
}
