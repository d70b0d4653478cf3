using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace SmartlyQ.Video.Loading
{
    /// <summary>
    /// An <c>AssemblyLoadContext</c> of the module's own on .NET, reached by reflection because the cmdlet assembly
    /// targets netstandard2.0 (which has no load contexts) to load in Windows PowerShell 5.1 too.
    /// Every private assembly is loaded into it at import: a load context finds its own loaded assemblies first, so
    /// Core's references bind to these copies even where another module loaded other versions into the default context.
    /// Assemblies the runtime itself provides (System.Memory, System.Text.Json, …) are left to the default context, as
    /// a module loaded there would get them too.
    /// </summary>
    internal sealed class PrivateLoadContext
    {
        private readonly Dictionary<string, Assembly> _assemblies;

        private PrivateLoadContext(string name, Dictionary<string, Assembly> assemblies)
        {
            Name = name;
            _assemblies = assemblies;
        }

        /// <summary>The load context's name, as <c>AssemblyLoadContext.GetLoadContext(assembly).Name</c> shows it.</summary>
        public string Name { get; }

        /// <summary>Names of the assemblies loaded into it.</summary>
        public IEnumerable<string> AssemblyNames => _assemblies.Keys;

        /// <summary>The loaded assembly of that simple name, or null when it was left to the runtime.</summary>
        public Assembly? Find(string simpleName) => _assemblies.TryGetValue(simpleName, out Assembly? a) ? a : null;

        /// <summary>
        /// Creates the context and loads into it every file of <paramref name="files"/> (simple name → path) that is not
        /// one of the runtime's trusted platform assemblies. Throws <see cref="PlatformNotSupportedException"/> where
        /// the runtime has no load contexts (.NET Framework).
        /// </summary>
        public static PrivateLoadContext Create(string name, IReadOnlyDictionary<string, string> files)
        {
            Type? type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            ConstructorInfo? constructor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
            MethodInfo? loadFromPath = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            if (constructor == null || loadFromPath == null)
                throw new PlatformNotSupportedException("This runtime has no AssemblyLoadContext.");

            object context = constructor.Invoke(new object[] { name, false });
            HashSet<string> platform = PlatformAssemblyNames();
            var loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, string> file in files)
            {
                if (platform.Contains(file.Key)) continue;
                loaded[file.Key] = (Assembly)loadFromPath.Invoke(context, new object[] { file.Value });
            }
            return new PrivateLoadContext(name, loaded);
        }

        private static HashSet<string> PlatformAssemblyNames()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            string paths = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
            foreach (string path in paths.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                names.Add(Path.GetFileNameWithoutExtension(path));
            return names;
        }
    }
}
