using System;

namespace SmartlyQ.Video.Sandbox.Tests.Infrastructure
{
    /// <summary>A clock the test moves by hand, so life-cycle steps are checked without sleeping.</summary>
    internal sealed class ManualTimeProvider : TimeProvider
    {
        private readonly object _gate = new object();
        private DateTimeOffset _now = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate) return _now;
        }

        public void Advance(TimeSpan by)
        {
            lock (_gate) _now += by;
        }
    }
}
