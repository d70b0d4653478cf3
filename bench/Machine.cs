using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SmartlyQ.Video.Bench
{
    /// <summary>Where and on what the run happened: cores, OS, .NET, build configuration, date and the code's commit.</summary>
    internal sealed class Machine
    {
        public int Cores { get; } = Environment.ProcessorCount;
        public string Os { get; } = RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture;
        public string Dotnet { get; } = RuntimeInformation.FrameworkDescription;
        public string Configuration { get; } = IsOptimized() ? "Release" : "Debug";
        public DateTimeOffset Date { get; } = DateTimeOffset.UtcNow;
        public string Commit { get; }

        public Machine(string repositoryRoot) => Commit = DescribeCommit(repositoryRoot);

        /// <summary>The repository root (the folder holding SmartlyQ.Video.sln above the binaries), else the current folder.</summary>
        public static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SmartlyQ.Video.sln"))) return dir.FullName;
            return Directory.GetCurrentDirectory();
        }

        private static bool IsOptimized()
        {
            var debuggable = typeof(Machine).Assembly.GetCustomAttribute<DebuggableAttribute>();
            return debuggable == null || !debuggable.IsJITOptimizerDisabled;
        }

        /// <summary>SMARTLYQ_BENCH_COMMIT if set (a run from an exported tree), else <c>git rev-parse</c>, marked when src/ has uncommitted changes.</summary>
        private static string DescribeCommit(string root)
        {
            string? given = Environment.GetEnvironmentVariable("SMARTLYQ_BENCH_COMMIT");
            if (!string.IsNullOrWhiteSpace(given)) return given.Trim();
            string? head = Git(root, "rev-parse", "--short=10", "HEAD");
            if (head == null) return "unknown (not a git checkout)";
            string? dirty = Git(root, "status", "--porcelain", "--untracked-files=all", "--", "src");
            return string.IsNullOrWhiteSpace(dirty) ? head : head + " + uncommitted changes in src/";
        }

        private static string? Git(string root, params string[] arguments)
        {
            try
            {
                var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
                foreach (string argument in arguments) start.ArgumentList.Add(argument);
                using Process? git = Process.Start(start);
                if (git == null) return null;
                string output = git.StandardOutput.ReadToEnd();
                git.WaitForExit();
                return git.ExitCode == 0 ? output.Trim() : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
    }
}
