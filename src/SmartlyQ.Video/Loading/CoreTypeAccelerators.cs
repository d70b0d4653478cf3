using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace SmartlyQ.Video.Loading
{
    /// <summary>
    /// PowerShell 7 resolves type names (<c>[SmartlyQ.Video.Core.Models.VideoJob]</c>, <c>-is</c>, <c>-as</c>) only from
    /// assemblies of the default load context, and Core lives in the module's private one. Registering Core's public
    /// types as type accelerators under their full names keeps those names working in scripts; they are removed again
    /// with the module. PowerShell has no public API for this: TypeAccelerators is reached by reflection, and where
    /// it is missing the names simply do not resolve (the cmdlets work either way).
    /// </summary>
    internal static class CoreTypeAccelerators
    {
        private static readonly object Gate = new object();
        private static readonly List<string> Added = new List<string>();

        /// <summary>Adds every public type of <paramref name="core"/> that no accelerator names yet.</summary>
        public static void Add(Assembly core)
        {
            Accelerators? api = Accelerators.Find();
            if (api == null) return;
            lock (Gate)
            {
                var existing = (IDictionary<string, Type>)api.Get.GetValue(null, null)!;
                foreach (Type type in core.GetExportedTypes())
                {
                    string? name = type.FullName;
                    if (name == null || existing.ContainsKey(name)) continue;
                    api.Add.Invoke(null, new object[] { name, type });
                    Added.Add(name);
                }
            }
        }

        /// <summary>Removes what <see cref="Add"/> added.</summary>
        public static void Remove()
        {
            Accelerators? api = Accelerators.Find();
            if (api == null) return;
            lock (Gate)
            {
                foreach (string name in Added) api.Remove.Invoke(null, new object[] { name });
                Added.Clear();
            }
        }

        private sealed class Accelerators
        {
            private Accelerators(MethodInfo add, MethodInfo remove, PropertyInfo get)
            {
                Add = add;
                Remove = remove;
                Get = get;
            }

            public MethodInfo Add { get; }
            public MethodInfo Remove { get; }
            public PropertyInfo Get { get; }

            public static Accelerators? Find()
            {
                Type? type = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
                MethodInfo? add = type?.GetMethod("Add", new[] { typeof(string), typeof(Type) });
                MethodInfo? remove = type?.GetMethod("Remove", new[] { typeof(string) });
                PropertyInfo? get = type?.GetProperty("Get");
                return add == null || remove == null || get == null ? null : new Accelerators(add, remove, get);
            }
        }
    }
}
