using System;
using System.Diagnostics;
using System.Threading;

namespace SmartlyQ.Video.Tests.Fakes
{
    /// <summary>
    /// A clock that runs <c>factor</c> times faster than real time, so tests of poll intervals and timeouts given in
    /// whole seconds finish in milliseconds while code under test still sleeps and wakes for real.
    /// </summary>
    internal sealed class ScaledTimeProvider : TimeProvider
    {
        private readonly double _factor;
        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();

        public ScaledTimeProvider(double factor) => _factor = factor;

        public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks((long)(_elapsed.Elapsed.Ticks * _factor));

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            => System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

        private TimeSpan Scale(TimeSpan span)
            => span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromTicks((long)(span.Ticks / _factor));
    }
}
