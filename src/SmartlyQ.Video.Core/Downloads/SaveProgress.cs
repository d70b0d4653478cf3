using System.Globalization;
using System.Threading;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>One progress bar for all of a Save-SqVideo run's downloads: files saved of files started, and bytes written.</summary>
    internal sealed class SaveProgress
    {
        private const int ActivityId = 7102;
        private const string Activity = "Saving SmartlyQ videos";
        private long _bytes;
        private int _started;
        private int _finished;

        /// <summary>Adds the bytes a download has written since its last report; called from download threads.</summary>
        public void AddBytes(long delta) => Interlocked.Add(ref _bytes, delta);

        public void Started() => Interlocked.Increment(ref _started);

        public void Finished() => Interlocked.Increment(ref _finished);

        /// <summary>The bar as it stands now.</summary>
        public OperationProgress Snapshot()
        {
            int started = Volatile.Read(ref _started), finished = Volatile.Read(ref _finished);
            double megabytes = Interlocked.Read(ref _bytes) / 1024.0 / 1024.0;
            return new OperationProgress
            {
                ActivityId = ActivityId,
                Activity = Activity,
                StatusDescription = finished + " of " + started + " videos done, " + megabytes.ToString("0.0", CultureInfo.InvariantCulture) + " MB written",
                PercentComplete = started == 0 ? 0 : finished * 100 / started,
            };
        }

        /// <summary>The record that removes the bar.</summary>
        public static OperationProgress Done() => new OperationProgress { ActivityId = ActivityId, Activity = Activity, Completed = true };
    }
}
