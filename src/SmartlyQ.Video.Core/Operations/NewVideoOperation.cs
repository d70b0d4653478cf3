using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// New-SqVideo: for each row, checks the request against the model's capabilities, asks ShouldProcess, submits
    /// it (with an idempotency key where the provider takes one, <see cref="IIdempotentSubmission"/>) and writes the <see cref="VideoJob"/>. A bad row is a non-terminating error that
    /// costs nothing; the next row goes on. Once the wallet is short (402) no further row is sent. A row's own
    /// idempotency key is checked like its fields (<see cref="IdempotencyKeyRule"/>; error field <c>idempotency_key</c>).
    /// </summary>
    public sealed class NewVideoOperation : IDisposable
    {
        private const int PromptPreviewLength = 60;
        private const string IdempotencyKeyField = "idempotency_key";
        private readonly SmartlyQConnection _connection;
        private readonly BatchKeys? _batchKeys;
        private readonly string? _batchId;
        private readonly string? _journalPath;
        private JournalledBatch? _batch;
        private readonly ColumnNames? _columns;
        private readonly int? _throttleLimit;
        private readonly HashSet<string> _warnedColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private bool _outOfBalance;
        private int _notSubmitted;

        /// <summary>Creates the operation for one pipeline run with random idempotency keys.</summary>
        public NewVideoOperation(SmartlyQConnection connection)
            : this(connection, new NewVideoOptions())
        {
        }

        /// <summary>
        /// Creates the operation for one pipeline run; with a BatchId, keys are derived (see <see cref="BatchKeys"/>).
        /// Throws <see cref="ArgumentException"/> naming <c>batchId</c> when the BatchId is blank or holds a control character.
        /// </summary>
        public NewVideoOperation(SmartlyQConnection connection, NewVideoOptions options)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            if (options?.BatchId != null)
            {
                _batchKeys = new BatchKeys(options.BatchId);
                _batchId = options.BatchId;
                _journalPath = options.JournalPath;
            }
            _columns = options?.Columns;
            _throttleLimit = options?.ThrottleLimit;
        }

        /// <summary>
        /// Handles one row. Writes one <see cref="VideoJob"/> (and records it in the connection's job history), or
        /// one error (a misspelled column, validation, API refusal), or nothing under -WhatIf or after the wallet ran
        /// out; warns about columns that resemble no parameter. Throws <see cref="OperationTerminatedException"/> only when no
        /// further row can succeed (401, or the model list cannot be read).
        /// </summary>
        public async Task ProcessAsync(NewVideoInput input, IOperationSink sink, CancellationToken cancellationToken)
        {
            using IDisposable log = VerboseLog.Use(sink);
            if (_outOfBalance)
            {
                _notSubmitted++;
                return;
            }

            IReadOnlyList<VideoModel> models;
            try
            {
                models = await _connection.GetModelsAsync(false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw new OperationTerminatedException(ApiErrorTranslator.ToError(ex, input.TargetObject, "New-SqVideo could not read the model list", _connection.Videos));
            }

            if (!CheckColumns(input, models, sink)) return;

            VideoRequest? request = null;
            var fields = new List<FieldError>();
            try
            {
                request = VideoRequestValidator.Validate(WithOptionColumns(input, models), models, _connection.Provider);
            }
            catch (VideoRequestValidationException ex)
            {
                fields.AddRange(ex.Fields);
            }

            // The key becomes a header: a CR/LF in a CSV cell must not add header lines of its own.
            if (input.IdempotencyKey != null && IdempotencyKeyRule.Problem(input.IdempotencyKey, IdempotencyKeyField, (_connection.Videos as IIdempotentSubmission)?.IdempotencyHeader) is string keyProblem)
                fields.Add(new FieldError(IdempotencyKeyField, keyProblem));

            if (request == null || fields.Count > 0)
            {
                // The provider is named: with several connections, "allowed values" are that provider's catalog's.
                sink.WriteError(new OperationError(new VideoRequestValidationException(fields), "VALIDATION_ERROR", ErrorKind.InvalidArgument, input.TargetObject, null,
                    "Fix the named fields; Get-SqVideoModel lists the values each " + _connection.Provider + " model accepts."));
                return;
            }

            string? rowKey = _batchKeys?.Next(request);
            string key = input.IdempotencyKey ?? rowKey ?? Guid.NewGuid().ToString();
            if (!await sink.ShouldProcessAsync(_connection.Provider + " " + Describe(request), SubmitAction(request, models), cancellationToken).ConfigureAwait(false))
                return;

            // The journal is keyed by the derived row key: a row's own IdempotencyKey does not change what the row is.
            JournalledBatch? batch = rowKey == null ? null : OpenJournal(input.TargetObject);
            if (batch != null && !await TryDecideAsync(batch, rowKey!, request, input.TargetObject, sink, cancellationToken).ConfigureAwait(false))
                return;

            bool keyed = _connection.Videos is IIdempotentSubmission;
            JobSubmission submission;
            try
            {
                submission = await _connection.Videos.SubmitAsync(request, new SubmitOptions { IdempotencyKey = keyed ? key : null, ThrottleLimit = _throttleLimit }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                batch?.Failed(rowKey!, ex);
                if (ex is OperationCanceledException) throw;
                if (ex is VideoApiException balance && balance.Kind == ApiErrorKind.InsufficientBalance)
                {
                    _outOfBalance = true;
                    sink.WriteError(await OutOfBalanceAsync(balance, request, input.TargetObject, cancellationToken).ConfigureAwait(false));
                    return;
                }
                OperationError error = ApiErrorTranslator.ToError(ex, input.TargetObject, "New-SqVideo " + Describe(request) + (keyed ? " (idempotency key " + key + ")" : ""), _connection.Videos);
                if (ApiErrorTranslator.IsFatal(ex)) throw new OperationTerminatedException(error);
                sink.WriteError(error);
                return;
            }
            batch?.Submitted(rowKey!, submission.JobUid);

            sink.WriteVerbose("Submitted " + submission.JobUid + " for " + request.Model + "; cost " + Money(submission.Usage?.Cost, submission.Usage?.Currency)
                + " (request " + submission.RequestId + ").");
            var job = new VideoJob
            {
                JobUid = submission.JobUid,
                Provider = _connection.Provider,
                Status = submission.Status,
                ProviderStatus = submission.ProviderStatus,
                Model = request.Model,
                Type = request.Type,
                Prompt = request.Prompt,
                ImageUrl = request.ImageUrl,
                Duration = request.Duration,
                Cost = submission.Usage?.Cost,
                BalanceRemaining = submission.Usage?.BalanceRemaining,
                Currency = submission.Usage?.Currency,
                IdempotencyKey = keyed ? key : null,
                SubmittedAt = DateTimeOffset.Now,
                RequestId = submission.RequestId,
            };
            // Recorded before it is written: a pipeline stopped by the write still leaves the job in Get-SqJob.
            _connection.Jobs.Record(job);
            sink.WriteObject(job);
        }

        /// <summary>EndProcessing: says how many rows were held back after the wallet ran out, and closes the batch journal.</summary>
        public void Complete(IOperationSink sink)
        {
            Dispose();
            if (_notSubmitted > 0)
                sink.WriteWarning(_notSubmitted + " more row(s) were not submitted because the wallet balance ran out. Top up, then run the batch again (with the same -BatchId nothing is charged twice).");
        }

        /// <summary>
        /// The row's request with the columns its model declares as options added to <see cref="VideoRequest.Options"/>
        /// (an -Option of the same name wins; an empty cell counts as not given).
        /// </summary>
        private static VideoRequest WithOptionColumns(NewVideoInput input, IReadOnlyList<VideoModel> models)
        {
            VideoRequest request = input.Request;
            if (input.OtherColumns == null || input.OtherColumns.Count == 0 || request.Model == null) return request;
            VideoModel? model = models.FirstOrDefault(m => string.Equals(m.Model, request.Model, StringComparison.OrdinalIgnoreCase));
            if (model == null || model.Options.Count == 0) return request;

            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, string> column in input.OtherColumns)
                if (!string.IsNullOrWhiteSpace(column.Value) && model.Options.Keys.Any(k => string.Equals(k, column.Key, StringComparison.OrdinalIgnoreCase)))
                    options[column.Key] = column.Value.Trim();
            if (options.Count == 0) return request;
            foreach (KeyValuePair<string, string> option in request.Options) options[option.Key] = option.Value;
            return request.WithOptions(options);
        }

        /// <summary>Closes the -BatchId journal (also when the pipeline is stopped); idempotent.</summary>
        public void Dispose()
        {
            _batch?.Dispose();
            _batch = null;
        }

        /// <summary>
        /// The batch's journal, opened on the first row that reaches a submit. A journal that cannot be opened (in use
        /// by another session, another account's file, an unwritable folder) stops the batch before anything is paid.
        /// </summary>
        private JournalledBatch OpenJournal(object? target)
        {
            if (_batch != null) return _batch;
            try
            {
                _batch = JournalledBatch.Open(_batchId!, _connection.Videos, _connection.Account, _journalPath);
                return _batch;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException || ex is InvalidDataException || ex is ArgumentException)
            {
                throw new OperationTerminatedException(new OperationError(ex, "BatchJournalUnavailable", ex is ArgumentException ? ErrorKind.InvalidArgument : ErrorKind.InvalidOperation, target, null,
                    "The batch journal records which rows already have a job, so a re-run never pays twice; fix the cause, or choose another folder with -JournalPath."));
            }
        }

        /// <summary>
        /// True when the row is to be submitted. Otherwise writes the job an earlier run made (re-read from the
        /// provider), or the row's "uncertain" error, and returns false.
        /// </summary>
        private async Task<bool> TryDecideAsync(JournalledBatch batch, string rowKey, VideoRequest request, object? target, IOperationSink sink, CancellationToken cancellationToken)
        {
            BatchDecision decision;
            try
            {
                decision = await batch.DecideAsync(rowKey, request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                sink.WriteError(ApiErrorTranslator.ToError(ex, target, "New-SqVideo " + Describe(request) + " could not settle an earlier submission of this batch"));
                return false;
            }

            if (decision.Kind == BatchDecisionKind.Submit) return true;
            if (decision.Kind == BatchDecisionKind.Uncertain)
            {
                string message = "The earlier submission of " + Describe(request) + " in batch '" + _batchId + "' (begun " + decision.Why
                    + ") got no answer, so it may have been charged; " + _connection.Provider + " cannot list jobs to check, so it is not submitted again.";
                sink.WriteError(new OperationError(new InvalidOperationException(message), "SubmissionUncertain", ErrorKind.ResourceExists, target, null,
                    "Check the provider's dashboard for the job; to submit the row again anyway, run it with another -BatchId. Journal: " + batch.Path));
                return false;
            }

            JobSnapshot snapshot;
            try
            {
                snapshot = await _connection.Videos.GetJobAsync(decision.JobId!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                sink.WriteError(ApiErrorTranslator.ToError(ex, target, "New-SqVideo " + Describe(request) + ": job " + decision.JobId + " (" + decision.Why + ")"));
                return false;
            }

            sink.WriteVerbose("Not submitting " + Describe(request) + ": job " + decision.JobId + " was " + decision.Why + ".");
            var job = new VideoJob
            {
                JobUid = decision.JobId!,
                Provider = _connection.Provider,
                Model = request.Model,
                Type = request.Type,
                Prompt = request.Prompt,
                ImageUrl = request.ImageUrl,
                Duration = request.Duration,
            }.With(snapshot);
            _connection.Jobs.Record(job);
            sink.WriteObject(job);
            return false;
        }

        /// <summary>
        /// False (after writing the row's error) when a column of the input object binds to nothing but resembles a
        /// parameter: the value the user meant would be silently dropped. Warns once about each other unknown column.
        /// </summary>
        private bool CheckColumns(NewVideoInput input, IReadOnlyList<VideoModel> models, IOperationSink sink)
        {
            if (_columns == null || input.Columns == null) return true;
            // A column some model of this provider declares as an option binds to that option.
            var options = new HashSet<string>(models.SelectMany(m => m.Options.Keys), StringComparer.OrdinalIgnoreCase);
            ColumnCheck check = _columns.Check(input.Columns.Where(c => !options.Contains(c)));
            string[] unknown = check.Unknown.Where(_warnedColumns.Add).ToArray();
            if (unknown.Length > 0)
                sink.WriteWarning("Ignoring input column(s) that match no New-SqVideo parameter: " + string.Join(", ", unknown) + ".");
            if (check.Mismatches.Count == 0) return true;

            var fields = check.Mismatches
                .Select(m => new FieldError(m.Column, "column '" + m.Column + "' binds to no parameter but looks like " + m.Parameter + "; rename it " + m.Suggestion + "."))
                .ToList();
            sink.WriteError(new OperationError(new VideoRequestValidationException(fields), "VALIDATION_ERROR", ErrorKind.InvalidArgument, input.TargetObject, null,
                "Rename the column (Get-Help New-SqVideo -Parameter * lists the names that bind); Get-SqVideoModel lists the values each model accepts."));
            return false;
        }

        /// <summary>
        /// The one error for a 402: the balance (from the answer, else from the provider's <see cref="IBalanceProvider"/>),
        /// what the row would cost, in the provider's currency, and that no further row is sent.
        /// </summary>
        private async Task<OperationError> OutOfBalanceAsync(VideoApiException ex, VideoRequest request, object? target, CancellationToken cancellationToken)
        {
            decimal? balance = ex.Balance;
            string? currency = ex.Currency;
            if (balance == null && _connection.Videos is IBalanceProvider balances)
            {
                try
                {
                    WalletBalance wallet = await balances.GetBalanceAsync(cancellationToken).ConfigureAwait(false);
                    balance = wallet.Balance;
                    currency ??= wallet.Currency;
                }
                catch (Exception balanceError) when (!(balanceError is OperationCanceledException))
                {
                    // The 402 itself is the news; an unknown balance is only said so.
                }
            }

            string message = "Insufficient balance: the wallet has " + (balance.HasValue ? Money(balance, currency) : "too little (balance unknown)")
                + " and " + Describe(request) + " would cost " + (ex.Cost.HasValue ? Money(ex.Cost, currency) : "more")
                + ". No further rows are submitted; jobs already submitted go on.";
            return new OperationError(
                ex.WithMessage(message),
                ex.ErrorCode, ErrorKind.QuotaExceeded, target, ex.RequestId,
                (ex.Advice ?? "Top up the " + _connection.Provider + " balance, then run the rows again.").Replace("run the rows again", "run the batch again"));
        }

        /// <summary>
        /// "Submit a text_to_video job of 10 s, cost 0.5600 SQC" — what -WhatIf says is done. The cost is the model's
        /// price per second × the duration (the API's default, the shortest, when none is given) in the model's
        /// currency where the model list gives a price; otherwise "costs SQC" (the model's currency) without a figure.
        /// </summary>
        private static string SubmitAction(VideoRequest request, IReadOnlyList<VideoModel> models)
        {
            VideoModel? model = null;
            foreach (VideoModel candidate in models)
                if (string.Equals(candidate.Model, request.Model, StringComparison.OrdinalIgnoreCase)) model = candidate;
            int? seconds = request.Duration ?? (model != null && model.Duration.Count > 0 ? Min(model.Duration) : (int?)null);
            decimal? cost = model?.EstimateCost(request.Duration);
            return "Submit a " + request.Type + " job" + (seconds.HasValue ? " of " + seconds.Value.ToString(CultureInfo.InvariantCulture) + " s" : "") + ", "
                + (cost.HasValue ? "cost " + Money(cost, model?.Currency) : "costs " + (model?.Currency ?? "money") + " (the model list gives no price)");
        }

        private static int Min(IReadOnlyList<int> values)
        {
            int min = int.MaxValue;
            foreach (int value in values) min = Math.Min(min, value);
            return min;
        }

        /// <summary>"kling-v2-1: A lone astronaut…" — what -WhatIf and errors name.</summary>
        private static string Describe(VideoRequest request)
        {
            string what = request.Prompt ?? request.ImageUrl ?? "";
            if (what.Length > PromptPreviewLength) what = what.Substring(0, PromptPreviewLength) + "…";
            return request.Model + ": '" + what + "'";
        }

        /// <summary>"0.2800 SQC"; "?" for an unknown amount, no unit when the currency is unknown.</summary>
        private static string Money(decimal? value, string? currency)
            => (value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "?") + (string.IsNullOrEmpty(currency) ? "" : " " + currency);
    }
}
