using System.IO;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// Opens a temporary video so that no other process can open it while it is held: the lock two Save-SqVideo runs
    /// saving the same job to the same folder meet on. On Windows the file is shared for delete only, so its owner can
    /// still rename or delete it while holding it; elsewhere .NET takes an exclusive <c>flock</c> for
    /// <see cref="FileShare.None"/>, and renaming an open file is always allowed. The file is never truncated on open.
    /// </summary>
    internal static class ExclusiveFile
    {
        private const int BufferSize = 81920;

        /// <summary>
        /// The file at <paramref name="path"/>, read/write, positioned at 0, or null when another process holds it.
        /// <paramref name="create"/> false: <see cref="FileNotFoundException"/> when it does not exist.
        /// </summary>
        public static FileStream? TryOpen(string path, bool create)
        {
            try
            {
                return new FileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite,
                    PartialFile.IsWindows ? FileShare.Delete : FileShare.None, BufferSize, useAsync: true);
            }
            catch (IOException ex) when (IsInUse(ex))
            {
                return null;
            }
        }

        /// <summary>True when <paramref name="ex"/> says another process has the file open or locked.</summary>
        private static bool IsInUse(IOException ex)
        {
            if (ex is FileNotFoundException || ex is DirectoryNotFoundException || ex is PathTooLongException) return false;
            int code = ex.HResult & 0xFFFF;
            return PartialFile.IsWindows
                ? code == 32 || code == 33                      // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
                : ex.HResult == 11 || ex.HResult == 35;         // EWOULDBLOCK from flock: Linux 11, macOS/BSD 35
        }
    }
}
