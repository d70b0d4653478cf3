using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SmartlyQ.Video.Loading
{
    /// <summary>
    /// Resolves SmartlyQ.Video.Core and its dependencies from the module's private <c>dependencies</c> folder, so the
    /// module works whatever versions of the same assemblies other modules have loaded.
    /// <list type="bullet">
    /// <item>PowerShell 7 (.NET): every assembly of that folder that the runtime does not provide itself (Polly.Core,
    /// System.Threading.RateLimiting, Microsoft.Bcl.TimeProvider, SmartlyQ.Video.Core) is loaded into one
    /// <see cref="PrivateLoadContext"/>, where Core's references find them before anything in the default context
    /// (an older Polly.Core loaded by another module, say). The cmdlet assembly stays in the default context and gets
    /// Core from this resolver.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework): one AppDomain, no load contexts; the resolver acts as the binding
    /// redirects powershell.exe lacks, answering only for assemblies of that folder of at least the requested
    /// version.</item>
    /// </list>
    /// </summary>
    internal static class DependencyResolver
    {
        /// <summary>Name of the private folder beside SmartlyQ.Video.dll.</summary>
        public const string FolderName = "dependencies";

        private static readonly object Gate = new object();
        private static readonly string Folder =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? "", FolderName);

        private static Dictionary<string, string>? _files;
        private static PrivateLoadContext? _context;
        private static bool _registered;

        /// <summary>The private load context on .NET, or null (.NET Framework, or no dependencies folder).</summary>
        public static PrivateLoadContext? Context => _context;

        /// <summary>Starts answering assembly resolution for the dependencies folder.</summary>
        public static void Register()
        {
            lock (Gate)
            {
                if (_registered) return;
                _files ??= DependencyFiles(Folder);
                // Dev builds load from bin/, where .NET probes the dependencies beside the assembly itself.
                if (_files.Count == 0) return;
                if (!IsNetFramework) _context ??= PrivateLoadContext.Create("SmartlyQ.Video", _files);
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _registered = true;
            }
        }

        /// <summary>Stops answering (Remove-Module).</summary>
        public static void Unregister()
        {
            lock (Gate)
            {
                if (!_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _registered = false;
            }
        }

        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            if (requested.Name == null || _files == null || !_files.TryGetValue(requested.Name, out string? path)) return null;

            // .NET: the private context already holds it, or the runtime's own copy (in its TPA list) serves it.
            if (_context != null) return _context.Find(requested.Name);

            Version? available = AssemblyName.GetAssemblyName(path).Version;
            if (requested.Version != null && (available == null || available < requested.Version)) return null;
            return Assembly.LoadFrom(path);
        }

        private static Dictionary<string, string> DependencyFiles(string folder)
        {
            var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(folder)) return files;
            foreach (string file in Directory.GetFiles(folder, "*.dll"))
                files[Path.GetFileNameWithoutExtension(file)] = file;
            return files;
        }
    }
}
