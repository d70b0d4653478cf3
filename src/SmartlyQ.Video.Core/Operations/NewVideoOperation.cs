using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// New-SqVideo: for each row, checks the request against the model's capabilities, asks ShouldProcess, submits
    /// it with an idempotency key and writes the <see cref="VideoJob"/>. A bad row is a non-terminating error that
    /// costs nothing; the next row goes on.
    /// </summary>
    public sealed class NewVideoOperation
    {
        private const int PromptPreviewLength = 60;
        private readonly SmartlyQConnection _connection;

        /// <summary>Creates the operation for one pipeline run.</summary>
        public NewVideoOperation(SmartlyQConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        /// <summary>
        /// Handles one row. Writes one <see cref="VideoJob"/>, or one error (validation, API refusal), or nothing
        /// under -WhatIf. Throws <see cref="OperationTerminatedException"/> only when no further row can succeed (401,
        /// or the model list cannot be read).
        /// </summary>
        public async Task ProcessAsync(NewVideoInput input, IOperationSink sink, CancellationToken cancellationToken)
        {
            using IDisposable log = VerboseLog.Use(sink.WriteVerbose);
            IReadOnlyList<VideoModel> models;
            try
            {
                models = await _connection.GetModelsAsync(false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw new OperationTerminatedException(ApiErrorTranslator.ToError(ex, input.TargetObject, "New-SqVideo could not read the model list"));
            }

            VideoRequest request;
            try
            {
                request = VideoRequestValidator.Validate(input.Request, models);
            }
            catch (VideoRequestValidationException ex)
            {
                sink.WriteError(new OperationError(ex, "VALIDATION_ERROR", ErrorKind.InvalidArgument, input.TargetObject, null,
                    "Fix the named fields; Get-SqVideoModel lists the values each model accepts."));
                return;
            }

            string action = "Submit video job (" + request.Type + (request.Duration is int d ? ", " + d + " s" : "") + ", costs SQC)";
            if (!await sink.ShouldProcessAsync(Describe(request), action, cancellationToken).ConfigureAwait(false))
                return;

            string key = input.IdempotencyKey ?? Guid.NewGuid().ToString();
            JobSubmission submission;
            try
            {
                submission = await _connection.Videos.SubmitAsync(request, key, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                OperationError error = ApiErrorTranslator.ToError(ex, input.TargetObject, "New-SqVideo " + Describe(request) + " (idempotency key " + key + ")");
                if (ApiErrorTranslator.IsFatal(ex)) throw new OperationTerminatedException(error);
                sink.WriteError(error);
                return;
            }

            sink.WriteVerbose("Submitted " + submission.JobUid + " for " + request.Model + "; cost " + Money(submission.Usage?.Cost) + " SQC (request " + submission.RequestId + ").");
            sink.WriteObject(new VideoJob
            {
                JobUid = submission.JobUid,
                Status = submission.Status,
                Model = request.Model,
                Type = request.Type,
                Prompt = request.Prompt,
                ImageUrl = request.ImageUrl,
                Duration = request.Duration,
                Cost = submission.Usage?.Cost,
                BalanceRemaining = submission.Usage?.BalanceRemaining,
                IdempotencyKey = key,
                SubmittedAt = DateTimeOffset.Now,
                RequestId = submission.RequestId,
            });
        }

        /// <summary>"kling-v2-1: A lone astronaut…" — what -WhatIf and errors name.</summary>
        private static string Describe(VideoRequest request)
        {
            string what = request.Prompt ?? request.ImageUrl ?? "";
            if (what.Length > PromptPreviewLength) what = what.Substring(0, PromptPreviewLength) + "…";
            return request.Model + ": '" + what + "'";
        }

        private static string Money(decimal? value)
            => value?.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) ?? "?";
    }
}
