using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Completion
{
    /// <summary>The jobs a connection knows, as argument completion of <c>-JobUid</c> needs them: no request is sent.</summary>
    public static class JobCatalog
    {
        /// <summary>
        /// The jobs submitted through <paramref name="connection"/>, newest first, each with the latest state seen
        /// (the connection's job history); empty without a connection or once it is closed.
        /// </summary>
        public static IReadOnlyList<VideoJob> ForCompletion(SmartlyQConnection? connection)
        {
            if (connection == null || connection.IsDisposed) return new VideoJob[0];
            return connection.Jobs.All().Reverse().ToArray();
        }
    }
}
