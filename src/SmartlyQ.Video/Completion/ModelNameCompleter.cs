using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SmartlyQ.Video.Core.Completion;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Completion
{
    /// <summary>
    /// Completes model ids (New-SqVideo -Model, Get-SqVideoModel -Name) from the model list of the line's
    /// <c>-Connection</c> or the runspace's default connection, cached by the connection (<see cref="ModelCatalog"/>).
    /// Not connected or offline: no results, and no file names either.
    /// </summary>
    public sealed class ModelNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IReadOnlyList<VideoModel> models = ModelCatalog.ForCompletion(CompletionConnection.Find(fakeBoundParameters));
            return CompletionResults.From(models, wordToComplete, m => m.Model, m => m.Model, ToolTip);
        }

        /// <summary>"Kling v2.1: text_to_video, image_to_video; 5, 10 s; 0.0560 SQC/s".</summary>
        private static string ToolTip(VideoModel model)
        {
            var parts = new List<string>();
            if (model.Types.Count > 0) parts.Add(string.Join(", ", model.Types));
            if (model.Duration.Count > 0) parts.Add(string.Join(", ", model.Duration.Select(d => d.ToString(CultureInfo.InvariantCulture))) + " s");
            if (model.PricePerSecond is decimal price)
                parts.Add(price.ToString("0.0000", CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(model.Currency) ? "" : " " + model.Currency) + "/s");
            return model.Name + (parts.Count > 0 ? ": " + string.Join("; ", parts) : "");
        }
    }
}
