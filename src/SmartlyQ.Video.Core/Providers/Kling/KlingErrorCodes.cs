using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// Kling's service codes (API docs, error codes) in neutral terms: 1000–1004 (HTTP 401: auth failed, empty, invalid,
    /// not yet valid, expired) → Unauthorized; 1100 (429, account exception) → Forbidden; 1101/1102 (429, arrears,
    /// resource pack depleted) → InsufficientBalance; 1103 (403) and 1304 (429, IP whitelist) → Forbidden; 1200/1201
    /// (400, bad parameters/value) and 1300/1301 (400, platform policy, content safety) → BadRequest; 1202/1203 (404,
    /// bad method, resource not found) → NotFound; 1302/1303 (429, rate and concurrency limit) → RateLimited;
    /// 5000–5002 (500/503/504) → ServerError. Other codes: by HTTP status.
    /// </summary>
    internal static class KlingErrorCodes
    {
        /// <summary>The kind of <paramref name="code"/> (null: none), else of <paramref name="status"/>.</summary>
        public static ApiErrorKind Kind(int? code, int status)
        {
            switch (code)
            {
                case 1000: case 1001: case 1002: case 1003: case 1004: return ApiErrorKind.Unauthorized;
                case 1100: case 1103: case 1304: return ApiErrorKind.Forbidden;
                case 1101: case 1102: return ApiErrorKind.InsufficientBalance;
                case 1200: case 1201: case 1300: case 1301: return ApiErrorKind.BadRequest;
                case 1202: case 1203: return ApiErrorKind.NotFound;
                case 1302: case 1303: return ApiErrorKind.RateLimited;
                case 5000: case 5001: case 5002: return ApiErrorKind.ServerError;
            }
            return ApiErrorKinds.FromStatus(status);
        }
    }
}
