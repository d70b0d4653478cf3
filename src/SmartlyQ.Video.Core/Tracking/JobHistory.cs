using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Tracking
{
    /// <summary>
    /// The jobs submitted through one connection, in submission order, each with the latest state the module has
    /// seen (Wait-SqJob, Get-SqJob, Stop-SqJob). It lets Get-SqJob give back the job ids of a pipeline that stopped
    /// half-way. Thread-safe: operations record from worker threads.
    /// </summary>
    internal sealed class JobHistory
    {
        private readonly object _gate = new object();
        private readonly List<string> _order = new List<string>();
        private readonly Dictionary<string, VideoJob> _jobs = new Dictionary<string, VideoJob>(StringComparer.Ordinal);

        /// <summary>Adds a job just submitted (a resubmission answered with the same job replaces it in place).</summary>
        public void Record(VideoJob job)
        {
            if (job == null) throw new ArgumentNullException(nameof(job));
            if (job.JobUid.Length == 0) return;
            lock (_gate)
            {
                if (!_jobs.ContainsKey(job.JobUid)) _order.Add(job.JobUid);
                _jobs[job.JobUid] = job;
            }
        }

        /// <summary>
        /// A newer state of a job: merged into the recorded job (what was sent and charged is kept) and returned; a
        /// job this history does not hold is returned unchanged and not added.
        /// </summary>
        public VideoJob Update(VideoJob newer)
        {
            if (newer == null) throw new ArgumentNullException(nameof(newer));
            lock (_gate)
            {
                if (!_jobs.TryGetValue(newer.JobUid, out VideoJob? known)) return newer;
                VideoJob merged = known.With(new JobSnapshot
                {
                    JobUid = newer.JobUid,
                    Status = newer.Status,
                    VideoUrl = newer.VideoUrl,
                    Duration = newer.Duration,
                    Model = newer.Model,
                    Error = newer.Error,
                    UpdatedAt = newer.UpdatedAt,
                    RequestId = newer.RequestId,
                });
                _jobs[newer.JobUid] = merged;
                return merged;
            }
        }

        /// <summary>Every recorded job, oldest submission first.</summary>
        public IReadOnlyList<VideoJob> All()
        {
            lock (_gate)
                return _order.Select(uid => _jobs[uid]).ToArray();
        }
    }
}
