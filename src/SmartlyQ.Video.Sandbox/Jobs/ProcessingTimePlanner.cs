using System;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary>
    /// Draws, per accepted job, how long it processes: <see cref="SandboxOptions.ProcessingDuration"/>, or uniform up to
    /// <see cref="SandboxOptions.ProcessingDurationMax"/>. Its own random sequence (seeded from <see cref="SandboxOptions.Seed"/>),
    /// so turning failures on or off does not change the durations of a seeded run.
    /// </summary>
    internal sealed class ProcessingTimePlanner
    {
        private readonly object _gate = new object();
        private readonly TimeSpan _min;
        private readonly long _spanTicks;
        private readonly Random? _random;

        public ProcessingTimePlanner(TimeSpan min, TimeSpan? max, int? seed)
        {
            if (min < TimeSpan.Zero) throw new ArgumentException("ProcessingDuration must not be negative.");
            if (max is TimeSpan m && m < min) throw new ArgumentException("ProcessingDurationMax must not be shorter than ProcessingDuration.");
            _min = min;
            _spanTicks = max is TimeSpan upper ? (upper - min).Ticks : 0;
            // A derived seed: the failure draw uses Sandbox:Seed itself, and the two sequences should not mirror each other.
            if (_spanTicks > 0) _random = seed is int s ? new Random(unchecked(s * 7919 + 104729)) : new Random();
        }

        public TimeSpan Next()
        {
            if (_random == null) return _min;
            double share;
            lock (_gate) share = _random.NextDouble();
            return _min + TimeSpan.FromTicks((long)Math.Round(share * _spanTicks));
        }
    }
}
