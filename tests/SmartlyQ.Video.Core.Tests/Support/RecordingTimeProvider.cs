using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>
    /// A clock whose timers fire at once and remember how long they were asked to wait, so retry waits are
    /// checked without sleeping. <see cref="GetUtcNow"/> is fixed so HTTP-date Retry-After values are predictable.
    /// </summary>
    internal sealed class RecordingTimeProvider : TimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _waits = new ConcurrentQueue<TimeSpan>();

        public DateTimeOffset Now { get; set; } = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        /// <summary>Every wait requested through a timer, in order.</summary>
        public TimeSpan[] Waits => _waits.ToArray();

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            => new ImmediateTimer(this, callback, state, dueTime);

        private sealed class ImmediateTimer : ITimer
        {
            private readonly RecordingTimeProvider _owner;
            private readonly TimerCallback _callback;
            private readonly object? _state;
            private volatile bool _disposed;

            public ImmediateTimer(RecordingTimeProvider owner, TimerCallback callback, object? state, TimeSpan dueTime)
            {
                _owner = owner;
                _callback = callback;
                _state = state;
                Schedule(dueTime);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Schedule(dueTime);
                return true;
            }

            public void Dispose() => _disposed = true;

            public System.Threading.Tasks.ValueTask DisposeAsync()
            {
                _disposed = true;
                return default;
            }

            private void Schedule(TimeSpan dueTime)
            {
                if (dueTime == Timeout.InfiniteTimeSpan) return;
                _owner._waits.Enqueue(dueTime);

                // Fire on the pool, never inside CreateTimer, so the caller has stored the timer first.
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    if (!_disposed) _callback(_state);
                });
            }
        }
    }
}
