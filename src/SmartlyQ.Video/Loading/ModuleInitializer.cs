using System.Management.Automation;
using System.Reflection;

namespace SmartlyQ.Video.Loading
{
    /// <summary>
    /// Import-Module and Remove-Module hooks: the module's dependencies (the <c>dependencies</c> folder beside
    /// SmartlyQ.Video.dll) are resolved by <see cref="DependencyResolver"/> while the module is loaded.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>
        /// Checks the runtime (<see cref="RuntimeRequirement"/>), registers the resolver (once per process, however often the module is imported) and, where Core is in the
        /// private load context, its type names.
        /// </summary>
        public void OnImport()
        {
            RuntimeRequirement.Check();
            DependencyResolver.Register();
            Assembly? core = DependencyResolver.Context?.Find("SmartlyQ.Video.Core");
            if (core != null) CoreTypeAccelerators.Add(core);
        }

        /// <summary>Unregisters both again; assemblies already loaded stay loaded, as .NET cannot unload them.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            CoreTypeAccelerators.Remove();
            DependencyResolver.Unregister();
        }
    }
}
