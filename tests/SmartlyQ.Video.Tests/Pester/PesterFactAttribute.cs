using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace SmartlyQ.Video.Tests.Pester
{
    /// <summary>
    /// A [Fact] that reports itself skipped, not passed, when the Pester suite cannot or should not run here
    /// (xunit 2 has no dynamic skip, so the decision is made when the attribute is created).
    /// </summary>
    public sealed class PesterFactAttribute : FactAttribute
    {
        /// <summary>Set by build.ps1 -Task Test and CI, which run the Pester suite as a step of its own.</summary>
        public const string SeparateRunVariable = "SMARTLYQ_PESTER_SEPARATE";

        /// <summary>Decides whether to skip.</summary>
        public PesterFactAttribute()
        {
            if (Environment.GetEnvironmentVariable(SeparateRunVariable) == "1")
                Skip = "The Pester suite runs as a separate step (" + SeparateRunVariable + "=1)";
            else if (FindPwsh() == null)
                Skip = "pwsh not found on PATH; Pester suite not run";
        }

        /// <summary>Full path of pwsh on PATH, or null.</summary>
        public static string? FindPwsh()
        {
            string name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "pwsh.exe" : "pwsh";
            return (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir.Trim('"'), name))
                .FirstOrDefault(File.Exists);
        }
    }
}
