using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// The local job files of A4F's synchronous generations: <c>&lt;dir&gt;/&lt;id&gt;.json</c> (an <see cref="A4FLocalJob"/>,
    /// replaced atomically on every change), <c>&lt;id&gt;.mp4</c> (the finished video) and <c>&lt;id&gt;.mp4.part</c>
    /// (the video while its answer is decoded). The default folder is <see cref="DefaultDirectory"/>. Files older than
    /// <see cref="KeepFor"/> are removed when a store is opened. Safe to use from several threads and processes (each
    /// job is written only by its owner).
    /// </summary>
    internal sealed class A4FJobStore
    {
        /// <summary>How long finished jobs' files are kept: 7 days.</summary>
        public static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);

        private static readonly int CurrentProcessId;
        private static readonly DateTimeOffset? CurrentProcessStartedAt;

        static A4FJobStore()
        {
            using Process self = Process.GetCurrentProcess();
            CurrentProcessId = self.Id;
            CurrentProcessStartedAt = StartOf(self);
        }

        /// <summary>
        /// Creates the store in <paramref name="directory"/> (created when missing) and prunes files older than
        /// <see cref="KeepFor"/>. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the
        /// folder cannot be created.
        /// </summary>
        public A4FJobStore(string directory)
        {
            Directory = Path.GetFullPath(directory ?? throw new ArgumentNullException(nameof(directory)));
            System.IO.Directory.CreateDirectory(Directory);
            Prune();
        }

        /// <summary>
        /// <c>LocalApplicationData/SmartlyQ.Video/a4f</c>, or <c>SMARTLYQ_A4F_STATE</c> when that variable is set (tests
        /// and runbooks that want the files elsewhere).
        /// </summary>
        public static string DefaultDirectory
        {
            get
            {
                string? overridden = Environment.GetEnvironmentVariable("SMARTLYQ_A4F_STATE");
                if (!string.IsNullOrWhiteSpace(overridden)) return overridden!;
                string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                if (string.IsNullOrEmpty(root)) root = Path.GetTempPath();
                return Path.Combine(root, "SmartlyQ.Video", "a4f");
            }
        }

        /// <summary>The folder, absolute.</summary>
        public string Directory { get; }

        /// <summary>The finished video of <paramref name="id"/>.</summary>
        public string VideoPath(string id) => Path.Combine(Directory, id + ".mp4");

        /// <summary>The video of <paramref name="id"/> while it is decoded.</summary>
        public string PartPath(string id) => Path.Combine(Directory, id + ".mp4.part");

        /// <summary>Stamps <paramref name="job"/> as owned by this process and <paramref name="instance"/>.</summary>
        public static void Own(A4FLocalJob job, string instance)
        {
            job.OwnerProcessId = CurrentProcessId;
            job.OwnerProcessStartedAt = CurrentProcessStartedAt;
            job.OwnerInstance = instance;
        }

        /// <summary>
        /// Writes <paramref name="job"/> (atomically: a temporary file, then a replace). A replace that meets a reader in
        /// another process (Windows refuses it then) is tried again a few times; after that the <see cref="IOException"/> is thrown.
        /// </summary>
        public void Save(A4FLocalJob job)
        {
            string path = Path.Combine(Directory, job.Id + ".json");
            string temp = path + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(job, A4FJsonContext.Default.A4FLocalJob));
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    if (File.Exists(path)) File.Replace(temp, path, null);
                    else File.Move(temp, path);
                    return;
                }
                catch (IOException) when (attempt < 5)
                {
                    System.Threading.Thread.Sleep(20 * attempt);
                }
                catch
                {
                    try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                    throw;
                }
            }
        }

        /// <summary>The record of <paramref name="id"/> (an id already checked to be <c>a4f_</c> + 32 hex); null when there is none or it is unreadable.</summary>
        public A4FLocalJob? Load(string id)
        {
            string path = Path.Combine(Directory, id + ".json");
            for (int attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    if (!File.Exists(path)) return null;
                    return JsonSerializer.Deserialize(File.ReadAllBytes(path), A4FJsonContext.Default.A4FLocalJob);
                }
                catch (IOException)
                {
                    // Replaced under the read by its owner: read again.
                }
                catch (JsonException)
                {
                    return null;
                }
            }
            return null;
        }

        /// <summary>
        /// True when the process that owns <paramref name="job"/> still runs (same id and start time); for this process,
        /// when <paramref name="isLiveInstance"/> says the owning client instance is still open.
        /// </summary>
        public static bool OwnerAlive(A4FLocalJob job, Func<string?, bool> isLiveInstance)
        {
            if (job.OwnerProcessId == CurrentProcessId && job.OwnerProcessStartedAt == CurrentProcessStartedAt) return isLiveInstance(job.OwnerInstance);
            try
            {
                using Process owner = Process.GetProcessById(job.OwnerProcessId);
                DateTimeOffset? started = StartOf(owner);
                return !owner.HasExited && (started == null || job.OwnerProcessStartedAt == null
                                            || Math.Abs((started.Value - job.OwnerProcessStartedAt.Value).TotalSeconds) < 2);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException || ex is System.ComponentModel.Win32Exception || ex is NotSupportedException)
            {
                return false;
            }
        }

        private static DateTimeOffset? StartOf(Process process)
        {
            try
            {
                return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is System.ComponentModel.Win32Exception || ex is NotSupportedException)
            {
                return null;
            }
        }

        private void Prune()
        {
            try
            {
                DateTime cutoff = DateTime.UtcNow - KeepFor;
                foreach (string file in System.IO.Directory.EnumerateFiles(Directory, "a4f_*"))
                {
                    try
                    {
                        if (File.GetLastWriteTimeUtc(file) < cutoff) File.Delete(file);
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        // In use or not ours to delete: the next store tries again.
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Pruning is housekeeping; the store works without it.
            }
        }
    }
}
