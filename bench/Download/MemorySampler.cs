using System.Globalization;

namespace SmartlyQ.Video.Bench.Download
{
    /// <summary>
    /// Peak resident memory (RSS) of this process while something runs: a dedicated thread reads it every 5 ms
    /// (<c>/proc/self/statm</c> on Linux, <see cref="Environment.WorkingSet"/> elsewhere); growth = peak − the value
    /// read just before, after a full garbage collection. Also the bytes the process allocated meanwhile.
    /// </summary>
    internal sealed class MemorySampler : IDisposable
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);
        private readonly Thread _thread;
        private readonly long _baseline;
        private readonly long _allocatedBefore;
        private volatile bool _stop;
        private long _peak;

        private MemorySampler()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            _baseline = ResidentBytes();
            _peak = _baseline;
            _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }

        public static MemorySampler Start() => new MemorySampler();

        /// <summary>Peak RSS minus the baseline, in bytes (0 if it never rose).</summary>
        public long Growth { get; private set; }

        /// <summary>Bytes allocated on the managed heap by the whole process while sampling.</summary>
        public long Allocated { get; private set; }

        public static string Method => OperatingSystem.IsLinux() ? "RSS from /proc/self/statm" : "Environment.WorkingSet";

        public void Stop()
        {
            if (_stop) return;
            _stop = true;
            _thread.Join();
            Sample();
            Growth = Math.Max(0, Interlocked.Read(ref _peak) - _baseline);
            Allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        }

        public void Dispose() => Stop();

        private void Run()
        {
            while (!_stop)
            {
                Sample();
                Thread.Sleep(Interval);
            }
        }

        private void Sample()
        {
            long now = ResidentBytes();
            if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
        }

        private static long ResidentBytes()
        {
            if (OperatingSystem.IsLinux())
            {
                try
                {
                    // "size resident shared text lib data dt", in pages.
                    string statm = File.ReadAllText("/proc/self/statm");
                    string[] fields = statm.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
                }
                catch (IOException)
                {
                }
            }

            return Environment.WorkingSet;
        }
    }
}
