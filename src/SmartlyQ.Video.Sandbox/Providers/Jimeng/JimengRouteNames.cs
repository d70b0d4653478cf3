using System.Collections.Generic;
using SmartlyQ.Video.Sandbox.Chaos;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Chaos route names (keys of <see cref="ChaosOptions.Routes"/>) of the Jimeng dialect of the new-api emulator. Both
    /// actions are <c>POST /newapi/jimeng/?Action=…</c> on the wire; the sandbox routes each action as a path segment of
    /// its own (see <see cref="Providers.Jimeng.JimengActionRouting"/>), so a submit is in the generate group and a
    /// result query in the jobs group, as for every other API.
    /// </summary>
    public static class JimengRouteNames
    {
        /// <summary><c>POST /newapi/jimeng/?Action=CVSync2AsyncSubmitTask</c> (submit a task).</summary>
        public const string Submit = "POST /newapi/jimeng/CVSync2AsyncSubmitTask";

        /// <summary><c>POST /newapi/jimeng/?Action=CVSync2AsyncGetResult</c> (query a task).</summary>
        public const string GetResult = "POST /newapi/jimeng/CVSync2AsyncGetResult";

        /// <summary>Both routes with their groups.</summary>
        internal static IEnumerable<ChaosRoute> Routes => new[]
        {
            new ChaosRoute(Submit, ChaosRouteNames.GenerateGroup),
            new ChaosRoute(GetResult, ChaosRouteNames.JobsGroup),
        };
    }
}
