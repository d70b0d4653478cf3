using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Journal;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// New-SqVideo -BatchId over the local <see cref="BatchJournal"/>: decides per row whether to submit, to return the
    /// job an earlier run already made, or to refuse because an earlier submission's outcome is unknown. This is what
    /// keeps a re-run from paying twice on providers without idempotency keys; SmartlyQ (keyed) gets it too.
    /// </summary>
    /// <remarks>
    /// An uncertain row (a submit began, no answer was recorded) is settled by listing the provider's jobs where it
    /// can (<see cref="IJobLister"/>): a job of the same model and prompt created after the submit began, and claimed
    /// by no other row, is that row's job; when the list shows none, the row is submitted again. A keyed provider
    /// (<see cref="IIdempotentSubmission"/>) resubmits with the same key and the API answers with the first job.
    /// Anywhere else the row is reported instead of risking a second charge.
    /// </remarks>
    internal sealed class JournalledBatch : IDisposable
    {
        // Listed jobs' created_at comes from the server's clock; a job made just before our recorded start still counts.
        private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(2);
        private const int ListPageSize = 100;
        private const int MaxListPages = 50;

        private readonly BatchJournal _journal;
        private readonly IVideoProvider _provider;
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.Ordinal);
        private readonly object _gate = new object();

        private JournalledBatch(BatchJournal journal, IVideoProvider provider)
        {
            _journal = journal;
            _provider = provider;
            foreach (BatchRowState row in journal.GetRows())
                if (row.JobId != null) _claimed.Add(row.JobId);
        }

        /// <summary>The journal file, for messages.</summary>
        public string Path => _journal.Path;

        /// <summary>
        /// Opens the journal of <paramref name="batchId"/> for this connection's provider and account in
        /// <paramref name="directory"/> (null: <see cref="BatchJournal.DefaultDirectory"/>). Throws what
        /// <see cref="BatchJournal.Open"/> throws: <see cref="ArgumentException"/> (ParamName <c>BatchId</c>),
        /// <see cref="BatchJournalInUseException"/>, <see cref="InvalidOperationException"/> for another account's file.
        /// </summary>
        public static JournalledBatch Open(string batchId, IVideoProvider provider, AccountInfo? account, string? directory)
        {
            // Provider, API root and account: a batch re-run against another account must not take this one's jobs.
            string identity = provider.Name + " " + provider.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + " " + (account?.Id ?? "");
            return new JournalledBatch(BatchJournal.Open(batchId, provider.Name, identity, directory), provider);
        }

        /// <summary>
        /// What to do with the row whose derived key is <paramref name="rowKey"/>. <see cref="BatchDecision.Submit"/> has
        /// already been recorded as begun (flushed to disk) when it is returned.
        /// </summary>
        public async Task<BatchDecision> DecideAsync(string rowKey, VideoRequest request, CancellationToken cancellationToken)
        {
            BatchRowState state = _journal.Lookup(rowKey);
            switch (state.Status)
            {
                case BatchRowStatus.Submitted:
                    return BatchDecision.Existing(state.JobId!, "submitted in an earlier run of this batch");

                case BatchRowStatus.Uncertain:
                    if (_provider is IIdempotentSubmission) break;
                    if (_provider is IJobLister lister)
                    {
                        JobSnapshot? found = await FindAsync(lister, state, cancellationToken).ConfigureAwait(false);
                        if (found != null)
                        {
                            Claim(found.JobUid);
                            _journal.Resolve(rowKey, found.JobUid, "found in the provider's job list");
                            return BatchDecision.Existing(found.JobUid, "its earlier submission got no answer; found it in " + _provider.Name + "'s job list");
                        }
                        _journal.Resolve(rowKey, null, "not in the provider's job list");
                        break;
                    }
                    return BatchDecision.Uncertain(Started(state));
            }

            _journal.Begin(rowKey, SubmitSummary.For(request.Model ?? "", request.Prompt));
            return BatchDecision.Submit;
        }

        /// <summary>Records the job the submission of <paramref name="rowKey"/> created.</summary>
        public void Submitted(string rowKey, string jobId)
        {
            Claim(jobId);
            _journal.Complete(rowKey, jobId);
        }

        /// <summary>
        /// Records how the submission of <paramref name="rowKey"/> failed: a definite refusal (no job made) is marked so
        /// the next run submits it again; anything else (timeout, cut connection, 5xx, Ctrl+C) stays uncertain.
        /// </summary>
        public void Failed(string rowKey, Exception error)
        {
            if (IsRefusal(error)) _journal.Fail(rowKey, error.Message);
        }

        /// <summary>Closes the journal file.</summary>
        public void Dispose() => _journal.Dispose();

        /// <summary>True when the API definitely made no job: a 4xx answer other than a timeout or a conflict.</summary>
        internal static bool IsRefusal(Exception error)
        {
            if (error is VideoApiException api)
                return api.Kind != ApiErrorKind.Uncertain && api.StatusCode >= 400 && api.StatusCode < 500 && api.StatusCode != 408 && api.StatusCode != 409;
            return error is ArgumentException || error is NotSupportedException;
        }

        /// <summary>The newest jobs, page after page, until they are older than the uncertain submit; the match or null.</summary>
        private async Task<JobSnapshot?> FindAsync(IJobLister lister, BatchRowState state, CancellationToken cancellationToken)
        {
            DateTimeOffset since = (state.StartedAt ?? DateTimeOffset.MinValue.AddDays(1)) - ClockSlack;
            string? cursor = null;
            for (int page = 0; page < MaxListPages; page++)
            {
                JobPage jobs = await lister.ListJobsAsync(new JobQuery { Limit = ListPageSize, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
                bool older = false;
                foreach (JobSnapshot job in jobs.Jobs)
                {
                    if (job.CreatedAt.HasValue && job.CreatedAt.Value < since)
                    {
                        older = true;
                        continue;
                    }
                    if (state.Summary != null && state.Summary.Matches(job.Model, job.Prompt) && !IsClaimed(job.JobUid)) return job;
                }
                cursor = jobs.NextCursor;
                if (older || cursor == null) return null;
            }
            throw new HttpRequestException("The job list of " + _provider.Name + " is longer than " + (MaxListPages * ListPageSize).ToString(CultureInfo.InvariantCulture)
                + " jobs since " + Started(state) + "; the uncertain submission could not be settled.");
        }

        private static string Started(BatchRowState state)
            => state.StartedAt?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "an unknown time";

        private void Claim(string jobId)
        {
            lock (_gate) _claimed.Add(jobId);
        }

        private bool IsClaimed(string jobId)
        {
            lock (_gate) return _claimed.Contains(jobId);
        }
    }
}
