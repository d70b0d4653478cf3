using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary><c>page</c> (1-based) and <c>per_page</c> (default 20, max 100) per API doc §10; bad values are 422.</summary>
    internal readonly record struct PageRequest(int Page, int PerPage)
    {
        public const int DefaultPerPage = 20;
        public const int MaxPerPage = 100;

        public static PageRequest Parse(IQueryCollection query, JsonObject errors)
        {
            var page = ParseOne(query, "page", 1, 1, int.MaxValue, "page must be an integer of at least 1.", errors);
            var perPage = ParseOne(query, "per_page", DefaultPerPage, 1, MaxPerPage, $"per_page must be an integer from 1 to {MaxPerPage}.", errors);
            return new PageRequest(page, perPage);
        }

        private static int ParseOne(IQueryCollection query, string name, int fallback, int min, int max, string message, JsonObject errors)
        {
            if (!query.TryGetValue(name, out var raw) || string.IsNullOrEmpty(raw)) return fallback;
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
            errors[name] = message;
            return fallback;
        }
    }
}
