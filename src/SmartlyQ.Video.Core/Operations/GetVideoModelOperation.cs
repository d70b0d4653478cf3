using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Text;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Get-SqVideoModel: the models from <c>GET /videos/models</c> (cached per connection), filtered.</summary>
    public static class GetVideoModelOperation
    {
        /// <summary>
        /// Writes each <see cref="VideoModel"/> whose id matches one of <paramref name="name"/> (wildcards; null = all)
        /// and that supports <paramref name="type"/> (null = any). A name without wildcards that matches nothing is a
        /// non-terminating error listing the available models, like Get-Process.
        /// </summary>
        public static async Task RunAsync(SmartlyQConnection connection, string[]? name, string? type, bool refresh, IOperationSink sink, CancellationToken cancellationToken)
        {
            using IDisposable log = VerboseLog.Use(sink);
            if (type != null && !VideoType.All.Contains(type, StringComparer.OrdinalIgnoreCase))
                throw new OperationTerminatedException(new OperationError(
                    new ArgumentException("Type '" + type + "' is not a video type; allowed values: " + string.Join(", ", VideoType.All) + ".", "Type"),
                    "InvalidType", ErrorKind.InvalidArgument, type));

            IReadOnlyList<VideoModel> models;
            try
            {
                models = await connection.GetModelsAsync(refresh, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw new OperationTerminatedException(ApiErrorTranslator.ToError(ex, connection, "Get-SqVideoModel", connection.Videos));
            }

            var patterns = (name ?? new[] { "*" }).Select(n => new Wildcard(n)).ToList();
            var matched = new HashSet<Wildcard>();
            foreach (VideoModel model in models)
            {
                Wildcard? hit = patterns.FirstOrDefault(p => p.IsMatch(model.Model));
                if (hit == null) continue;
                matched.Add(hit);
                if (type == null || model.Types.Any(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase)))
                    sink.WriteObject(model);
            }

            foreach (Wildcard missing in patterns.Where(p => !p.HasWildcards && !matched.Contains(p)))
            {
                sink.WriteError(new OperationError(
                    new ArgumentException("No model named '" + missing.Pattern + "'; available models: " + string.Join(", ", models.Select(m => m.Model)) + ".", "Name"),
                    "ModelNotFound", ErrorKind.ObjectNotFound, missing.Pattern));
            }
        }
    }
}
