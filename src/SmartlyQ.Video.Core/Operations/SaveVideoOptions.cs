namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Parameters of Save-SqVideo.</summary>
    public sealed class SaveVideoOptions
    {
        /// <summary>The default -ThrottleLimit: four downloads at once.</summary>
        public const int DefaultThrottleLimit = 4;

        /// <summary>The largest -ThrottleLimit Save-SqVideo accepts: 32 downloads at once (the .NET Framework handler allows that many connections per host, plus room for polls).</summary>
        public const int MaxThrottleLimit = 32;

        /// <summary>Absolute path of an existing folder (-Path, resolved by the cmdlet).</summary>
        public string Directory { get; init; } = "";

        /// <summary>-FileName: name or template with <c>{job_uid}</c>/<c>{model}</c>; null → <c>{job_uid}.mp4</c>.</summary>
        public string? FileName { get; init; }

        /// <summary>-Force: overwrite an existing file.</summary>
        public bool Force { get; init; }

        /// <summary>-ThrottleLimit: downloads running at once, at least 1; default 4.</summary>
        public int ThrottleLimit { get; init; } = DefaultThrottleLimit;
    }
}
