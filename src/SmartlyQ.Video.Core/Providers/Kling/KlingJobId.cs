using System;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// The job uid handed out for a Kling task. Kling polls a task on the route that created it
    /// (<c>v1/videos/text2video/{id}</c> or <c>v1/videos/image2video/{id}</c>), so the uid carries the route and survives a
    /// restart (Wait-SqJob -JobUid): a text2video task's uid is its task id as the API gave it, an image2video task's
    /// <c>i2v-&lt;task_id&gt;</c>. Every uid is a plain token: letters, digits, <c>_</c> and <c>-</c> (Kling's base64url ids,
    /// new-api's <c>task_…</c>), checked by <see cref="JobUids.Validate"/> before it reaches a path.
    /// </summary>
    internal static class KlingJobId
    {
        /// <summary>The uid prefix of a task made on the image2video route.</summary>
        public const string ImagePrefix = "i2v-";

        /// <summary>The text2video route, relative to the base URI.</summary>
        public const string TextRoute = "v1/videos/text2video";

        /// <summary>The image2video route, relative to the base URI.</summary>
        public const string ImageRoute = "v1/videos/image2video";

        /// <summary>The uid for <paramref name="taskId"/> made on the image route or not; throws <see cref="ArgumentException"/> naming <c>JobUid</c> for an unsafe id.</summary>
        public static string Encode(bool image, string taskId)
        {
            string id = JobUids.Validate(taskId);
            return image ? ImagePrefix + id : id;
        }

        /// <summary>
        /// The route and task id of <paramref name="jobUid"/>; a uid without <see cref="ImagePrefix"/> is a text2video task.
        /// Throws <see cref="ArgumentException"/> naming <c>JobUid</c> for an unsafe uid (see <see cref="JobUids.Validate"/>).
        /// </summary>
        public static (string Route, string TaskId) Decode(string jobUid)
        {
            string uid = JobUids.Validate(jobUid);
            if (uid.StartsWith(ImagePrefix, StringComparison.Ordinal) && uid.Length > ImagePrefix.Length) return (ImageRoute, uid.Substring(ImagePrefix.Length));
            return (TextRoute, uid);
        }
    }
}
