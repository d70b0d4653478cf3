using System.Collections.Generic;
using System.Threading;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>How many faults of each kind were actually injected (lock-free; read as a snapshot).</summary>
    internal sealed class ChaosCounters
    {
        private readonly long[] _counts = new long[ChaosFaultKinds.All.Length];

        public void Add(ChaosFault fault) => Interlocked.Increment(ref _counts[(int)fault]);

        public long Get(ChaosFault fault) => Interlocked.Read(ref _counts[(int)fault]);

        /// <summary>Every kind (zeros included, so a printout always has the same rows), in <see cref="ChaosFaultKinds.All"/> order.</summary>
        public IReadOnlyDictionary<string, long> Snapshot()
        {
            var result = new Dictionary<string, long>();
            for (var i = 0; i < _counts.Length; i++) result[ChaosFaultKinds.All[i]] = Interlocked.Read(ref _counts[i]);
            return result;
        }

        public void Reset()
        {
            for (var i = 0; i < _counts.Length; i++) Interlocked.Exchange(ref _counts[i], 0);
        }
    }
}
