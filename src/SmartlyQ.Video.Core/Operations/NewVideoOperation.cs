using System;
using System.Collections.Generic;
using System.Globalization;
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
    public sealed class NewVideoOperation
    {
        private const int PromptPreviewLength = 60;
        private const string IdempotencyKeyField = "idempotency_key";
        private readonly SmartlyQConnection _connection;
        private readonly BatchKeys? _batchKeys;
        private readonly ColumnNames? _columns;
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
            if (options?.BatchId != null) _batchKeys = new BatchKeys(options.BatchId);
            _columns = options?.Columns;
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

            if (!CheckColumns(input, sink)) return;

            IReadOnlyList<VideoModel> models;
            try
            {
                models = await _connection.GetModelsAsync(false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw new OperationTerminatedException(ApiErrorTranslator.ToError(ex, input.TargetObject, "New-SqVideo could not read the model list", _connection.Videos));
            }

            VideoRequest? request = null;
            var fields = new List<FieldError>();
            try
            {
                request = VideoRequestValidator.Validate(input.Request, models, _connection.Provider);
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
                sink.WriteError(new OperationError(new VideoRequestValidationException(fields), "VALIDATION_ERROR", ErrorKind.InvalidArgument, input.TargetObject, null,
                    "Fix the named fields; Get-SqVideoModel lists the values each model accepts."));
                return;
            }

            string key = input.IdempotencyKey ?? _batchKeys?.Next(request) ?? Guid.NewGuid().ToString();
            if (!await sink.ShouldProcessAsync(_connection.Provider + " " + Describe(request), SubmitAction(request, models), cancellationToken).ConfigureAwait(false))
                return;

            bool keyed = _connection.Videos is IIdempotentSubmission;
            JobSubmission submission;
            try
            {
                submission = await _connection.Videos.SubmitAsync(request, new SubmitOptions { IdempotencyKey = keyed ? key : null }, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoApiException ex) when (ex.Kind == ApiErrorKind.InsufficientBalance)
            {
                _outOfBalance = true;
                sink.WriteError(await OutOfBalanceAsync(ex, request, input.TargetObject, cancellationToken).ConfigureAwait(false));
                return;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                OperationError error = ApiErrorTranslator.ToError(ex, input.TargetObject, "New-SqVideo " + Describe(request) + (keyed ? " (idempotency key " + key + ")" : ""), _connection.Videos);
                if (ApiErrorTranslator.IsFatal(ex)) throw new OperationTerminatedException(error);
                sink.WriteError(error);
                return;
            }

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

        /// <summary>EndProcessing: says how many rows were held back after the wallet ran out.</summary>
        public void Complete(IOperationSink sink)
        {
            if (_notSubmitted > 0)
                sink.WriteWarning(_notSubmitted + " more row(s) were not submitted because the wallet balance ran out. Top up, then run the batch again (with the same -BatchId nothing is charged twice).");
        }

        /// <summary>
        /// False (after writing the row's error) when a column of the input object binds to nothing but resembles a
        /// parameter: the value the user meant would be silently dropped. Warns once about each other unknown column.
        /// </summary>
        private bool CheckColumns(NewVideoInput input, IOperationSink sink)
        {
            if (_columns == null || input.Columns == null) return true;
            ColumnCheck check = _columns.Check(input.Columns);
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
