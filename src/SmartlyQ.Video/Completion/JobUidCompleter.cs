using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using SmartlyQ.Video.Connections;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Completion
{
    /// <summary>
    /// Completes -JobUid (Wait-SqJob, Save-SqVideo) with the jobs this PowerShell session has seen (submitted, waited
    /// for, failed), most recent first, each with its last known status, model and prompt as the tooltip. No request is
    /// sent. None seen: no results, and no file names either.
    /// </summary>
    public sealed class JobUidCompleter : IArgumentCompleter
    {
        private const int PromptPreviewLength = 50;

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IReadOnlyList<VideoJob> jobs = RunspaceJobs.Get(Runspace.DefaultRunspace);
            return CompletionResults.From(jobs, wordToComplete, j => j.JobUid, j => j.JobUid + " (" + j.Status.ToApiString() + ")", ToolTip);
        }

        /// <summary>"completed, kling-v2-1: A lone astronaut walks…".</summary>
        private static string ToolTip(VideoJob job)
        {
            string text = job.Status.ToApiString();
            if (!string.IsNullOrEmpty(job.Model)) text += ", " + job.Model;
            string? what = job.Prompt ?? job.ImageUrl;
            if (!string.IsNullOrEmpty(what))
                text += ": " + (what!.Length > PromptPreviewLength ? what.Substring(0, PromptPreviewLength) + "…" : what);
            return text;
        }
    }
}
