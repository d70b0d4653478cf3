using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SmartlyQ.Video.Tests.EndToEnd;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>SmartlyQ.Video.psd1 read as text (no PowerShell here): exports match the assembly, version matches the build.</summary>
    public sealed class ModuleManifestTests
    {
        private static readonly string Manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "SmartlyQ.Video.psd1"));

        [Fact]
        public void CmdletsToExport_lists_exactly_the_cmdlet_classes_without_wildcards()
        {
            string[] exported = QuotedValues(Array("CmdletsToExport"));
            Assert.DoesNotContain(exported, e => e.Contains('*'));
            Assert.Equal(CmdletAssembly.Cmdlets.Keys.OrderBy(n => n), exported.OrderBy(n => n));
        }

        [Theory]
        [InlineData("FunctionsToExport")]
        [InlineData("AliasesToExport")]
        [InlineData("VariablesToExport")]
        public void Nothing_but_cmdlets_is_exported(string key)
        {
            Assert.Empty(QuotedValues(Array(key)));
        }

        [Fact]
        public void ModuleVersion_equals_the_Version_in_Directory_Build_props()
        {
            string props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
            string version = Regex.Match(props, @"<Version>\s*([^<\s]+)\s*</Version>").Groups[1].Value;
            Assert.Equal(version, Scalar("ModuleVersion"));
        }

        [Theory]
        [InlineData("RootModule", "SmartlyQ.Video.dll")]
        [InlineData("PowerShellVersion", "5.1")]
        [InlineData("DotNetFrameworkVersion", "4.7.2")]
        public void Loads_the_binary_module_on_Windows_PowerShell_5_1_and_later(string key, string expected)
        {
            Assert.Equal(expected, Scalar(key));
        }

        [Fact]
        public void Declares_both_editions()
        {
            Assert.Equal(new[] { "Desktop", "Core" }, QuotedValues(Array("CompatiblePSEditions")));
        }

        private static string Scalar(string key)
        {
            Match match = Regex.Match(Manifest, @"(?m)^\s*" + key + @"\s*=\s*'([^']*)'");
            Assert.True(match.Success, key + " not found in SmartlyQ.Video.psd1");
            return match.Groups[1].Value;
        }

        private static string Array(string key)
        {
            Match match = Regex.Match(Manifest, @"(?m)^\s*" + key + @"\s*=\s*@\(([^)]*)\)");
            Assert.True(match.Success, key + " = @(...) not found in SmartlyQ.Video.psd1");
            return match.Groups[1].Value;
        }

        private static string[] QuotedValues(string list)
            => Regex.Matches(list, @"'([^']*)'").Select(m => m.Groups[1].Value).ToArray();
    }
}
