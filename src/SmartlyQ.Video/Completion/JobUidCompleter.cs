using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using SmartlyQ.Video.Connections;
using SmartlyQ.Video.Core.Completion;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Completion
{
    /// <summary>
    /// Completes -JobUid (Wait-SqJob, Save-SqVideo, Get-SqJob, Stop-SqJob) with the jobs this PowerShell session has
    /// seen (written or named in an error by a cmdlet of this runspace), most recent first, then the other jobs the
    /// line's connection has submitted (<see cref="JobCatalog"/>), each with its last known status, model and prompt as
    /// the tooltip. No request is sent. None known: no results, and no file names either.
    /// </summary>
    public sealed class JobUidCompleter : IArgumentCompleter
    {
        private const int PromptPreviewLength = 50;

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IEnumerable<VideoJob> jobs = RunspaceJobs.Get(Runspace.DefaultRunspace)
                .Concat(JobCatalog.ForCompletion(CompletionConnection.Find(fakeBoundParameters)));
            // The first of each id wins (From skips repeats): the runspace's record is the more recent.
            return CompletionResults.From(jobs, wordToComplete, j => j.JobUid, j => j.JobUid + " (" + j.Status.ToText() + ")", ToolTip);
        }

        /// <summary>"completed, kling-v2-1: A lone astronaut walks…".</summary>
        private static string ToolTip(VideoJob job)
        {
            string text = job.Status.ToText();
            if (!string.IsNullOrEmpty(job.Model)) text += ", " + job.Model;
            string? what = job.Prompt ?? job.ImageUrl;
            if (!string.IsNullOrEmpty(what))
                text += ": " + (what!.Length > PromptPreviewLength ? what.Substring(0, PromptPreviewLength) + "…" : what);
            return text;
        }
    }
}
