using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using SmartlyQ.Video.Tests.EndToEnd;
using Xunit;
using Xunit.Abstractions;

namespace SmartlyQ.Video.Tests.Pester
{
    /// <summary>
    /// Runs tests/Pester with pwsh, so that `dotnet test` covers the module as users load it. Skipped where pwsh
    /// is missing; fails when the build or any Pester test fails.
    /// </summary>
    public sealed class PesterSuiteTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

        // Builds the module first so Pester never tests a stale out/SmartlyQ.Video; Run.Exit makes the exit code
        // the number of failed tests.
        private const string Script =
            "$ErrorActionPreference = 'Stop'; " +
            "& ./build.ps1 -Task Build; " +
            "Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop; " +
            "$config = New-PesterConfiguration; " +
            "$config.Run.Path = './tests/Pester'; " +
            "$config.Run.Exit = $true; " +
            "$config.Output.Verbosity = 'Detailed'; " +
            "$config.TestResult.Enabled = $true; " +
            "$config.TestResult.OutputPath = './TestResults/pester.xml'; " +
            "Invoke-Pester -Configuration $config";

        private readonly ITestOutputHelper _output;

        public PesterSuiteTests(ITestOutputHelper output) => _output = output;

        [PesterFact]
        public void Pester_suite_passes()
        {
            var start = new ProcessStartInfo(PesterFactAttribute.FindPwsh()!)
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", Script })
                start.ArgumentList.Add(argument);

            var log = new StringBuilder();
            using var pwsh = new Process { StartInfo = start };
            pwsh.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.AppendLine(e.Data); };
            pwsh.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.AppendLine("ERR: " + e.Data); };
            pwsh.Start();
            pwsh.BeginOutputReadLine();
            pwsh.BeginErrorReadLine();

            bool finished = pwsh.WaitForExit((int)Timeout.TotalMilliseconds);
            if (!finished) pwsh.Kill(entireProcessTree: true);
            pwsh.WaitForExit(); // flushes the asynchronous output readers

            string text;
            lock (log) text = log.ToString();
            _output.WriteLine(text);
            Assert.True(finished, "The Pester suite did not finish within " + Timeout + ".\n" + Tail(text));
            Assert.True(pwsh.ExitCode == 0, "pwsh exited with " + pwsh.ExitCode + " (build failure or failed Pester tests).\n" + Tail(text));
        }

        private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text.Substring(text.Length - 4000);
    }
}
