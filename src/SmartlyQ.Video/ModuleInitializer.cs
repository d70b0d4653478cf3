using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SmartlyQ.Video
{
    /// <summary>
    /// Runs at Import-Module. On Windows PowerShell 5.1 (.NET Framework) it resolves the module's own dependency
    /// assemblies from the module folder: System.Text.Json's package graph asks for several versions of
    /// System.Runtime.CompilerServices.Unsafe, System.Memory and friends, and powershell.exe has no binding
    /// redirects for them. PowerShell 7 needs nothing: .NET resolves LoadFrom dependencies from the same folder.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";
        private static readonly object Gate = new object();
        private static bool _registered;

        /// <summary>Registers the resolver once per process on .NET Framework.</summary>
        public void OnImport()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)) return;
            lock (Gate)
            {
                if (_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleDirectory;
                _registered = true;
            }
        }

        /// <summary>Acts as a binding redirect: loads the module folder's copy when it is at least the requested version.</summary>
        private static Assembly? ResolveFromModuleDirectory(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            string candidate = Path.Combine(ModuleDirectory, requested.Name + ".dll");
            if (!File.Exists(candidate)) return null;
            Version? available = AssemblyName.GetAssemblyName(candidate).Version;
            if (requested.Version != null && (available == null || available < requested.Version)) return null;
            return Assembly.LoadFrom(candidate);
        }
    }
}
