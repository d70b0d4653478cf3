using System;
using SmartlyQ.Video.Core.Connections;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>The error for a cmdlet whose feature the connection's provider does not have (a capability it lacks).</summary>
    internal static class Unsupported
    {
        /// <summary>"<paramref name="feature"/> is not supported by OpenAI." as an <see cref="ErrorKind.NotImplemented"/> error.</summary>
        public static OperationError Error(SmartlyQConnection connection, string feature, object? target)
            => new OperationError(
                new NotSupportedException(feature + " is not supported by " + connection.Provider + "."),
                "NotSupportedByProvider", ErrorKind.NotImplemented, target, null,
                "Connect-SmartlyQ to a provider that offers it, or leave this command out for " + connection.Provider + ".");
    }
}
