using System;
using SmartlyQ.Video.Loading;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    public sealed class RuntimeRequirementTests
    {
        [Theory]
        [InlineData(".NET Framework 4.8.9290.0", "4.0.30319")]
        [InlineData(".NET 8.0.11", "8.0.11")]
        [InlineData(".NET 10.0.12", "10.0.12")]
        public void Supported_runtimes_import(string description, string version)
        {
            RuntimeRequirement.Check(description, Version.Parse(version));
        }

        [Theory]
        [InlineData(".NET 6.0.36", "6.0.36")]
        [InlineData(".NET 7.0.20", "7.0.20")]
        [InlineData(".NET Core 3.1.32", "3.1.32")]
        public void PowerShell_7_0_to_7_3_are_refused_with_advice(string description, string version)
        {
            var ex = Assert.Throws<PlatformNotSupportedException>(() => RuntimeRequirement.Check(description, Version.Parse(version)));

            Assert.Contains("PowerShell 7.4 or later", ex.Message);
            Assert.Contains(description, ex.Message);
        }
    }
}
