using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>
    /// SmartlyQ.Video.dll opened for inspection only: the test process has no PowerShell engine, so attributes are
    /// read as <see cref="CustomAttributeData"/> against PowerShellStandard's reference assembly (MetadataLoadContext
    /// cannot instantiate them).
    /// </summary>
    internal static class CmdletAssembly
    {
        private const string Automation = "System.Management.Automation.";
        private static readonly Lazy<(Assembly Cmdlets, Assembly Sma)> Loaded = new Lazy<(Assembly, Assembly)>(Load);

        public static Assembly Assembly => Loaded.Value.Cmdlets;

        /// <summary>PowerShellStandard's System.Management.Automation, in the same load context.</summary>
        public static Assembly Sma => Loaded.Value.Sma;

        /// <summary>The classes carrying [Cmdlet], keyed by "Verb-Noun".</summary>
        public static IReadOnlyDictionary<string, Type> Cmdlets =>
            Assembly.GetTypes()
                .Select(t => (Type: t, Cmdlet: Attribute(t, "CmdletAttribute")))
                .Where(x => x.Cmdlet != null)
                .ToDictionary(x => (string)x.Cmdlet!.ConstructorArguments[0].Value! + "-" + (string)x.Cmdlet.ConstructorArguments[1].Value!, x => x.Type);

        /// <summary>The one attribute of a System.Management.Automation type (short name) on <paramref name="member"/>, or null.</summary>
        public static CustomAttributeData? Attribute(MemberInfo member, string shortName)
            => Attributes(member, shortName).SingleOrDefault();

        /// <summary>Every attribute of a System.Management.Automation type (short name) on <paramref name="member"/>.</summary>
        public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string shortName)
            => member.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Automation + shortName);

        /// <summary>A named argument's value, or <paramref name="fallback"/> when the attribute does not set it.</summary>
        public static T Named<T>(CustomAttributeData attribute, string name, T fallback)
        {
            foreach (CustomAttributeNamedArgument argument in attribute.NamedArguments)
                if (argument.MemberName == name) return (T)argument.TypedValue.Value!;
            return fallback;
        }

        /// <summary>The values of a <c>params string[]</c> constructor argument (Alias, ValidateSet).</summary>
        public static string[] Strings(CustomAttributeData attribute)
            => ((ReadOnlyCollection<CustomAttributeTypedArgument>)attribute.ConstructorArguments[0].Value!).Select(a => (string)a.Value!).ToArray();

        /// <summary>C#-like type name: <c>System.Int32?</c>, <c>System.String[]</c>, full names otherwise.</summary>
        public static string Format(Type type)
        {
            if (type.IsArray) return Format(type.GetElementType()!) + "[]";
            if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") return Format(type.GetGenericArguments()[0]) + "?";
            return type.FullName!;
        }

        private static (Assembly, Assembly) Load()
        {
            string output = AppContext.BaseDirectory;
            var paths = new List<string>();
            paths.AddRange(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));
            paths.AddRange(Directory.GetFiles(output, "*.dll"));
            paths.Add(PowerShellStandardReference());
            // PathAssemblyResolver takes the highest version when a name is found twice (runtime and test output).
            var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
            Assembly cmdlets = context.LoadFromAssemblyPath(Path.Combine(output, "SmartlyQ.Video.dll"));
            Assembly sma = context.LoadFromAssemblyName("System.Management.Automation");
            return (cmdlets, sma);
        }

        private static string PowerShellStandardReference()
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string path = Path.Combine(packages, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0", "System.Management.Automation.dll");
            if (!File.Exists(path))
                throw new FileNotFoundException("PowerShellStandard.Library's reference assembly is missing; restore src/SmartlyQ.Video first.", path);
            return path;
        }
    }
}
