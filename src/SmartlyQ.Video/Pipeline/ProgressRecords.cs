using System;
using System.Management.Automation;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>Maps <see cref="OperationProgress"/> to <see cref="ProgressRecord"/>.</summary>
    internal static class ProgressRecords
    {
        /// <summary>
        /// ProgressRecord refuses an empty activity or status and a percentage outside -1..100, so those are
        /// filled in or clamped rather than failing the command over a progress bar.
        /// </summary>
        public static ProgressRecord From(OperationProgress progress)
        {
            string activity = string.IsNullOrEmpty(progress.Activity) ? "SmartlyQ" : progress.Activity;
            string status = string.IsNullOrEmpty(progress.StatusDescription)
                ? (progress.Completed ? "Completed" : "Working")
                : progress.StatusDescription;
            return new ProgressRecord(progress.ActivityId, activity, status)
            {
                PercentComplete = Math.Max(-1, Math.Min(100, progress.PercentComplete)),
                CurrentOperation = progress.CurrentOperation,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
        }
    }
}
