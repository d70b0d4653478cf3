using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace SmartlyQ.Video.Pester.Tests
{
    /// <summary>
    /// Starts Invoke-PesterSuite.ps1 in the repository's pinned PowerShell (`dotnet pwsh`, from
    /// .config/dotnet-tools.json) with the Pester module this project restored, and reads the records it writes.
    /// Nothing installed on the machine is used: neither a pwsh on PATH nor a Pester on PSModulePath.
    /// </summary>
    internal static class PesterHost
    {
        /// <summary>The repository root: the nearest folder above the test binaries holding SmartlyQ.Video.sln.</summary>
        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        /// <summary>Where the NUnit XML, the records and the console log of the run go (kept for CI to upload).</summary>
        public static string ResultsDirectory => Path.Combine(RepositoryRoot, "TestResults", "pester");

        /// <summary>Runs one mode of the suite script; throws <see cref="InvalidOperationException"/> with the log when it fails.</summary>
        public static PesterRecords Invoke(string mode, TimeSpan timeout)
        {
            Directory.CreateDirectory(ResultsDirectory);
            string json = Path.Combine(ResultsDirectory, mode.ToLowerInvariant() + ".json");
            string logPath = Path.Combine(ResultsDirectory, mode.ToLowerInvariant() + ".log");
            File.Delete(json);

            var arguments = new List<string>
            {
                "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                "-File", Path.Combine(AppContext.BaseDirectory, "Invoke-PesterSuite.ps1"),
                "-Mode", mode,
                "-RepositoryRoot", RepositoryRoot,
                "-PesterModule", PesterModule(),
                "-OutputJson", json,
                "-ResultXml", Path.Combine(ResultsDirectory, "pester-results.xml"),
            };
            (int exitCode, bool finished, string log) = Run(arguments, timeout);
            File.WriteAllText(logPath, log);

            if (!finished)
                throw new InvalidOperationException($"Pester {mode} did not finish within {timeout}; log: {logPath}\n{Tail(log)}");
            if (exitCode != 0 || !File.Exists(json))
                throw new InvalidOperationException($"Pester {mode} failed (dotnet pwsh exited with {exitCode}); log: {logPath}\n{Tail(log)}");

            var records = JsonSerializer.Deserialize<List<PesterRecord>>(File.ReadAllText(json)) ?? new List<PesterRecord>();
            return new PesterRecords(records, log);
        }

        /// <summary>The last part of a long log, for assertion messages.</summary>
        public static string Tail(string text, int length = 6000) =>
            text.Length <= length ? text : "…" + text.Substring(text.Length - length);

        /// <summary>Environment variable naming the NuGet package folder, for tests that load packages by path.</summary>
        public const string PackageRootVariable = "SMARTLYQ_NUGET_PACKAGES";

        private static string? Metadata(string key) =>
            typeof(PesterHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

        private static string PesterModule()
        {
            string? path = Metadata("PesterModule");
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
                throw new InvalidOperationException(
                    $"The Pester module restored by this project's PackageDownload was not found at '{path}'; run 'dotnet restore'.");
            return path!;
        }

        private static (int ExitCode, bool Finished, string Log) Run(IEnumerable<string> arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryRoot, // where `dotnet pwsh` finds the tool manifest
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            start.Environment[PackageRootVariable] = Metadata("NuGetPackageRoot");

            var log = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.AppendLine("ERR: " + e.Data); };
            try
            {
                process.Start();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException("Could not start 'dotnet pwsh' (the .NET SDK must be on PATH): " + ex.Message, ex);
            }
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            bool finished = process.WaitForExit((int)timeout.TotalMilliseconds);
            if (!finished) process.Kill(entireProcessTree: true);
            process.WaitForExit(); // flushes the asynchronous readers

            lock (log) return (finished ? process.ExitCode : -1, finished, log.ToString());
        }

        private static string FindRepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SmartlyQ.Video.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("SmartlyQ.Video.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
