using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// Set by <c>POST /videos/generate</c> when it really created a job, so accept-then-drop only drops answers that
    /// created something (not validation errors, 402s or idempotent replays, which never reach the endpoint).
    /// </summary>
    internal static class AcceptedJobMark
    {
        private const string ItemKey = "SmartlyQ.Sandbox.AcceptedJob";

        public static void Set(HttpContext context, string jobUid) => context.Items[ItemKey] = jobUid;

        public static bool IsSet(HttpContext context) => context.Items.ContainsKey(ItemKey);
    }
}
