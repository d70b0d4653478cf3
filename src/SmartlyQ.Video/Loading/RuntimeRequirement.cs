using System;
using System.Runtime.InteropServices;

namespace SmartlyQ.Video.Loading
{
    /// <summary>
    /// The runtimes the module supports: .NET Framework 4.7.2+ (Windows PowerShell 5.1) and .NET 8+ (PowerShell 7.4+).
    /// PowerShell 7.0–7.3 run on .NET 3.1–7, whose System.Text.Json is older than the module's.
    /// </summary>
    internal static class RuntimeRequirement
    {
        /// <summary>Lowest .NET major version on PowerShell 7 (7.4 runs on .NET 8).</summary>
        public const int MinimumDotNetMajor = 8;

        /// <summary>Throws <see cref="PlatformNotSupportedException"/> with advice on a runtime that is too old.</summary>
        public static void Check() => Check(RuntimeInformation.FrameworkDescription, Environment.Version);

        /// <summary>As <see cref="Check()"/>, for a given runtime description and version (tests).</summary>
        public static void Check(string frameworkDescription, Version runtimeVersion)
        {
            if (frameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)) return;
            if (runtimeVersion.Major >= MinimumDotNetMajor) return;
            throw new PlatformNotSupportedException(
                "SmartlyQ.Video needs PowerShell 7.4 or later (or Windows PowerShell 5.1); this PowerShell runs on " +
                frameworkDescription + ". Install PowerShell 7.4+ and import the module there.");
        }
    }
}
