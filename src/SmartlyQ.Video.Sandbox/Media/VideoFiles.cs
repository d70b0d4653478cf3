using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>
    /// The exact file a job's <c>/files/{job_uid}.mp4</c> serves, for tests that check downloads byte for byte.
    /// The bytes depend only on the job id and <see cref="SandboxOptions.VideoSizeBytes"/>, so they are known
    /// before the job completes; the SHA-256 is computed once per job (a 1 GB file takes a few seconds).
    /// </summary>
    internal sealed class VideoFiles
    {
        private readonly ConcurrentDictionary<string, string> _sha256 = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly JobStore _jobs;
        private readonly long _size;

        public VideoFiles(JobStore jobs, SandboxOptions options)
        {
            _jobs = jobs;
            _size = options.VideoSizeBytes;
        }

        public bool Exists(string jobUid) => _jobs.TryGet(jobUid, out _);

        /// <summary>A fresh seekable stream of the file; unknown job → <see cref="KeyNotFoundException"/>.</summary>
        public JobVideoStream Open(string jobUid)
        {
            if (!_jobs.TryGet(jobUid, out var job)) throw new KeyNotFoundException($"Job '{jobUid}' does not exist in this sandbox.");
            return new JobVideoStream(job.Id, ClipAsset.Clip.Span, _size);
        }

        public long Length(string jobUid)
        {
            using var stream = Open(jobUid);
            return stream.Length;
        }

        /// <summary>Lowercase hex SHA-256 of the complete file.</summary>
        public string Sha256(string jobUid)
        {
            if (_sha256.TryGetValue(jobUid, out var cached)) return cached;
            using var stream = Open(jobUid);
            var hex = Convert.ToHexStringLower(SHA256.HashData(stream));
            return _sha256.GetOrAdd(jobUid, hex);
        }
    }
}
