using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using SmartlyQ.Video.Core.Connections;

namespace SmartlyQ.Video.Connections
{
    /// <summary>
    /// The default connection of each runspace, set by Connect-SmartlyQ and cleared by Disconnect-SmartlyQ.
    /// Keyed by <see cref="Runspace"/> rather than held in a static field because Azure Automation runs several
    /// runbook jobs (each its own runspace) in one process, and one job's key must never serve another. A
    /// <see cref="ConditionalWeakTable{TKey,TValue}"/> rather than a session variable because a binary module has
    /// no module scope of its own: a variable would land in the user's global scope, visible and removable. The
    /// weak table lets a closed runspace and its connection be collected.
    /// Callers must pass <see cref="Runspace.DefaultRunspace"/> read on the pipeline thread (it is thread-static).
    /// </summary>
    internal static class RunspaceConnections
    {
        private static readonly ConditionalWeakTable<Runspace, SmartlyQConnection> Defaults = new ConditionalWeakTable<Runspace, SmartlyQConnection>();

        /// <summary>The runspace's default connection, or null.</summary>
        public static SmartlyQConnection? Get(Runspace? runspace)
        {
            if (runspace == null) return null;
            return Defaults.TryGetValue(runspace, out SmartlyQConnection? connection) ? connection : null;
        }

        /// <summary>
        /// Makes <paramref name="connection"/> the runspace's default. The one it replaces is not disposed: the
        /// user may still hold it (-PassThru) and pass it with -Connection.
        /// </summary>
        public static void Set(Runspace runspace, SmartlyQConnection connection)
        {
            lock (Defaults)
            {
                // netstandard2.0 has no AddOrUpdate.
                Defaults.Remove(runspace);
                Defaults.Add(runspace, connection);
            }
        }

        /// <summary>Clears the runspace's default when it is <paramref name="connection"/>; true if it was.</summary>
        public static bool Remove(Runspace runspace, SmartlyQConnection connection)
        {
            lock (Defaults)
            {
                if (!Defaults.TryGetValue(runspace, out SmartlyQConnection? current) || !ReferenceEquals(current, connection)) return false;
                return Defaults.Remove(runspace);
            }
        }
    }
}
