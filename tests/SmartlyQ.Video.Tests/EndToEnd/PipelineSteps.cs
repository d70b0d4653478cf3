using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>
    /// The steps of <c>Connect-SmartlyQ -Provider X | Import-Csv | New-SqVideo | Wait-SqJob | Save-SqVideo</c> through
    /// the operations, with the checks every provider's main job shares: all jobs succeed, one file per job, each a
    /// valid MP4 with the sandbox's bytes.
    /// </summary>
    internal static class PipelineSteps
    {
        /// <summary>Connect-SmartlyQ -Provider <paramref name="provider"/> -ApiKey <paramref name="key"/> -BaseUri (the emulator's).</summary>
        public static async Task<SmartlyQConnection> ConnectAsync(SandboxServer sandbox, string provider, string key)
        {
            SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters { Provider = provider, ApiKey = TestSecrets.Secure(key), BaseUri = sandbox.ProviderBaseUri(provider) },
                new FakeSink(), CancellationToken.None);
            Assert.Equal(provider, connection.Provider);
            return connection;
        }

        /// <summary>New-SqVideo over the rows (CSV columns bound by name); the sink holds the jobs and the row errors.</summary>
        public static async Task<FakeSink> SubmitAsync(SmartlyQConnection connection, IEnumerable<Dictionary<string, string>> rows)
        {
            var submitted = new FakeSink();
            var newVideo = new NewVideoOperation(connection);
            foreach (Dictionary<string, string> row in rows)
                await newVideo.ProcessAsync(CsvRowBinding.ToInput(row), submitted, CancellationToken.None);
            return submitted;
        }

        /// <summary>Wait-SqJob over <paramref name="jobs"/>: asserts that each ends Succeeded, with no error; returns the finished jobs.</summary>
        public static async Task<List<VideoJob>> WaitAllSucceededAsync(SmartlyQConnection connection, IReadOnlyCollection<VideoJob> jobs)
        {
            var waited = new FakeSink();
            using (var wait = new WaitJobOperation(connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 120 }))
            {
                foreach (VideoJob job in jobs) wait.Track(job, job);
                await wait.WaitAllAsync(waited, CancellationToken.None);
            }
            Assert.Empty(waited.Errors);
            List<VideoJob> finished = waited.OutputOf<VideoJob>();
            Assert.Equal(jobs.Select(j => j.JobUid).OrderBy(u => u), finished.Select(j => j.JobUid).OrderBy(u => u));
            Assert.All(finished, j => Assert.Equal(JobStatus.Succeeded, j.Status));
            return finished;
        }

        /// <summary>Save-SqVideo -Path <paramref name="directory"/>: asserts no error and one <c>&lt;JobUid&gt;.mp4</c> per job; returns the files.</summary>
        public static async Task<List<FileInfo>> SaveAllAsync(SmartlyQConnection connection, IReadOnlyCollection<VideoJob> jobs, string directory)
        {
            var saved = new FakeSink();
            using (var save = new SaveVideoOperation(connection, new SaveVideoOptions { Directory = directory }))
            {
                foreach (VideoJob job in jobs) await save.ProcessAsync(job, null, job, saved, CancellationToken.None);
                await save.CompleteAsync(saved, CancellationToken.None);
            }
            Assert.Empty(saved.Errors);
            List<FileInfo> files = saved.SavedFiles();
            Assert.Equal(jobs.Select(j => j.JobUid + ".mp4").OrderBy(n => n), files.Select(f => f.Name).OrderBy(n => n));
            return files;
        }

        /// <summary>
        /// Each file starts with <c>ftyp</c>, has a <c>moov</c> box and the SHA-256 of the sandbox's video for its job
        /// (<paramref name="sandboxJobId"/> maps a file's job uid to the sandbox's id where they differ).
        /// </summary>
        public static void AssertSandboxVideos(SandboxServer sandbox, IEnumerable<FileInfo> files, Func<string, string>? sandboxJobId = null)
        {
            foreach (FileInfo file in files)
            {
                List<string> boxes = Mp4Boxes.TopLevel(file.FullName);
                Assert.Equal("ftyp", boxes[0]);
                Assert.Contains("moov", boxes);
                string uid = Path.GetFileNameWithoutExtension(file.Name);
                using SHA256 sha = SHA256.Create();
                Assert.Equal(sandbox.GetVideoSha256(sandboxJobId?.Invoke(uid) ?? uid),
                    string.Concat(sha.ComputeHash(File.ReadAllBytes(file.FullName)).Select(b => b.ToString("x2"))));
            }
        }
    }
}
