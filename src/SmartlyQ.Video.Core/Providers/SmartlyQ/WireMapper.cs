using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Turns SmartlyQ's wire DTOs into the public models (and a <see cref="VideoRequest"/> into its wire body).</summary>
    internal static class WireMapper
    {
        /// <summary>Registry name written on every model, job and balance.</summary>
        public const string Provider = "SmartlyQ";

        /// <summary>The unit of every amount SmartlyQ reports (SmartlyQ Credits).</summary>
        public const string Currency = "SQC";

        /// <summary>Where model values come from.</summary>
        private static readonly VideoSource ModelSource = VideoSource.Api("GET /videos/models");

        /// <summary>
        /// The neutral fields SmartlyQ can send (its body has a field for each; which values a model takes is in the
        /// model's lists and flags): all but ImagePath, since SmartlyQ takes a public image URL only, never a local file.
        /// </summary>
        private static readonly string[] Fields = VideoField.All.Where(f => f != VideoField.ImagePath).ToArray();

        public static VideoGenerateRequestDto ToWire(VideoRequest request) => new VideoGenerateRequestDto
        {
            Model = request.Model,
            Type = request.Type,
            Prompt = request.Prompt,
            ImageUrl = request.ImageUrl,
            Duration = request.Duration,
            Resolution = request.Resolution,
            Mode = request.Mode,
            AspectRatio = request.AspectRatio,
            Style = request.Style,
            Movement = request.Movement,
            NegativePrompt = request.NegativePrompt,
            Seed = request.Seed,
            GenerateAudio = request.GenerateAudio,
            CameraFixed = request.CameraFixed,
        };

        /// <summary>A job row; <paramref name="fallbackUid"/> fills in when the answer names no id.</summary>
        public static JobSnapshot ToSnapshot(JobDto dto, string? requestId, string? fallbackUid = null, JobStatus? fallbackStatus = null)
        {
            JobResultDto? result = dto.Result;
            return new JobSnapshot
            {
                JobUid = dto.AnyId ?? fallbackUid ?? "",
                Provider = Provider,
                Type = dto.Type,
                Status = string.IsNullOrWhiteSpace(dto.Status) && fallbackStatus.HasValue ? fallbackStatus.Value : SmartlyQStatus.ToNeutral(dto.Status),
                ProviderStatus = string.IsNullOrWhiteSpace(dto.Status) ? null : dto.Status!.Trim(),
                VideoUrl = ToAbsoluteUri(result?.VideoUrl ?? dto.VideoUrl),
                Duration = result?.Duration ?? result?.DurationSec ?? dto.DurationSec,
                Model = result?.Model ?? dto.Model,
                Error = ToJobError(dto.Error),
                CreatedAt = dto.CreatedAt,
                UpdatedAt = dto.UpdatedAt,
                RequestId = requestId,
            };
        }

        public static JobError? ToJobError(ErrorBodyDto? error)
            => error == null || string.IsNullOrWhiteSpace(error.Code) && string.IsNullOrWhiteSpace(error.Message)
                ? null
                : new JobError(error.Code, error.Message);

        public static ApiUsage? ToUsage(UsageDto? usage)
            => usage == null ? null : new ApiUsage
            {
                Units = usage.Units ?? 0,
                Cost = usage.Cost ?? 0m,
                BalanceRemaining = usage.BalanceRemaining,
                Currency = Currency,
            };

        public static AccountInfo ToAccount(AccountDto dto) => new AccountInfo
        {
            Id = dto.Id,
            Name = dto.Name,
            Email = dto.Email,
            Workspaces = NonEmpty((dto.Workspaces ?? new List<WorkspaceDto?>()).Select(w => w?.Name)),
            Scopes = NonEmpty(dto.ApiKey?.Scopes ?? dto.Scopes),
        };

        /// <summary>Null when the answer holds no balance at all (neither documented shape).</summary>
        public static WalletBalance? ToBalance(BalanceDto dto, string? requestId)
        {
            decimal? balance = dto.Balance ?? dto.BalanceSqc
                ?? (dto.PurchasedBalance.HasValue || dto.MonthlyBalance.HasValue ? (dto.PurchasedBalance ?? 0m) + (dto.MonthlyBalance ?? 0m) : (decimal?)null);
            if (balance == null) return null;
            return new WalletBalance
            {
                Balance = balance.Value,
                PurchasedBalance = dto.PurchasedBalance,
                MonthlyBalance = dto.MonthlyBalance,
                MonthlyResetAt = dto.MonthlyResetAt,
                Currency = string.IsNullOrWhiteSpace(dto.Currency) ? Currency : dto.Currency,
                Provider = Provider,
                RequestId = requestId,
            };
        }

        public static VideoModel? ToModel(VideoModelDto? dto)
        {
            string? id = string.IsNullOrWhiteSpace(dto?.Model) ? dto?.Id : dto!.Model;
            if (dto == null || string.IsNullOrWhiteSpace(id)) return null;
            return new VideoModel
            {
                Provider = Provider,
                Source = ModelSource,
                Fields = Fields,
                Model = id!,
                Name = string.IsNullOrWhiteSpace(dto.Name) ? id! : dto.Name!,
                Types = NonEmpty(dto.Types),
                Duration = (IReadOnlyList<int>?)dto.Duration?.ToArray() ?? new int[0],
                Resolution = NonEmpty(dto.Resolution),
                Mode = NonEmpty(dto.Mode),
                AspectRatio = NonEmpty(dto.AspectRatio),
                Style = NonEmpty(dto.Style),
                Movement = NonEmpty(dto.Movement),
                PromptMaxLength = dto.PromptMaxLength,
                SupportsNegativePrompt = dto.SupportsNegativePrompt ?? false,
                SupportsSeed = dto.SupportsSeed ?? false,
                SupportsGenerateAudio = dto.SupportsGenerateAudio ?? false,
                SupportsCameraFixed = dto.SupportsCameraFixed ?? false,
                PricePerSecond = dto.PricePerSecond >= 0 ? dto.PricePerSecond : null,
                Currency = Currency,
            };
        }

        private static Uri? ToAbsoluteUri(string? text)
            => !string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text!.Trim(), UriKind.Absolute, out Uri? uri) ? uri : null;

        private static string[] NonEmpty(IEnumerable<string?>? values)
            => values == null ? new string[0] : values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray();
    }
}
