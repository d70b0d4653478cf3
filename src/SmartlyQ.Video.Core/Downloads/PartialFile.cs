using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// Where a job's video is written before it gets its final name: <c>.&lt;file name&gt;.&lt;12 hex&gt;.partial</c>
    /// beside the target, with its state file (<see cref="PartialFileState"/>) at the same name plus <c>.json</c>.
    /// The hex is the start of the SHA-256 of the job uid and the lower-cased file name, so a re-run saving the same
    /// job to the same target finds (and continues) the same file, while another job or another target never shares
    /// it. Hidden: a leading dot, and on Windows the Hidden attribute.
    /// </summary>
    internal sealed class PartialFile
    {
        /// <summary>Suffix of temporary video files.</summary>
        public const string Suffix = ".partial";

        /// <summary>Suffix of their state files.</summary>
        public const string StateSuffix = Suffix + ".json";

        private const int HashChars = 12;

        // Versions before crash-safe downloads named the file .<name>.<8 random hex>.partial.
        private const int LegacyRandomChars = 8;

        private PartialFile(string jobUid, string targetPath)
        {
            JobUid = jobUid;
            TargetPath = targetPath;
            FileName = System.IO.Path.GetFileName(targetPath);
            Path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(targetPath)!, "." + FileName + "." + Hash(jobUid, FileName) + Suffix);
            StatePath = StatePathOf(Path);
        }

        /// <summary>The job whose video this is.</summary>
        public string JobUid { get; }

        /// <summary>The final path the video gets when complete.</summary>
        public string TargetPath { get; }

        /// <summary>The final file name.</summary>
        public string FileName { get; }

        /// <summary>The temporary file.</summary>
        public string Path { get; }

        /// <summary>Its state file.</summary>
        public string StatePath { get; }

        /// <summary>The temporary file of <paramref name="jobUid"/>'s video saved to <paramref name="targetPath"/> (a full path).</summary>
        public static PartialFile For(string targetPath, string jobUid) => new PartialFile(jobUid, targetPath);

        /// <summary>The state file of the temporary file <paramref name="partialPath"/>.</summary>
        public static string StatePathOf(string partialPath) => partialPath + ".json";

        /// <summary>True for a temporary file an earlier version left for <paramref name="fileName"/>: <c>.&lt;name&gt;.&lt;8 hex&gt;.partial</c>.</summary>
        public static bool IsLegacyName(string name, string fileName)
        {
            string prefix = "." + fileName + ".";
            if (name.Length != prefix.Length + LegacyRandomChars + Suffix.Length
                || !name.StartsWith(prefix, IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                || !name.EndsWith(Suffix, StringComparison.Ordinal)) return false;
            for (int i = prefix.Length; i < prefix.Length + LegacyRandomChars; i++)
                if (!Uri.IsHexDigit(name[i])) return false;
            return true;
        }

        /// <summary>True on Windows, where a leading dot does not hide a file and an open file can only be renamed if shared for delete.</summary>
        public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Sets or clears the Windows Hidden attribute (no-op elsewhere, where the leading dot hides it).</summary>
        public static void SetHidden(string path, bool hidden)
        {
            if (!IsWindows) return;
            FileAttributes attributes = File.GetAttributes(path);
            FileAttributes wanted = hidden ? attributes | FileAttributes.Hidden : attributes & ~FileAttributes.Hidden;
            if (wanted != attributes) File.SetAttributes(path, wanted);
        }

        private static string Hash(string jobUid, string fileName)
        {
            // Lower-cased: on Windows Job.mp4 and job.mp4 are one target; on Unix the readable prefix still tells them apart.
            using (SHA256 sha = SHA256.Create())
            {
                byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(jobUid + "\n" + fileName.ToLowerInvariant()));
                var hex = new StringBuilder(HashChars);
                for (int i = 0; hex.Length < HashChars; i++) hex.Append(digest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                return hex.ToString();
            }
        }
    }
}
