using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Completion
{
    /// <summary>
    /// A connection's model list as argument completion needs it: at once and never at the cost of a request per
    /// keystroke. The connection's cached list when there is one; else one fetch of at most <see cref="FetchTimeout"/>
    /// (cached by the connection for every later use); after a failed fetch nothing is asked again for
    /// <see cref="FailureBackoff"/>. Offline, not connected or closed: an empty list, never an exception.
    /// </summary>
    public static class ModelCatalog
    {
        /// <summary>Longest a completion waits for the first fetch of a connection's model list.</summary>
        public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(3);

        /// <summary>How long after a failed fetch completion stays offline for that connection.</summary>
        public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(60);

        /// <summary>The parameters whose values come from a model's entry, as the cmdlets name them.</summary>
        public static readonly IReadOnlyList<string> ModelParameters = new[] { "Duration", "Resolution", "AspectRatio", "Mode", "Style", "Movement" };

        private static readonly ConditionalWeakTable<SmartlyQConnection, FailedFetch> Failures = new ConditionalWeakTable<SmartlyQConnection, FailedFetch>();

        /// <summary>The models of <paramref name="connection"/> for completion; empty without a connection or when the list cannot be had quickly.</summary>
        public static IReadOnlyList<VideoModel> ForCompletion(SmartlyQConnection? connection)
        {
            if (connection == null || connection.IsDisposed) return new VideoModel[0];
            IReadOnlyList<VideoModel>? cached = connection.CachedModels;
            if (cached != null) return cached;

            lock (Failures)
                if (Failures.TryGetValue(connection, out FailedFetch? failed) && DateTimeOffset.UtcNow - failed.At < FailureBackoff)
                    return new VideoModel[0];

            try
            {
                using var timeout = new CancellationTokenSource(FetchTimeout);
                // On a pool thread: the caller's thread (the PowerShell pipeline) must not be where the fetch resumes.
                Task<IReadOnlyList<VideoModel>> fetch = Task.Run(() => connection.GetModelsAsync(false, timeout.Token));
                if (fetch.Wait(FetchTimeout + TimeSpan.FromSeconds(1))) return fetch.Result;
                timeout.Cancel();
            }
            catch (Exception)
            {
                // Offline, refused key, closed connection: completion offers nothing rather than failing the keystroke.
            }

            lock (Failures)
            {
                Failures.Remove(connection);
                Failures.Add(connection, new FailedFetch(DateTimeOffset.UtcNow));
            }

            return new VideoModel[0];
        }

        /// <summary>
        /// The values <paramref name="parameterName"/> (one of <see cref="ModelParameters"/>, or <c>Model</c> for the ids)
        /// takes: those of the model named <paramref name="model"/> when it is in the list, else of every model, each
        /// once, in list order. Durations as invariant integers. Unknown parameter: empty.
        /// </summary>
        public static IReadOnlyList<string> Values(IReadOnlyList<VideoModel> models, string parameterName, string? model)
        {
            if (models == null) throw new ArgumentNullException(nameof(models));
            if (string.Equals(parameterName, "Model", StringComparison.OrdinalIgnoreCase) || string.Equals(parameterName, "Name", StringComparison.OrdinalIgnoreCase))
                return models.Select(m => m.Model).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

            IEnumerable<VideoModel> chosen = models;
            if (!string.IsNullOrWhiteSpace(model))
            {
                VideoModel[] named = models.Where(m => string.Equals(m.Model, model!.Trim(), StringComparison.OrdinalIgnoreCase)).ToArray();
                if (named.Length > 0) chosen = named;
            }

            return chosen.SelectMany(m => ValuesOf(m, parameterName)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }

        private static IEnumerable<string> ValuesOf(VideoModel model, string parameterName)
        {
            switch (parameterName.ToLowerInvariant())
            {
                case "duration": return model.Duration.Select(d => d.ToString(CultureInfo.InvariantCulture));
                case "resolution": return model.Resolution;
                case "aspectratio": return model.AspectRatio;
                case "mode": return model.Mode;
                case "style": return model.Style;
                case "movement": return model.Movement;
                default: return new string[0];
            }
        }

        private sealed class FailedFetch
        {
            public FailedFetch(DateTimeOffset at) => At = at;

            public DateTimeOffset At { get; }
        }
    }
}
