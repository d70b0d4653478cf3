using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Resilience;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Pacing
{
    /// <summary>
    /// Client-side pacing of one API key: every attempt a <see cref="HttpTransport"/> sends to the API waits here for
    /// a permit first, so that, as the key's only client, the client never receives a 429.
    /// <para>
    /// <b>Budget.</b> The permits of the current window are held by a <see cref="FixedWindowRateLimiter"/> (the
    /// server's limiter is a fixed window too) whose windows this class moves by hand, on the server's clock:
    /// it starts with the provider's <see cref="RateLimitSeed"/> (SmartlyQ's documented 60 per 60 s) and follows the
    /// rate-limit headers of every answer as the provider's <see cref="IRateLimitReader"/> reads them into a
    /// <see cref="RateLimitInfo"/>: <c>Limit</c> replaces the limiter when it changes; <c>Reset</c> (Unix seconds,
    /// measured against the answer's <c>Date</c>) says when the window ends — permits come back <see cref="ResetMargin"/> after it (enough
    /// for a server that rounds the reset up, as the sandbox does; after a 429 that comes right after the window
    /// turned, the server rounds down or turns late, and the margin grows to <see cref="WideResetMargin"/>, then by a
    /// second per such 429 up to <see cref="WidestResetMargin"/>), less
    /// the requests still in flight (they may land in the new window). <c>Remaining</c> below the local count drains
    /// the difference (another client or an earlier run spent it). The first answer from a newer window sets the
    /// permits to the limit less that request and those in flight, or to its <c>Remaining</c> if lower; an answer
    /// from a window already over is ignored. So <c>Remaining: 0</c> holds every request until the window ends.
    /// </para>
    /// <para>
    /// <b>Learning.</b> Until the first answer arrives, at the start of each window, and again after a 429, only one
    /// request is in flight (a probe): its headers say what is left before anything else is sent. A 429 that still
    /// arrives (another client on the key) is counted in <see cref="ClientStatistics.RateLimited429Received"/> and
    /// holds every request for its <c>Retry-After</c>, capped at <see cref="TransportOptions.MaxRetryDelay"/>
    /// like the retry wait.
    /// </para>
    /// <para>
    /// <b>Priority.</b> A freed permit goes to the oldest waiting <see cref="RequestPriority.Submission"/>, else the
    /// oldest <see cref="RequestPriority.Normal"/>, else the oldest <see cref="RequestPriority.Poll"/>; a new request
    /// never overtakes a waiting one of its own or a higher class. While submissions are busy (one waits, is in
    /// flight, or was answered less than <see cref="SubmissionLinger"/> ago) polls may take at most
    /// <see cref="PollShare"/> permits per window (a tenth of the limit, at least one), so a batch is submitted at
    /// nearly the full rate and finished jobs are still noticed; otherwise polls take what is free.
    /// </para>
    /// <para>
    /// A request that has to wait allocates one waiter; one that does not allocates nothing. Waiting honours the
    /// caller's token. A wait of <see cref="LogThreshold"/> or more with a known end logs one line.
    /// </para>
    /// </summary>
    internal sealed class RequestPacer : IDisposable
    {
        /// <summary>
        /// Slack after the server's reset before permits come back, for the server's timer firing a little late. Enough
        /// when the reset is the window's end rounded up to the second (the sandbox; the reset is then
        /// up to a second early already). <c>Date</c>'s part-second is handled by the clock offset.
        /// </summary>
        public static readonly TimeSpan ResetMargin = TimeSpan.FromSeconds(0.25);

        /// <summary>
        /// The slack once a 429 arrived right after a window turned: the server rounds the reset down (its window may end
        /// up to a second after it) or its windows drift late. Each further such 429 adds a second, up to <see cref="WidestResetMargin"/>.
        /// </summary>
        public static readonly TimeSpan WideResetMargin = TimeSpan.FromSeconds(1.25);

        /// <summary>The most slack the margin grows to.</summary>
        public static readonly TimeSpan WidestResetMargin = TimeSpan.FromSeconds(5.25);

        /// <summary>How soon after the window turned a 429 means the reset is rounded down rather than someone else's doing.</summary>
        private static readonly TimeSpan EarlyTurnWindow = TimeSpan.FromSeconds(2);

        /// <summary>How long after a submission's answer submissions still count as busy (the next row is usually on its way).</summary>
        public static readonly TimeSpan SubmissionLinger = TimeSpan.FromSeconds(1);

        /// <summary>Shortest wait that is logged.</summary>
        public static readonly TimeSpan LogThreshold = TimeSpan.FromSeconds(1);

        private const int PollShareDivisor = 10;
        private const int LargestLimit = 1_000_000_000;
        private static readonly TimeSpan RoundingTolerance = TimeSpan.FromSeconds(2);
        private static readonly int Classes = (int)RequestPriority.Unpaced;

        private readonly object _gate = new object();
        private readonly bool _enabled;
        private readonly TimeProvider _time;
        private readonly Action<string>? _log;
        private readonly ClientStatistics _statistics;
        private readonly TimeSpan _maxHold;
        private readonly Queue<PacerWaiter>[] _queues;
        private readonly int[] _waiting;
        private readonly ITimer? _timer;
        private FixedWindowRateLimiter _permits;
        private readonly IRateLimitReader _reader;
        private readonly TimeSpan _seedWindow;
        private int _limit;
        private bool _limitKnown;
        private TimeSpan _window;
        private bool _windowStated;
        private TimeSpan? _shortestStep;
        private TimeSpan _longestLeft;
        private TimeSpan? _clockOffset;
        private readonly DateTimeOffset[] _loggedUntil = new DateTimeOffset[3];
        private long _serverReset;
        private bool _serverWindowOver;
        private DateTimeOffset? _windowEnd;
        private DateTimeOffset _holdUntil = DateTimeOffset.MinValue;
        private DateTimeOffset _lingerUntil = DateTimeOffset.MinValue;
        private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;
        private DateTimeOffset _turnedAt = DateTimeOffset.MinValue;
        private TimeSpan _margin = ResetMargin;
        private bool _probing = true;
        private bool _probeInFlight;
        private int _inFlight;
        private int _submissionsInFlight;
        private int _pollsThisWindow;
        private bool _disposed;

        /// <param name="enabled">False: nothing waits (answers are still read for <see cref="RequestsPerSecond"/> and 429s counted).</param>
        /// <param name="time">The clock of windows and holds.</param>
        /// <param name="log">Receives the wait lines (already redacting).</param>
        /// <param name="statistics">Where 429s and waits are counted.</param>
        /// <param name="maxHold">Longest hold after a 429 (<see cref="TransportOptions.MaxRetryDelay"/>).</param>
        /// <param name="seed">The limit and window assumed until an answer shows them (the provider's documented default).</param>
        /// <param name="reader">Reads the provider's rate-limit headers.</param>
        public RequestPacer(bool enabled, TimeProvider time, Action<string>? log, ClientStatistics statistics, TimeSpan maxHold, RateLimitSeed seed, IRateLimitReader reader)
        {
            _enabled = enabled;
            _time = time ?? throw new ArgumentNullException(nameof(time));
            _log = log;
            _statistics = statistics ?? throw new ArgumentNullException(nameof(statistics));
            _maxHold = maxHold;
            if (seed == null) throw new ArgumentNullException(nameof(seed));
            _reader = reader ?? throw new ArgumentNullException(nameof(reader));
            _limit = seed.Limit;
            _window = _seedWindow = seed.Window;
            _permits = CreatePermits(_limit);
            _queues = new Queue<PacerWaiter>[Classes];
            for (int i = 0; i < Classes; i++) _queues[i] = new Queue<PacerWaiter>();
            _waiting = new int[Classes];
            if (!enabled) return;

            // The timer must not keep the creating flow's async-locals (a cmdlet's log sink) alive.
            if (ExecutionContext.IsFlowSuppressed())
            {
                _timer = CreateTimer();
            }
            else
            {
                using (ExecutionContext.SuppressFlow()) _timer = CreateTimer();
            }
        }

        /// <summary>False when <see cref="TransportOptions.Pacing"/> is off.</summary>
        public bool Enabled => _enabled;

        /// <summary>Limit ÷ window as the answers have shown them; null until an answer carried a limit.</summary>
        public double? RequestsPerSecond
        {
            get
            {
                lock (_gate) return _limitKnown ? _limit / _window.TotalSeconds : (double?)null;
            }
        }

        /// <summary>Requests per window as currently known.</summary>
        public int Limit
        {
            get
            {
                lock (_gate) return _limit;
            }
        }

        /// <summary>Window length as currently known.</summary>
        public TimeSpan Window
        {
            get
            {
                lock (_gate) return _window;
            }
        }

        /// <summary>Permits left in the current window (before it ends on its own).</summary>
        public int AvailablePermits
        {
            get
            {
                lock (_gate) return _disposed ? 0 : Available();
            }
        }

        /// <summary>Requests waiting for a permit now.</summary>
        public int Waiting
        {
            get
            {
                lock (_gate) return _waiting[0] + _waiting[1] + _waiting[2];
            }
        }

        /// <summary>Requests sent with a permit and not yet answered.</summary>
        public int InFlight
        {
            get
            {
                lock (_gate) return _inFlight;
            }
        }

        /// <summary>The slack after the server's reset now in use: <see cref="ResetMargin"/>, or <see cref="WideResetMargin"/> after an early 429.</summary>
        public TimeSpan Margin
        {
            get
            {
                lock (_gate) return _margin;
            }
        }

        /// <summary>Polls allowed per window while submissions are busy: a tenth of the limit, at least one.</summary>
        public int PollShare
        {
            get
            {
                lock (_gate) return PollShareOf(_limit);
            }
        }

        /// <summary>
        /// Waits until an attempt of class <paramref name="priority"/> may be sent, and takes its permit. Returns at once
        /// (without allocating) when a permit is free and nobody of the same or a higher class waits.
        /// <paramref name="operation"/> (no query string) names the request in the wait line. Throws
        /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires first.
        /// </summary>
        public ValueTask<PacerLease> AcquireAsync(RequestPriority priority, string operation, CancellationToken cancellationToken)
        {
            if (!_enabled || priority == RequestPriority.Unpaced) return new ValueTask<PacerLease>(new PacerLease(priority, counted: false, probe: false));
            cancellationToken.ThrowIfCancellationRequested();

            PacerWaiter waiter;
            string? line;
            lock (_gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(HttpTransport));
                DateTimeOffset now = _time.GetUtcNow();
                EndWindowIfDue(now);

                // Those already waiting go first if they can go now (their timer may not have fired yet).
                Dispatch(now);
                if (!AnyWaitingFrom(priority) && TryTake(priority, now, out PacerLease lease)) return new ValueTask<PacerLease>(lease);

                waiter = new PacerWaiter(priority, cancellationToken);
                _queues[(int)priority].Enqueue(waiter);
                _waiting[(int)priority]++;
                line = DescribeWait(priority, now, operation);
                Schedule(now);
            }

            _statistics.AddPacingWait();
            if (line != null) _log?.Invoke(line);
            return WaitAsync(waiter);
        }

        /// <summary>
        /// Gives back the lease of an attempt with its answer (null when none came: network error, timeout,
        /// cancellation). Counts a 429; for API answers applies the rate-limit headers, or a 429's hold.
        /// </summary>
        public void Complete(PacerLease lease, HttpResponseMessage? response)
        {
            bool limited = response != null && (int)response.StatusCode == 429;
            if (limited) _statistics.AddRateLimited429Received();
            if (!lease.Observed) return;

            DateTimeOffset now = _time.GetUtcNow();
            RateLimitInfo info = response != null && !limited ? _reader.Read(response, now) : default;
            TimeSpan? retryAfter = limited ? RetryAfterHeader.Read(response, _time) : null;
            string? line = null;
            lock (_gate)
            {
                if (_disposed) return;
                if (lease.Counted)
                {
                    _inFlight--;
                    if (lease.Priority == RequestPriority.Submission)
                    {
                        _submissionsInFlight--;
                        _lingerUntil = now + SubmissionLinger;
                    }

                    if (lease.Probe) _probeInFlight = false;
                }

                if (limited)
                {
                    line = Throttled(retryAfter, now);
                }
                else if (response != null)
                {
                    Correct(info, now);
                    _probing = false;
                }

                if (_enabled)
                {
                    EndWindowIfDue(now);
                    Dispatch(now);
                    Schedule(now);
                }
            }

            if (line != null && _enabled) _log?.Invoke(line);
        }

        /// <summary>Fails every waiting request with <see cref="ObjectDisposedException"/> and stops the timer.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                for (int p = 0; p < Classes; p++)
                {
                    foreach (PacerWaiter waiter in _queues[p])
                        if (waiter.IsWaiting) waiter.Fail(new ObjectDisposedException(nameof(HttpTransport)));
                    _queues[p].Clear();
                    _waiting[p] = 0;
                }

                _permits.Dispose();
            }

            _timer?.Dispose();
        }

        private static int PollShareOf(int limit) => Math.Max(1, limit / PollShareDivisor);

        private static FixedWindowRateLimiter CreatePermits(int limit)
            => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,

                // Windows follow the server's reset, on the pacer's clock: replenished by hand, never by the library's
                // own timer. (The library requires a positive window; one tick lets every TryReplenish through.)
                Window = TimeSpan.FromTicks(1),
                AutoReplenishment = false,
                QueueLimit = 0,
            });

        private ITimer CreateTimer() => _time.CreateTimer(state => ((RequestPacer)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        private async ValueTask<PacerLease> WaitAsync(PacerWaiter waiter)
        {
            // Disposed here, outside the lock: disposing waits for a running cancel callback, which takes the lock.
            using (waiter.CancellationToken.Register(() => CancelWaiter(waiter)))
            {
                return await waiter.Task.ConfigureAwait(false);
            }
        }

        private void CancelWaiter(PacerWaiter waiter)
        {
            lock (_gate)
            {
                if (!waiter.IsWaiting) return;
                waiter.Cancel();
                _waiting[(int)waiter.Priority]--;
                if (_disposed) return;

                // A submission that gave up may have been what held the polls back.
                DateTimeOffset now = _time.GetUtcNow();
                Dispatch(now);
                Schedule(now);
            }
        }

        private void OnTimer()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _timerDue = DateTimeOffset.MaxValue;
                DateTimeOffset now = _time.GetUtcNow();
                EndWindowIfDue(now);
                Dispatch(now);
                Schedule(now);
            }
        }

        private bool AnyWaitingFrom(RequestPriority priority)
        {
            for (int p = 0; p <= (int)priority; p++)
                if (_waiting[p] > 0) return true;
            return false;
        }

        private bool SubmissionsBusy(DateTimeOffset now)
            => _waiting[(int)RequestPriority.Submission] > 0 || _submissionsInFlight > 0 || now < _lingerUntil;

        /// <summary>Takes a permit for <paramref name="priority"/> if nothing holds it back.</summary>
        private bool TryTake(RequestPriority priority, DateTimeOffset now, out PacerLease lease)
        {
            lease = default;
            if (now < _holdUntil) return false;
            if (_probing && _probeInFlight) return false;
            if (priority == RequestPriority.Poll && _pollsThisWindow >= PollShareOf(_limit) && SubmissionsBusy(now)) return false;

            // A successful lease is the library's shared instance: taking a permit allocates nothing.
            using (RateLimitLease permit = _permits.AttemptAcquire(1))
            {
                if (!permit.IsAcquired) return false;
            }

            if (!_windowEnd.HasValue) _windowEnd = now + _window;
            _inFlight++;
            if (priority == RequestPriority.Submission) _submissionsInFlight++;
            if (priority == RequestPriority.Poll) _pollsThisWindow++;
            bool probe = _probing;
            if (probe) _probeInFlight = true;
            lease = new PacerLease(priority, counted: true, probe);
            return true;
        }

        /// <summary>Serves waiting requests, highest class first, oldest first, while permits allow.</summary>
        private void Dispatch(DateTimeOffset now)
        {
            while (true)
            {
                int p = 0;
                while (p < Classes && _waiting[p] == 0)
                {
                    _queues[p].Clear(); // only cancelled waiters are left in it
                    p++;
                }

                if (p == Classes) return;
                Queue<PacerWaiter> queue = _queues[p];
                while (!queue.Peek().IsWaiting) queue.Dequeue();
                if (!TryTake((RequestPriority)p, now, out PacerLease lease)) return;
                PacerWaiter waiter = queue.Dequeue();
                _waiting[p]--;
                waiter.Grant(lease);
            }
        }

        /// <summary>Arms the timer for the next moment a waiting request could go: hold end, window end or linger end.</summary>
        private void Schedule(DateTimeOffset now)
        {
            if (_timer == null || _disposed) return;
            DateTimeOffset due = DateTimeOffset.MaxValue;
            bool waiting = _waiting[0] + _waiting[1] + _waiting[2] > 0;

            // While a probe is out, its answer (not the clock) decides what happens next.
            if (waiting && !(_probing && _probeInFlight))
            {
                if (now < _holdUntil)
                {
                    due = _holdUntil;
                }
                else
                {
                    if (!_windowEnd.HasValue) _windowEnd = now + _window;
                    if (_windowEnd.Value > now) due = _windowEnd.Value;
                    if (_waiting[(int)RequestPriority.Poll] > 0 && _lingerUntil > now && _lingerUntil < due) due = _lingerUntil;
                }
            }

            if (due == _timerDue) return;
            _timerDue = due;
            _timer.Change(due == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : due - now, Timeout.InfiniteTimeSpan);
        }

        /// <summary>When the window's end has passed: a fresh window, less the requests still in flight (they may land in it).</summary>
        private void EndWindowIfDue(DateTimeOffset now)
        {
            if (!(_windowEnd is DateTimeOffset end) || now < end) return;
            long windows = 1 + (now - end).Ticks / _window.Ticks;
            _windowEnd = end + TimeSpan.FromTicks(_window.Ticks * Math.Min(windows, 1000));
            if (_windowEnd <= now) _windowEnd = now + _window;
            _serverWindowOver = true;
            _pollsThisWindow = 0;
            _turnedAt = now;

            // The new window starts with one request: should the server not have turned yet, only that one is refused.
            _probing = true;
            SetAvailable(_limit - _inFlight);
        }

        /// <summary>
        /// A 429: learn again with one request at a time, after the server's Retry-After (capped). Right after the window
        /// turned, the permits came back too early (the server's reset is rounded down, or its windows turn late), so
        /// wait longer past the reset from now on. Returns the line that says so, if any.
        /// </summary>
        private string? Throttled(TimeSpan? retryAfter, DateTimeOffset now)
        {
            _probing = true;
            _clockOffset = null;
            string? line = null;
            if (now - _turnedAt < EarlyTurnWindow && _margin < WidestResetMargin)
            {
                TimeSpan wider = _margin < WideResetMargin ? WideResetMargin : _margin + TimeSpan.FromSeconds(1);
                if (wider > WidestResetMargin) wider = WidestResetMargin;
                if (_windowEnd.HasValue) _windowEnd = _windowEnd.Value + (wider - _margin);
                _margin = wider;
                _turnedAt = DateTimeOffset.MinValue; // one widening per turn, however many answers were refused
                line = "Pacing: a 429 came right after the rate-limit window turned; from now on waiting "
                       + TransientFailure.Seconds(wider) + " past the rate-limit reset";
            }

            if (!(retryAfter is TimeSpan wait) || wait <= TimeSpan.Zero) return line;
            if (wait > _maxHold) wait = _maxHold;
            if (now + wait > _holdUntil) _holdUntil = now + wait;
            return line;
        }

        /// <summary>Applies the rate-limit headers of an answer (see the class summary).</summary>
        private void Correct(RateLimitInfo info, DateTimeOffset now)
        {
            if (!info.Any) return;
            if (info.Limit is long limit)
            {
                _limitKnown = true;
                int newLimit = (int)Math.Min(limit, LargestLimit);
                if (newLimit != _limit) ChangeLimit(newLimit);
            }

            if (info.Window is TimeSpan stated && stated >= TimeSpan.FromSeconds(1))
            {
                _window = stated;
                _windowStated = true;
            }

            LearnClockOffset(info, now);
            if (info.Reset is long reset)
            {
                // An answer from a window that is already over says nothing about the current one.
                if (reset < _serverReset || reset == _serverReset && _serverWindowOver) return;

                DateTimeOffset localReset = info.LocalReset(_clockOffset ?? TimeSpan.Zero);
                TimeSpan left = localReset > now ? localReset - now : TimeSpan.Zero;
                DateTimeOffset end = now + left + _margin;
                if (reset > _serverReset)
                {
                    // The first answer from a new window: it holds this request, and those in flight may land in it too.
                    LearnWindow(reset, left);

                    // Unless the local window already turned (and counted its polls), this answer starts it.
                    if (!_serverWindowOver) _pollsThisWindow = 0;
                    _serverReset = reset;
                    _serverWindowOver = false;
                    _windowEnd = end;
                    long target = _limit - 1 - _inFlight;
                    if (info.Remaining is long serverLeft && serverLeft < target) target = serverLeft;
                    SetAvailable((int)Math.Max(0, target));
                    return;
                }

                // Same window: every answer's estimate is late by its rounding and travel time; the earliest is closest.
                if (!_windowEnd.HasValue || end < _windowEnd.Value) _windowEnd = end;
            }

            // Same window: the local count already holds every request sent in it; fewer left at the server means
            // someone else spent them (or answers were lost), so drain the difference.
            if (info.Remaining is long remaining) Drain((int)Math.Min(remaining, _limit));
        }

        /// <summary>
        /// The server's clock minus ours, measured from <c>Date</c> headers: the largest <c>Date − now</c> seen. Each is
        /// a lower bound (late by the part-second <c>Date</c> drops, the answer's travel time, and a server that caches
        /// its <c>Date</c> under load), so the largest is both safe and the closest. Learned again after a 429, in case
        /// our clock was set forward.
        /// </summary>
        private void LearnClockOffset(RateLimitInfo info, DateTimeOffset now)
        {
            if (!(info.ClockOffset(now) is TimeSpan offset)) return;
            if (!_clockOffset.HasValue || offset > _clockOffset.Value) _clockOffset = offset;
        }

        /// <summary>
        /// Window length: as the API states it, else the smallest step between two resets seen (the seed until one is
        /// seen), and never less than the longest time-to-reset seen (less rounding), which also covers hour-long
        /// windows from the first answer.
        /// </summary>
        private void LearnWindow(long reset, TimeSpan left)
        {
            if (_windowStated) return;
            if (_serverReset > 0)
            {
                TimeSpan step = TimeSpan.FromSeconds(reset - _serverReset);
                if (!_shortestStep.HasValue || step < _shortestStep.Value) _shortestStep = step;
            }

            if (left > _longestLeft) _longestLeft = left;
            TimeSpan window = _shortestStep ?? _seedWindow;
            if (_longestLeft - RoundingTolerance > window) window = _longestLeft - RoundingTolerance;
            _window = window < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : window;
        }

        /// <summary>A new limit: a new limiter, with as many permits used as before.</summary>
        private void ChangeLimit(int limit)
        {
            int used = _limit - Available();
            _permits.Dispose();
            _permits = CreatePermits(limit);
            _limit = limit;
            SetAvailable(limit - used);
        }

        private int Available() => (int)(_permits.GetStatistics()?.CurrentAvailablePermits ?? 0);

        /// <summary>Makes exactly <paramref name="target"/> (clamped to 0…limit) permits available.</summary>
        private void SetAvailable(int target)
        {
            target = Math.Max(0, Math.Min(target, _limit));
            _permits.TryReplenish();
            if (Available() < _limit)
            {
                // The library skips a manual replenish within one tick of the last; start over with a full limiter.
                _permits.Dispose();
                _permits = CreatePermits(_limit);
            }

            Take(_limit - target);
        }

        /// <summary>Lowers the available permits to <paramref name="target"/> if there are more.</summary>
        private void Drain(int target)
        {
            int available = Available();
            if (available > Math.Max(0, target)) Take(available - Math.Max(0, target));
        }

        private void Take(int permits)
        {
            if (permits <= 0) return;
            using (_permits.AttemptAcquire(permits))
            {
            }
        }

        /// <summary>
        /// "Pacing: waiting 4.2 s for the rate limit (60/min) before POST /videos/generate": once per pause and class
        /// (the first request of its class to wait for that end says it); null when the end is unknown or near.
        /// </summary>
        private string? DescribeWait(RequestPriority priority, DateTimeOffset now, string operation)
        {
            DateTimeOffset until;
            string why;
            if (now < _holdUntil)
            {
                until = _holdUntil;
                why = "as the API asked after a 429 (Retry-After)";
            }
            else if (Available() == 0 && _windowEnd is DateTimeOffset end && end > now)
            {
                until = end;
                why = "for the rate limit (" + RateText() + ")";
            }
            else
            {
                return null;
            }

            TimeSpan wait = until - now;
            if (wait < LogThreshold || _loggedUntil[(int)priority] == until) return null;
            _loggedUntil[(int)priority] = until;
            return string.Format(CultureInfo.InvariantCulture, "Pacing: waiting {0:0.0} s {1} before {2}", wait.TotalSeconds, why, operation);
        }

        /// <summary>"60/min", "1000/h", "5/s" or "10 per 30 s".</summary>
        private string RateText()
        {
            string limit = _limit.ToString(CultureInfo.InvariantCulture);
            if (_window == TimeSpan.FromMinutes(1)) return limit + "/min";
            if (_window == TimeSpan.FromHours(1)) return limit + "/h";
            if (_window == TimeSpan.FromSeconds(1)) return limit + "/s";
            return limit + " per " + TransientFailure.Seconds(_window);
        }
    }
}
