using System;
using System.Globalization;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Turns a download's byte count into progress updates, at most one per 256 KiB.</summary>
    internal sealed class ByteProgress : IProgress<long>
    {
        private const long Step = 256 * 1024;
        private readonly IOperationSink _sink;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly string _target;
        private long _lastReported = -Step;

        public ByteProgress(IOperationSink sink, int activityId, string activity, string target)
        {
            _sink = sink;
            _activityId = activityId;
            _activity = activity;
            _target = target;
        }

        public void Report(long value)
        {
            if (value - _lastReported < Step) return;
            _lastReported = value;
            _sink.WriteProgress(new OperationProgress
            {
                ActivityId = _activityId,
                Activity = _activity,
                StatusDescription = (value / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB written",
                CurrentOperation = _target,
            });
        }

        public void Complete()
            => _sink.WriteProgress(new OperationProgress { ActivityId = _activityId, Activity = _activity, Completed = true });
    }
}
