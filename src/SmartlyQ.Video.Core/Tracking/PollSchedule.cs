using System;

namespace SmartlyQ.Video.Core.Tracking
{
    /// <summary>
    /// How often tracked jobs are polled. A few jobs: the requested interval (the docs advise 3–5 s). Many jobs: the
    /// interval widens so one round of polls uses at most half of the key's request budget, leaving the rest for
    /// submissions and downloads (which the pacer also serves first, so polls never hold them up). Half, not less:
    /// where every job is polled on its own (NanoGPT), a narrower share left finished videos waiting for their next
    /// poll well past the batch's floor. A round costs one list request per 100 jobs, or one request per job where
    /// the list endpoint is not available.
    /// </summary>
    internal static class PollSchedule
    {
        /// <summary>Jobs per page of the provider's job list (the most SmartlyQ and OpenAI give).</summary>
        public const int ListPageSize = 100;

        /// <summary>Due jobs from which one list request is cheaper than one request per job.</summary>
        public const int ListThreshold = 3;

        /// <summary>Share of the key's requests per second that polling may use.</summary>
        public const double BudgetShare = 0.5;

        /// <summary>Requests per second assumed before the provider's answers have said (<see cref="Providers.IRateBudget"/>): a cautious one per second.</summary>
        public const double DefaultRequestsPerSecond = 1.0;

        /// <summary>Requests one round of polls costs for <paramref name="jobs"/> jobs.</summary>
        public static int RequestsPerRound(int jobs, bool listAvailable)
            => jobs == 0 ? 0 : listAvailable && jobs >= ListThreshold ? (jobs + ListPageSize - 1) / ListPageSize : jobs;

        /// <summary>
        /// The interval for <paramref name="jobs"/> tracked jobs: at least <paramref name="requested"/>, and long enough
        /// that a round's requests fit in <see cref="BudgetShare"/> of <paramref name="requestsPerSecond"/>.
        /// </summary>
        public static TimeSpan Interval(TimeSpan requested, int jobs, bool listAvailable, double? requestsPerSecond)
        {
            double rate = requestsPerSecond is double r && r > 0 ? r : DefaultRequestsPerSecond;
            double budgetSeconds = RequestsPerRound(jobs, listAvailable) / (BudgetShare * rate);
            return budgetSeconds > requested.TotalSeconds ? TimeSpan.FromSeconds(budgetSeconds) : requested;
        }
    }
}
