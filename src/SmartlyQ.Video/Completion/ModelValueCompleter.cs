using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using SmartlyQ.Video.Core.Completion;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Completion
{
    /// <summary>
    /// Completes New-SqVideo's model-dependent values (-Duration, -Resolution, -AspectRatio, -Mode, -Style, -Movement)
    /// with what the <c>-Model</c> already on the line accepts, or what any model accepts when there is none (or it is
    /// not in the list). The values come from the connection's cached model list (<see cref="ModelCatalog"/>); not
    /// connected or offline: no results, and no file names either.
    /// </summary>
    public sealed class ModelValueCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IReadOnlyList<VideoModel> models = ModelCatalog.ForCompletion(CompletionConnection.Find(fakeBoundParameters));
            string? model = CompletionConnection.BoundValue(fakeBoundParameters, "Model") as string;
            IReadOnlyList<string> values = ModelCatalog.Values(models, parameterName, model);
            return CompletionResults.From(values, wordToComplete, v => v, v => v, v => parameterName + " " + v + (string.IsNullOrWhiteSpace(model) ? "" : " (" + model + ")"));
        }
    }
}
