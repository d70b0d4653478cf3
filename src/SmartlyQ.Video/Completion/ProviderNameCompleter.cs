using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Completion
{
    /// <summary>Completes Connect-SmartlyQ -Provider from the provider registry, with each provider's default API root as tool tip.</summary>
    public sealed class ProviderNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionResults.From(ProviderRegistry.All, wordToComplete, p => p.Name, p => p.Name, p => p.Name + " (" + (p.DefaultBaseUri?.ToString() ?? "no default: pass -BaseUri") + "; key from $env:" + p.ApiKeyEnvironmentVariable + ")");
    }
}
