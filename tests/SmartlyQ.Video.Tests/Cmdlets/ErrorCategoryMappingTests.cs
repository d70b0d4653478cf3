using System;
using System.Linq;
using System.Reflection;
using SmartlyQ.Video.Core.Operations;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>The cmdlets map <see cref="ErrorKind"/> to PowerShell's ErrorCategory by name; every name must exist there.</summary>
    public sealed class ErrorCategoryMappingTests
    {
        [Fact]
        public void Every_ErrorKind_is_an_ErrorCategory_name()
        {
            Type category = CmdletAssembly.Sma.GetType("System.Management.Automation.ErrorCategory", throwOnError: true)!;
            var names = category.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

            Assert.All(Enum.GetNames(typeof(ErrorKind)), kind => Assert.Contains(kind, names));
        }
    }
}
