using System;
using System.IO;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    internal static class RepoPaths
    {
        /// <summary>The repository root: the nearest folder above the test binaries holding SmartlyQ.Video.sln.</summary>
        public static string Root
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "SmartlyQ.Video.sln"))) return dir.FullName;
                throw new DirectoryNotFoundException("SmartlyQ.Video.sln not found above " + AppContext.BaseDirectory);
            }
        }
    }
}
