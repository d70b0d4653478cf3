using System;

namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary>A job's status at one instant and when it last changed.</summary>
    internal readonly record struct JobState(string Status, DateTimeOffset UpdatedAt);
}
