using System;
using System.Collections.Generic;
using System.IO;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// Temporary files a saved (or already existing) video no longer needs. The rule: once job J's video exists as
    /// <c>-Path\name</c>, these are J's and stale, in that folder only:
    /// <list type="number">
    /// <item>J's temporary file for <c>name</c> (<see cref="PartialFile.For"/>) and its state file;</item>
    /// <item>any temporary file whose state file names J (an earlier run that used another -FileName);</item>
    /// <item>a temporary file an earlier version named at random for <c>name</c> (<c>.name.&lt;8 hex&gt;.partial</c>):
    /// it can only have been meant to become this file.</item>
    /// </list>
    /// Temporary files of other jobs are never touched, and none is deleted while another process holds it open
    /// (a running download, see <see cref="ExclusiveFile"/>): only a file nobody writes any more is removed.
    /// </summary>
    internal static class StalePartials
    {
        /// <summary>Paths of the temporary files of the rule above that exist now (their state file may exist alone).</summary>
        public static IReadOnlyList<string> Find(string directory, string jobUid, string fileName)
        {
            var found = new List<string>();
            PartialFile own = PartialFile.For(Path.Combine(directory, fileName), jobUid);
            if (File.Exists(own.Path) || File.Exists(own.StatePath)) found.Add(own.Path);

            try
            {
                foreach (string state in Directory.EnumerateFiles(directory, ".*" + PartialFile.StateSuffix))
                {
                    if (!state.EndsWith(PartialFile.StateSuffix, StringComparison.Ordinal)) continue;
                    string partial = state.Substring(0, state.Length - ".json".Length);
                    if (partial == own.Path) continue;
                    PartialFileState? read = PartialFileState.TryRead(state);
                    if (read != null && read.JobUid == jobUid) found.Add(partial);
                }

                foreach (string legacy in Directory.EnumerateFiles(directory, "." + fileName + ".*" + PartialFile.Suffix))
                    if (PartialFile.IsLegacyName(Path.GetFileName(legacy), fileName)) found.Add(legacy);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // An unreadable folder has nothing we could remove either.
            }

            return found;
        }

        /// <summary>
        /// Deletes the temporary file at <paramref name="partialPath"/> and its state file; returns the bytes freed,
        /// or null (nothing deleted) when another process holds the file. Other I/O errors are thrown.
        /// </summary>
        public static long? TryRemove(string partialPath)
        {
            string state = PartialFile.StatePathOf(partialPath);
            FileStream? file;
            try
            {
                file = ExclusiveFile.TryOpen(partialPath, create: false);
            }
            catch (FileNotFoundException)
            {
                // Only the state is left (a crash between the rename and its deletion).
                File.Delete(state);
                return 0;
            }

            if (file == null) return null;
            using (file)
            {
                long bytes = file.Length;

                // Deleted while held, so no other process can open it in between.
                File.Delete(state);
                File.Delete(partialPath);
                return bytes;
            }
        }
    }
}
