using System;
using System.Threading;

namespace SmartlyQ.Video.Core.Resilience
{
    /// <summary>
    /// A token that follows an outer token and is also cancelled when a <see cref="TimeProvider"/> timer runs out.
    /// The timer can be re-armed (<see cref="Arm"/>, <see cref="Disarm"/>) without allocating, so one instance bounds
    /// every read of a download body: a stall detector, not a limit on the whole body.
    /// </summary>
    internal sealed class TimerCancellation : IDisposable
    {
        private readonly CancellationToken _outer;
        private readonly CancellationTokenSource _source;
        private readonly ITimer _timer;

        public TimerCancellation(TimeProvider timeProvider, CancellationToken outer)
        {
            _outer = outer;
            _source = CancellationTokenSource.CreateLinkedTokenSource(outer);

            // The state is the source itself: the callback only cancels it.
            _timer = timeProvider.CreateTimer(Cancel, _source, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Cancelled by the outer token or when the armed time runs out.</summary>
        public CancellationToken Token => _source.Token;

        /// <summary>True when the timer, not the outer token, cancelled <see cref="Token"/>.</summary>
        public bool Fired => _source.IsCancellationRequested && !_outer.IsCancellationRequested;

        /// <summary>A timer-cancelled token that fires after <paramref name="timeout"/> unless disposed first.</summary>
        public static TimerCancellation Start(TimeProvider timeProvider, CancellationToken outer, TimeSpan timeout)
        {
            var cancellation = new TimerCancellation(timeProvider, outer);
            cancellation.Arm(timeout);
            return cancellation;
        }

        /// <summary>Fires <paramref name="timeout"/> from now (<see cref="Timeout.InfiniteTimeSpan"/>: never).</summary>
        public void Arm(TimeSpan timeout)
        {
            if (timeout != Timeout.InfiniteTimeSpan) _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Stops the timer; <see cref="Token"/> then follows only the outer token.</summary>
        public void Disarm() => _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public void Dispose()
        {
            _timer.Dispose();
            _source.Dispose();
        }

        private static void Cancel(object? state)
        {
            try
            {
                ((CancellationTokenSource)state!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The timer raced with Dispose: nothing is waiting any more.
            }
        }
    }
}
