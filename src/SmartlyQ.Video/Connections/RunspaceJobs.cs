using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Connections
{
    /// <summary>
    /// The jobs each runspace has seen: every <see cref="VideoJob"/> a cmdlet wrote (New-SqVideo, Wait-SqJob) or named
    /// in an error (a failed job), with the latest state, so that <c>-JobUid</c> can complete them. At most
    /// <see cref="Capacity"/> per runspace, the least recently seen dropped first; a weak table lets a closed runspace
    /// and its record be collected. Callers pass <see cref="Runspace.DefaultRunspace"/> read on the pipeline thread.
    /// </summary>
    internal static class RunspaceJobs
    {
        /// <summary>Jobs kept per runspace.</summary>
        public const int Capacity = 1000;

        private static readonly ConditionalWeakTable<Runspace, JobRecord> Records = new ConditionalWeakTable<Runspace, JobRecord>();

        /// <summary>Adds <paramref name="job"/> or updates what is known of it; nothing without a runspace or a job id.</summary>
        public static void Record(Runspace? runspace, VideoJob job)
        {
            if (runspace == null || job == null || job.JobUid.Length == 0) return;
            Records.GetValue(runspace, _ => new JobRecord()).Add(job);
        }

        /// <summary>The runspace's jobs, most recently seen first; empty without a runspace.</summary>
        public static IReadOnlyList<VideoJob> Get(Runspace? runspace)
        {
            if (runspace == null || !Records.TryGetValue(runspace, out JobRecord? record)) return new VideoJob[0];
            return record.Newest();
        }

        private sealed class JobRecord
        {
            private readonly object _gate = new object();
            private readonly LinkedList<VideoJob> _order = new LinkedList<VideoJob>();
            private readonly Dictionary<string, LinkedListNode<VideoJob>> _byUid = new Dictionary<string, LinkedListNode<VideoJob>>(StringComparer.Ordinal);

            public void Add(VideoJob job)
            {
                lock (_gate)
                {
                    if (_byUid.TryGetValue(job.JobUid, out LinkedListNode<VideoJob>? known))
                    {
                        job = Merge(known.Value, job);
                        _order.Remove(known);
                    }

                    _byUid[job.JobUid] = _order.AddFirst(job);
                    while (_order.Count > Capacity)
                    {
                        _byUid.Remove(_order.Last!.Value.JobUid);
                        _order.RemoveLast();
                    }
                }
            }

            public IReadOnlyList<VideoJob> Newest()
            {
                lock (_gate) return _order.ToArray();
            }

            /// <summary>The newer state, keeping what only the older one knew (prompt, cost: a job looked up by id lacks them).</summary>
            private static VideoJob Merge(VideoJob older, VideoJob newer)
            {
                if (newer.Prompt != null || older.Prompt == null) return newer;
                return older.With(new JobSnapshot
                {
                    JobUid = newer.JobUid,
                    Type = newer.Type,
                    Status = newer.Status,
                    VideoUrl = newer.VideoUrl,
                    Duration = newer.Duration,
                    Model = newer.Model,
                    Error = newer.Error,
                    CreatedAt = newer.SubmittedAt,
                    UpdatedAt = newer.UpdatedAt,
                    RequestId = newer.RequestId,
                });
            }
        }
    }
}
