using System;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary>Draws, per accepted job, whether the provider will fail it (<see cref="SandboxOptions.FailureRate"/>, seedable).</summary>
    internal sealed class FailurePlanner
    {
        private readonly object _gate = new object();
        private readonly Random _random;
        private readonly double _rate;

        public FailurePlanner(double rate, int? seed)
        {
            if (double.IsNaN(rate) || rate < 0 || rate > 1) throw new ArgumentException("FailureRate must be between 0 and 1.");
            _rate = rate;
            _random = seed is int s ? new Random(s) : new Random();
        }

        public bool NextFails()
        {
            if (_rate <= 0) return false;
            if (_rate >= 1) return true;
            lock (_gate) return _random.NextDouble() < _rate;
        }
    }
}
