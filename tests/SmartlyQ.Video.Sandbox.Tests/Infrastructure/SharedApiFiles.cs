using System;
using System.IO;

namespace SmartlyQ.Video.Sandbox.Tests.Infrastructure
{
    /// <summary>
    /// The shared API fact folder: <c>shared/api</c> beside the repository (CI lays it out as a sibling of the clone).
    /// Found from the test's own folder by walking up to the one holding <c>SmartlyQ.Video.sln</c>.
    /// </summary>
    internal static class SharedApiFiles
    {
        public static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "SmartlyQ.Video.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds SmartlyQ.Video.sln.");
        }

        /// <summary>The full path of <paramref name="relative"/> under <c>../shared/api</c>; a missing file fails the test.</summary>
        public static string Path(string relative)
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot(), "..", "shared", "api", relative));
            if (!File.Exists(path)) throw new FileNotFoundException($"The shared API file {path} is missing (expected ../shared/api beside the repository).", path);
            return path;
        }
    }
}
