using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>
    /// A virtual clock, so retry waits and timeouts are checked without sleeping.
    /// <list type="bullet">
    /// <item>Waits (retry and resume delays: any timer whose state is not a <see cref="CancellationTokenSource"/>)
    /// fire at once and are remembered in <see cref="Waits"/>; firing moves <see cref="Now"/> forward by the wait.</item>
    /// <item>Timeouts (timers that cancel a <see cref="CancellationTokenSource"/>: Polly's timeout strategies, the
    /// download stall and deadline timers) are held and fire only when <see cref="Now"/> reaches them, either through
    /// waits or through <see cref="Advance"/>, which a test's "hanging server" calls.</item>
    /// <item>With <see cref="ManualTimers"/> every timer is held like a timeout: nothing happens until the test calls
    /// <see cref="Advance"/> (for tests that stage several requests waiting at once, e.g. the pacer's).</item>
    /// </list>
    /// </summary>
    internal sealed class RecordingTimeProvider : TimeProvider
    {
        private readonly object _lock = new object();
        private readonly ConcurrentQueue<TimeSpan> _waits = new ConcurrentQueue<TimeSpan>();
        private readonly ConcurrentQueue<TimeSpan> _timeouts = new ConcurrentQueue<TimeSpan>();
        private readonly List<VirtualTimer> _held = new List<VirtualTimer>();
        private DateTimeOffset _now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        /// <summary>Virtual now; starts at 2026-01-01 12:00 UTC so HTTP-date Retry-After values are predictable.</summary>
        public DateTimeOffset Now
        {
            get
            {
                lock (_lock) return _now;
            }
            set
            {
                lock (_lock) _now = value;
            }
        }

        /// <summary>When true, every timer (not only timeouts) fires only when <see cref="Advance"/> reaches it.</summary>
        public bool ManualTimers { get; set; }

        /// <summary>
        /// Raised on the arming thread each time a timer is set to fire: its due time, and whether it is a timeout (its
        /// state a <see cref="CancellationTokenSource"/>). Lets a test act once a wait has begun instead of sleeping.
        /// </summary>
        public event Action<TimeSpan, bool>? Armed;

        /// <summary>Every wait requested through a timer, in order.</summary>
        public TimeSpan[] Waits => _waits.ToArray();

        /// <summary>Every timeout armed (held timer), in order.</summary>
        public TimeSpan[] Timeouts => _timeouts.ToArray();

        /// <summary>Timeouts armed now and not yet fired or disposed.</summary>
        public int PendingTimeouts
        {
            get
            {
                lock (_lock) return _held.Count;
            }
        }

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new VirtualTimer(this, callback, state, held: ManualTimers || state is CancellationTokenSource);
            timer.Change(dueTime, period);
            return timer;
        }

        /// <summary>Moves <see cref="Now"/> forward and fires, in order and on this thread, every timeout now due.</summary>
        public void Advance(TimeSpan by)
        {
            lock (_lock) _now += by;
            FireDue();
        }

        private void FireDue()
        {
            while (true)
            {
                VirtualTimer? next;
                lock (_lock)
                {
                    next = _held.Where(t => t.Deadline <= _now).OrderBy(t => t.Deadline).FirstOrDefault();
                    if (next != null) _held.Remove(next);
                }

                if (next == null) return;
                next.Fire();
            }
        }

        private sealed class VirtualTimer : ITimer
        {
            private readonly RecordingTimeProvider _owner;
            private readonly TimerCallback _callback;
            private readonly object? _state;
            private readonly bool _held;
            private volatile bool _disposed;
            private int _generation;

            public VirtualTimer(RecordingTimeProvider owner, TimerCallback callback, object? state, bool held)
            {
                _owner = owner;
                _callback = callback;
                _state = state;
                _held = held;
            }

            public DateTimeOffset Deadline { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (_disposed) return false;
                int generation;
                lock (_owner._lock)
                {
                    generation = ++_generation;
                    _owner._held.Remove(this);
                    if (dueTime == Timeout.InfiniteTimeSpan) return true;
                    Deadline = _owner._now + dueTime;
                    if (_held)
                    {
                        _owner._timeouts.Enqueue(dueTime);
                        _owner._held.Add(this);
                    }
                }

                _owner.Armed?.Invoke(dueTime, _state is CancellationTokenSource);
                if (_held)
                {
                    // Already due (e.g. a zero timeout): fire off this thread, like a real timer.
                    if (dueTime <= TimeSpan.Zero) ThreadPool.QueueUserWorkItem(_ => _owner.FireDue());
                    return true;
                }

                _owner._waits.Enqueue(dueTime);

                // Fire on the pool, never inside CreateTimer, so the caller has stored the timer first.
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    lock (_owner._lock)
                    {
                        if (_disposed || generation != _generation) return;
                        if (Deadline > _owner._now) _owner._now = Deadline;
                    }

                    // Timeouts that ran out during the wait fire first: they were due earlier.
                    _owner.FireDue();
                    if (!_disposed) _callback(_state);
                });
                return true;
            }

            public void Fire()
            {
                if (!_disposed) _callback(_state);
            }

            public void Dispose()
            {
                _disposed = true;
                lock (_owner._lock) _owner._held.Remove(this);
            }

            public System.Threading.Tasks.ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
