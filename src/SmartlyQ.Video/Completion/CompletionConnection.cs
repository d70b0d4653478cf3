using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SmartlyQ.Video.Connections;
using SmartlyQ.Video.Core.Connections;

namespace SmartlyQ.Video.Completion
{
    /// <summary>The connection a command line being completed would use: its <c>-Connection</c>, else the runspace's default.</summary>
    internal static class CompletionConnection
    {
        /// <summary>
        /// The <c>-Connection</c> value PowerShell could evaluate for the line (a variable holding a connection), else the
        /// default connection of the runspace completing on this thread; null when there is neither.
        /// </summary>
        public static SmartlyQConnection? Find(IDictionary? fakeBoundParameters)
        {
            if (BoundValue(fakeBoundParameters, "Connection") is SmartlyQConnection given) return given;
            return RunspaceConnections.Get(Runspace.DefaultRunspace);
        }

        /// <summary>A parameter's value on the line, unwrapped from its PSObject; null when absent or not evaluated.</summary>
        public static object? BoundValue(IDictionary? fakeBoundParameters, string parameterName)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(parameterName)) return null;
            object? value = fakeBoundParameters[parameterName];
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }
    }
}
