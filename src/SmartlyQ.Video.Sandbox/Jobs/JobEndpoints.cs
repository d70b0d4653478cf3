using System;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary><c>GET /jobs</c>, <c>GET /jobs/{id}</c>, <c>POST /jobs/{id}/cancel</c>; all need <c>jobs:read</c> (cancel too, per the scope table).</summary>
    internal static class JobEndpoints
    {
        public static void Map(IEndpointRouteBuilder v1)
        {
            v1.MapGet("/jobs", (HttpContext context, JobStore jobs) => List(context, jobs)).RequireScope(KnownScopes.JobsRead);

            v1.MapGet("/jobs/{id}", (string id, HttpContext context, JobStore jobs) =>
            {
                if (!TryFind(context, jobs, id, out var job)) return NotFound(id);
                return Envelope.Ok(JobJson.Write(job, jobs.Settle(job), context.Request));
            }).RequireScope(KnownScopes.JobsRead);

            v1.MapPost("/jobs/{id}/cancel", (string id, HttpContext context, JobStore jobs) =>
            {
                if (!TryFind(context, jobs, id, out var job)) return NotFound(id);
                if (!jobs.TryCancel(job, out var state))
                {
                    return Envelope.Error(ApiErrorKind.StateConflict,
                        $"Job '{id}' is already {state.Status} and cannot be cancelled.",
                        new JsonObject { ["status"] = state.Status });
                }
                return Envelope.Ok(JobJson.Write(job, state, context.Request));
            }).RequireScope(KnownScopes.JobsRead);
        }

        private static IResult List(HttpContext context, JobStore jobs)
        {
            var query = context.Request.Query;
            var errors = new JsonObject();
            var paging = PageRequest.Parse(query, errors);
            string? status = query["status"];
            if (!string.IsNullOrEmpty(status) && !JobStatuses.All.Contains(status))
                errors["status"] = "status must be one of: " + string.Join(", ", JobStatuses.All) + ".";
            if (errors.Count > 0) return Envelope.Error(ApiErrorKind.Validation, "The query parameters are invalid.", errors);

            string? type = query["type"];
            var candidates = jobs.ListFor(ApiCaller.Get(context))
                .Where(job => string.IsNullOrEmpty(type) || job.Type == type);
            var skip = (int)Math.Min(int.MaxValue, (long)(paging.Page - 1) * paging.PerPage);
            var data = new JsonArray();
            int total;
            if (string.IsNullOrEmpty(status))
            {
                // Without a status filter only the page's jobs need their state, so a big history stays cheap to page through.
                var all = candidates.ToList();
                total = all.Count;
                foreach (var job in all.Skip(skip).Take(paging.PerPage))
                    data.Add(JobJson.Write(job, jobs.Settle(job), context.Request));
            }
            else
            {
                var matching = candidates
                    .Select(job => (job, state: jobs.Settle(job)))
                    .Where(x => x.state.Status == status)
                    .ToList();
                total = matching.Count;
                foreach (var (job, state) in matching.Skip(skip).Take(paging.PerPage))
                    data.Add(JobJson.Write(job, state, context.Request));
            }

            var pagination = new JsonObject
            {
                ["page"] = paging.Page,
                ["per_page"] = paging.PerPage,
                ["total"] = total,
                ["pages"] = (total + paging.PerPage - 1) / paging.PerPage,
            };
            return Envelope.Ok(data, pagination: pagination);
        }

        // Other keys' jobs are reported as unknown, so ids do not leak between accounts.
        private static bool TryFind(HttpContext context, JobStore jobs, string id, out SandboxJob job) =>
            jobs.TryGet(id, out job) && job.Owner == ApiCaller.Get(context);

        private static IResult NotFound(string id) =>
            Envelope.Error(ApiErrorKind.NotFound, $"Job '{id}' was not found.", new JsonObject { ["job_id"] = id });
    }
}
